/**
 * pipeline.write_artifacts: the patient and clinician Markdown, each with its numbered citations, from the
 * findings and trends run_inference stored and the lab's panel.
 */
import { clinicianNarrative } from "../../clinical/narrative/clinician";
import { patientNarrative } from "../../clinical/narrative/patient";
import { readFindings, readMetadata, readMicrobiology, readSkipped, writeCitations } from "../codecs";
import { updateLabReportingSteps } from "./notify";
import { loadPanel } from "./panel";
import type { PipelineLab } from "./pipeline-lab";
import { readStepLab, type StepLab } from "./step-lab";

export async function writeArtifacts({ labResultId, organizationId }: PipelineLab): Promise<{ patientCitations: number; clinicianCitations: number }> {
  const lab = await readStepLab({ labResultId, organizationId });
  // The trends are run_inference's, as the findings are: the member's earlier labs are not read again, and a
  // lab of theirs that became ready meanwhile cannot make the narratives disagree with the findings.
  const { panel } = await loadPanel({ labResultId, organizationId }, lab, { history: false });
  const interpretation = {
    findings: readFindings(lab.findings, labResultId),
    insightsMatched: lab.insightsMatched ?? 0,
    trends: storedTrends(lab.metadata, labResultId),
  };
  const cultures = readMicrobiology(lab.microbiology, labResultId);
  const patient = patientNarrative(interpretation, panel, cultures);
  const skipped = readSkipped(lab.skipped, labResultId);
  const cancelled = skipped.filter((entry) => entry.cancelled).map((entry) => entry.reason);
  const unread = skipped.filter((entry) => !entry.cancelled);
  const clinician = clinicianNarrative(interpretation, panel, { cultures, cancelled, unread });
  await updateLabReportingSteps(
    { labResultId, organizationId },
    {
      patientResponse: patient.markdown,
      clinicianResponse: clinician.markdown,
      citations: writeCitations({ patient: patient.citations, clinician: clinician.citations }),
    },
    [7],
  );
  return { patientCitations: Object.keys(patient.citations).length, clinicianCitations: Object.keys(clinician.citations).length };
}

function storedTrends(metadata: StepLab["metadata"], labResultId: string) {
  const stored = readMetadata(metadata, labResultId);
  // run_inference always stores them before this step runs; without them the narratives would be wrong, not short.
  if (!stored) throw new Error(`lab ${labResultId}: write_artifacts found no trends from run_inference`);
  return stored.trends;
}

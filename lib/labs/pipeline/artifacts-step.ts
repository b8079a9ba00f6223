/**
 * pipeline.write_artifacts: the patient and clinician Markdown, each with its numbered citations, from the
 * findings run_inference stored and the same panel it read.
 */
import { clinicianNarrative } from "../../clinical/narrative/clinician";
import { patientNarrative } from "../../clinical/narrative/patient";
import { trends } from "../../clinical/trends";
import { readFindings, readMicrobiology, readSkipped, writeCitations } from "../codecs";
import { updateLabReportingSteps } from "./notify";
import { loadPanel } from "./panel";
import type { PipelineLab } from "./pipeline-lab";
import { readStepLab } from "./step-lab";

export async function writeArtifacts({ labResultId, organizationId }: PipelineLab): Promise<{ patientCitations: number; clinicianCitations: number }> {
  const lab = await readStepLab({ labResultId, organizationId });
  const { panel } = await loadPanel({ labResultId, organizationId }, lab);
  const interpretation = {
    findings: readFindings(lab.findings, labResultId),
    insightsMatched: lab.insightsMatched ?? 0,
    trends: trends(panel),
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

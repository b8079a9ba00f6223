/**
 * The people a lab's source names — the uploaded file (HL7 v2, FHIR, JSON, CSV, or a PDF's text layer) and
 * the patient context a partner sent — so de-identification can remove those names wherever they recur.
 * Scanned pages and images are not read again here (OCR is too slow for this step): their free text gets
 * the pattern and context detectors only.
 */
import { extractText, getDocumentProxy } from "unpdf";
import { declaredNames } from "./deidentify-names";
import { decodeText } from "./detect";

async function pdfText(bytes: Uint8Array): Promise<string> {
  try {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    return text;
  } catch {
    return ""; // extraction already reported an unreadable PDF
  }
}

/** Names declared in a lab file's bytes; [] for images and unreadable files. */
export async function declaredNamesInFile(bytes: Uint8Array): Promise<string[]> {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const text = head.includes("%PDF-") ? await pdfText(bytes) : (decodeText(bytes) ?? "");
  return text ? declaredNames(text) : [];
}

/** Names in a partner's patient context (the agent's `patient.name`, or first/last name keys). */
export function declaredNamesInContext(context: unknown): string[] {
  if (!context || typeof context !== "object") return [];
  return declaredNames(JSON.stringify({ patient: context }));
}

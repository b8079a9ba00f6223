/**
 * Sends a file's bytes to its pre-signed URL (local storage or S3) with progress, the browser half of the
 * API's upload flow. XMLHttpRequest, not fetch: fetch still reports no upload progress.
 */

/** Headers a page may not set: the browser sends them itself (Content-Length from the body). */
const SET_BY_BROWSER = new Set(["content-length", "host", "connection"]);

export function putWithProgress(
  target: { url: string; method: string; headers: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) {
      if (!SET_BY_BROWSER.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new Error(uploadFailure(xhr.status, xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check your connection and try again."));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function uploadFailure(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { detail?: unknown };
    if (typeof parsed.detail === "string") return `The upload was refused: ${parsed.detail}`;
  } catch {
    // S3 answers in XML; the status says enough.
  }
  return status === 403 ? "The upload link expired. Try again." : `The upload failed (status ${status}). Try again.`;
}

/**
 * A coach reply as server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html), for
 * clients that ask for `text/event-stream`: a few `delta` events carrying consecutive chunks of the Markdown
 * (their concatenation is the whole text), then one `done` event with the whole message as the JSON answer
 * would carry it.
 */

/** Splits Markdown into chunks of about `size` characters at word boundaries; joined, they are the text. */
export function chunkMarkdown(markdown: string, size = 80): string[] {
  const chunks: string[] = [];
  let rest = markdown;
  while (rest.length > size) {
    const space = rest.lastIndexOf(" ", size - 1);
    const cut = space > 0 ? space + 1 : size;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** One event: its name and its data as a single JSON line (JSON never holds a raw newline). */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The stream of a whole message: `delta` events `{text}`, then `done` with the message. */
export function replyEventStream(message: { markdown: string }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const events = [...chunkMarkdown(message.markdown).map((text) => sseEvent("delta", { text })), sseEvent("done", message)];
  return new ReadableStream({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      controller.close();
    },
  });
}

export function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes("text/event-stream");
}

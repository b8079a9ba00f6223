/**
 * Renders an OpenAPI 3.1 document as a readable reference: operations grouped by tag, with parameters,
 * request body and responses. Schemas are shown as JSON so nothing is lost in translation.
 */
type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Json[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  /** What Labwise POSTs to partners (OpenAPI 3.1 `webhooks`), shown like operations under their own tag. */
  webhooks?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json> };
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

function anchor(method: string, path: string) {
  return `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`.toLowerCase();
}

function SchemaBlock({ schema }: { schema?: Json }) {
  if (!schema) return null;
  // Focusable, so a keyboard can scroll a schema wider or taller than its box.
  return (
    <pre tabIndex={0} aria-label="JSON schema" className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

export function ApiReference({ document }: { document: unknown }) {
  const doc = document as Document;
  const operations = [
    ...Object.entries(doc.paths ?? {}).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op }))),
    ...Object.entries(doc.webhooks ?? {}).flatMap(([name, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path: `webhook: ${name}`, method, op: { ...op, tags: op.tags ?? ["Webhooks"] } })),
    ),
  ];
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "Other"))];

  return (
    <div className="flex gap-8">
      <nav aria-label="Endpoints" className="sticky top-4 hidden h-fit w-72 shrink-0 text-sm lg:block">
        {tags.map((tag) => (
          <div key={tag} className="mb-4">
            <h2 className="font-semibold text-slate-900">{tag}</h2>
            <ul className="mt-1 space-y-1">
              {operations
                .filter((o) => (o.op.tags?.[0] ?? "Other") === tag)
                .map(({ path, method }) => (
                  <li key={method + path}>
                    <a href={`#${anchor(method, path)}`} className="text-slate-700 hover:text-brand-700">
                      <span className="font-mono text-xs uppercase">{method}</span> {path}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="min-w-0 flex-1">
        <h1 className="text-3xl font-semibold text-brand-900">{doc.info.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Version {doc.info.version} · machine-readable: <a className="underline" href="/openapi.json">openapi.json</a>,{" "}
          <a className="underline" href="/openapi.yaml">openapi.yaml</a>
        </p>
        {doc.info.description && <p className="mt-4 max-w-3xl text-slate-800">{doc.info.description}</p>}
        {operations.map(({ path, method, op }) => (
          <section key={method + path} id={anchor(method, path)} className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="flex flex-wrap items-center gap-3">
              <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
              <code className="text-base font-semibold break-all">{path}</code>
            </h2>
            {op.summary && <p className="mt-2 font-medium text-slate-900">{op.summary}</p>}
            {op.description && <p className="mt-1 text-sm text-slate-700">{op.description}</p>}
            {op.security && (
              <p className="mt-2 text-xs text-slate-600">
                Auth: {op.security.map((s) => Object.keys(s).join(" + ")).join(" or ")}
              </p>
            )}
            {op.parameters && op.parameters.length > 0 && (
              <table className="mt-4 w-full text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-4 font-medium">Parameter</th>
                    <th scope="col" className="py-1 pr-4 font-medium">In</th>
                    <th scope="col" className="py-1 font-medium">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={p.in + p.name} className="border-t border-slate-100">
                      <td className="py-1 pr-4 font-mono text-xs">
                        {p.name}
                        {p.required && <span className="text-red-700"> *</span>}
                      </td>
                      <td className="py-1 pr-4 text-slate-600">{p.in}</td>
                      <td className="py-1 text-slate-700">{p.description ?? (p.schema ? JSON.stringify(p.schema) : "")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {op.requestBody?.content &&
              Object.entries(op.requestBody.content).map(([type, media]) => (
                <div key={type} className="mt-4">
                  <h3 className="text-sm font-semibold text-slate-900">Request body ({type})</h3>
                  <SchemaBlock schema={media.schema} />
                </div>
              ))}
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Responses</h3>
            <ul className="mt-1 space-y-2 text-sm">
              {Object.entries(op.responses ?? {}).map(([status, response]) => (
                <li key={status}>
                  <span className="font-mono font-semibold">{status}</span> {response.description}
                  {response.content &&
                    Object.values(response.content).map((media, i) => (
                      <details key={i} className="mt-1">
                        <summary className="cursor-pointer text-slate-600">Schema</summary>
                        <SchemaBlock schema={media.schema} />
                      </details>
                    ))}
                </li>
              ))}
            </ul>
          </section>
        ))}
        {doc.components?.schemas && (
          <section className="mt-12">
            <h2 className="text-2xl font-semibold text-slate-900">Schemas</h2>
            {Object.entries(doc.components.schemas).map(([name, schema]) => (
              <details key={name} id={`schema-${name}`} className="mt-3 rounded-lg border border-slate-200 bg-white p-4">
                <summary className="cursor-pointer font-mono font-semibold">{name}</summary>
                <SchemaBlock schema={schema} />
              </details>
            ))}
          </section>
        )}
      </div>
    </div>
  );
}

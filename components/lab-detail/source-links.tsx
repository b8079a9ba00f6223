import type { PortalSource } from "@/lib/portal/schemas";

const EXTERNAL = { target: "_blank", rel: "noopener noreferrer" } as const;
const linkClass = "text-brand-700 underline decoration-brand-600/40 underline-offset-2 hover:text-brand-900 hover:decoration-brand-900";

/** A source's title linking to it, with its PMID and DOI as links of their own; each opens in a new tab. */
export function SourceLinks({ source }: { source: PortalSource }) {
  return (
    <>
      <a href={source.url} {...EXTERNAL} className={linkClass}>
        {source.title}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
      {source.type === "guideline" && <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-700">guideline</span>}
      {source.pmid && (
        <>
          {" · "}
          <a href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(source.pmid)}/`} {...EXTERNAL} className={linkClass}>
            PMID {source.pmid}
            <span className="sr-only"> on PubMed (opens in a new tab)</span>
          </a>
        </>
      )}
      {source.doi && (
        <>
          {" · "}
          <a href={`https://doi.org/${source.doi}`} {...EXTERNAL} className={linkClass}>
            DOI {source.doi}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </>
      )}
    </>
  );
}

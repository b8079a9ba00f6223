/**
 * A lab's patient or clinician text: Markdown (GFM tables and lists) rendered by react-markdown with raw
 * HTML skipped, only http(s) and in-page links kept (react-markdown's default urlTransform), every `[n]`
 * linked to its numbered source below the text.
 */
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { PortalCitation } from "@/lib/portal/schemas";
import { remarkCitations } from "@/lib/portal/remark-citations";
import { SourceLinks } from "./source-links";

/** react-markdown hands each component the mdast `node`; the DOM element must not get it as an attribute. */
function domProps<P extends ExtraProps>(props: P): Omit<P, "node"> {
  const rest = { ...props };
  delete rest.node;
  return rest;
}

const components: Components = {
  // The page's own headings are h1 and h2: the text's start at h3.
  h1: (props) => <h3 className="mt-5 text-lg font-semibold text-slate-900 first:mt-0" {...domProps(props)} />,
  h2: (props) => <h3 className="mt-5 text-base font-semibold text-slate-900 first:mt-0" {...domProps(props)} />,
  h3: (props) => <h4 className="mt-4 font-semibold text-slate-900" {...domProps(props)} />,
  h4: (props) => <h5 className="mt-3 font-semibold text-slate-900" {...domProps(props)} />,
  p: (props) => <p className="mt-2 leading-relaxed" {...domProps(props)} />,
  ul: (props) => <ul className="mt-2 list-disc space-y-1 pl-5" {...domProps(props)} />,
  ol: (props) => <ol className="mt-2 list-decimal space-y-1 pl-5" {...domProps(props)} />,
  blockquote: (props) => <blockquote className="mt-3 border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-amber-950" {...domProps(props)} />,
  hr: () => <hr className="my-4 border-slate-200" />,
  table: (props) => (
    <div className="relative mt-3 overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label="Table in the text">
      <table className="min-w-full text-left text-sm" {...domProps(props)} />
    </div>
  ),
  th: (props) => <th className="border-b border-slate-300 bg-slate-50 px-2 py-1 font-medium" {...domProps(props)} />,
  td: (props) => <td className="border-b border-slate-100 px-2 py-1" {...domProps(props)} />,
  a: ({ href, children, ...props }) =>
    href?.startsWith("#") ? (
      <a href={href} className="rounded px-1 py-0.5 text-xs font-semibold text-brand-700 no-underline hover:bg-brand-50 hover:text-brand-900 align-super" {...domProps(props)}>
        {children}
      </a>
    ) : (
      <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline underline-offset-2 hover:text-brand-900" {...domProps(props)}>
        {children}
      </a>
    ),
};

export function ReportText({ text, citations, prefix }: { text: string; citations: PortalCitation[]; prefix: string }) {
  const known = new Set(citations.map((c) => c.number));
  return (
    <div className="text-slate-800">
      <Markdown skipHtml remarkPlugins={[remarkGfm, [remarkCitations, { prefix, known }]]} components={components}>
        {text}
      </Markdown>
      {citations.length > 0 && (
        <div className="mt-6 border-t border-slate-200 pt-4">
          <h4 className="text-sm font-semibold text-slate-900">Sources</h4>
          <ol className="mt-2 space-y-2 text-sm">
            {citations.map((citation) => (
              <li key={citation.number} id={`${prefix}-${citation.number}`} className="flex scroll-mt-24 gap-2 rounded-md p-1 target:bg-brand-50 target:ring-2 target:ring-brand-600">
                <span className="font-semibold text-slate-700 tabular-nums">[{citation.number}]</span>
                <span className="min-w-0 wrap-anywhere">
                  <SourceLinks source={citation} />
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

import { LocalTime } from "@/components/portal/local-time";
import { type PortalCulture, type PortalSusceptibilityCategory, SUSCEPTIBILITY_LABELS } from "@/lib/portal/schemas";

const CATEGORY_STYLE: Record<PortalSusceptibilityCategory, string> = {
  S: "text-slate-800",
  SDD: "bg-amber-50 text-amber-900 ring-1 ring-amber-300",
  I: "bg-amber-50 text-amber-900 ring-1 ring-amber-300",
  R: "bg-red-50 text-red-900 ring-1 ring-red-300",
  NS: "bg-red-50 text-red-900 ring-1 ring-red-300",
};

const STATUS_WORDS = { preliminary: "Preliminary", corrected: "Corrected" } as const;

/** A date-only value ("2011-05-28") is a calendar day, not an instant: shown as it is, in no time zone. */
function Collected({ iso }: { iso: string }) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return <time dateTime={iso}>{iso}</time>;
  return <LocalTime iso={iso} dateOnly />;
}

/**
 * Cultures and the antibiotics tested against each organism, kept apart from the chemistry results: one card
 * per culture, its captioned table scrolling inside its own region if it must (the method column is left out
 * below the small breakpoint, so it fits 390 px). MICs as the lab printed them; the category is the lab's own,
 * in words and colour.
 */
export function MicrobiologySection({ cultures }: { cultures: PortalCulture[] }) {
  if (!cultures.length) return null;
  return (
    <section aria-labelledby="microbiology-heading" className="rounded-lg border border-slate-200 bg-white print:border-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 sm:px-6">
        <h2 id="microbiology-heading" className="text-lg font-semibold text-slate-900">
          Microbiology
        </h2>
        <p className="text-sm text-slate-600">
          {cultures.length} {cultures.length === 1 ? "culture" : "cultures"}, MICs and categories as the lab reported them
        </p>
      </div>
      <ul className="space-y-4 px-4 py-4 sm:px-6">
        {cultures.map((culture, index) => (
          <li key={index} className="rounded-md border border-slate-200 break-inside-avoid">
            <CultureCard culture={culture} index={index} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CultureCard({ culture, index }: { culture: PortalCulture; index: number }) {
  const headingId = `culture-${index}-heading`;
  const found = culture.organism ?? culture.finding ?? "No organism reported";
  return (
    <article aria-labelledby={headingId}>
      <div className="space-y-1 px-3 pt-3 sm:px-4">
        <h3 id={headingId} className="font-semibold break-words text-slate-900">
          <span className={culture.organism ? "italic" : undefined}>{found}</span>
          {culture.resultStatus && (
            <span className="ml-2 inline-block rounded bg-slate-100 px-1.5 py-0.5 align-middle text-xs font-semibold text-slate-800 not-italic ring-1 ring-slate-300">
              {STATUS_WORDS[culture.resultStatus]}
            </span>
          )}
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700">
          <dt className="text-slate-600">Test</dt>
          <dd className="break-words">{culture.test}</dd>
          {culture.specimen && (
            <>
              <dt className="text-slate-600">Specimen</dt>
              <dd className="break-words">{culture.specimen}</dd>
            </>
          )}
          {culture.quantity && (
            <>
              <dt className="text-slate-600">Quantity</dt>
              <dd className="break-words">{culture.quantity}</dd>
            </>
          )}
          {culture.observedAt && (
            <>
              <dt className="text-slate-600">Collected</dt>
              <dd>
                <Collected iso={culture.observedAt} />
              </dd>
            </>
          )}
        </dl>
      </div>
      {culture.susceptibilities.length > 0 ? (
        <div role="region" aria-label={`Susceptibilities of ${found}`} tabIndex={0} className="relative mt-3 overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none print:overflow-visible">
          <table className="w-full text-left text-sm print:text-xs">
            <caption className="px-3 pb-1 text-left text-xs text-slate-600 sm:px-4">Antibiotics tested against {found}</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium sm:pl-4">Antibiotic</th>
                <th scope="col" className="px-3 py-2 font-medium">MIC</th>
                <th scope="col" className="px-3 py-2 font-medium">Interpretation</th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell sm:pr-4 print:table-cell">Method</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {culture.susceptibilities.map((s, row) => (
                <tr key={row}>
                  <th scope="row" className="px-3 py-2 font-medium [overflow-wrap:anywhere] text-slate-900 sm:pl-4">{s.antibiotic}</th>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-800 tabular-nums">{s.mic ?? "—"}</td>
                  <td className="px-3 py-2">
                    {s.interpretation ? (
                      <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap print:border print:border-slate-500 print:bg-white print:text-black ${CATEGORY_STYLE[s.interpretation]}`}>
                        {SUSCEPTIBILITY_LABELS[s.interpretation]}
                      </span>
                    ) : (
                      <span className="text-slate-600">Not reported</span>
                    )}
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 sm:table-cell sm:pr-4 print:table-cell">{s.method ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="px-3 pt-2 text-sm text-slate-600 sm:px-4">No antibiotics were tested.</p>
      )}
      {culture.notes && <p className="px-3 pt-2 text-sm break-words whitespace-pre-line text-slate-700 sm:px-4">Lab comment: {culture.notes}</p>}
      <div className="pb-3" />
    </article>
  );
}

export interface Source {
  title: string;
  url: string;
  pmid?: string;
  doi?: string;
  /** `pubmed` when the link is a PubMed record, `guideline` for a guideline or reference page elsewhere. */
  type: "pubmed" | "guideline";
}

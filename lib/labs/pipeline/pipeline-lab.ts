/**
 * The lab a pipeline step works on, named as the `lab/analysis.requested` event names it: its id and the
 * organisation that owns it. Every read and write of a step filters by both, as every tenant-owned query
 * does (DESIGN §4), so an event naming one organisation's lab under another organisation finds nothing
 * (Prisma's not-found, P2025) and changes nothing.
 */
export interface PipelineLab {
  labResultId: string;
  organizationId: string;
}

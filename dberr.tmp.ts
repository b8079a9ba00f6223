import { createPrismaClient, connectionLimits } from "./lib/db";
const c = createPrismaClient({ ...connectionLimits(), max: 1 });
for (const f of [() => c.$queryRaw`SELECT 1`, () => c.organization.findFirst(), () => c.$transaction(async (tx) => tx.organization.findFirst())]) {
  try { await f(); } catch (e: any) { console.log(e?.constructor?.name, "code=", e?.code, "meta=", JSON.stringify(e?.meta), "|", e?.message?.slice(0,200).replace(/\n/g," "), "| cause", e?.cause?.code, e?.cause?.kind); }
}
process.exit(0);

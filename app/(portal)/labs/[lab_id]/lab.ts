/**
 * The lab this segment shows, checked once per request. The layout calls it so a lab that is not the
 * user's to see answers 404 before anything streams: behind loading.tsx, a notFound() from the page would
 * come after a 200 had been sent. The page then reads the whole lab while the skeleton shows.
 */
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePortalUser } from "@/lib/auth/portal";
import { portalLabExists } from "@/lib/portal/lab-detail";
import { labIdParams } from "@/lib/portal/schemas";

export const requireLabOfUser = cache(async (labId: string) => {
  const user = await requirePortalUser();
  const parsed = labIdParams.safeParse({ lab_id: labId });
  // Another organisation's lab is as unknown as one that never existed, or one whose id is malformed.
  if (!parsed.success || !(await portalLabExists(user.organizationId, parsed.data.lab_id))) notFound();
  return { user, labId: parsed.data.lab_id };
});

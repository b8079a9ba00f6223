import { requireLabOfUser } from "./lab";

export default async function LabLayout({ params, children }: { params: Promise<{ lab_id: string }>; children: React.ReactNode }) {
  await requireLabOfUser((await params).lab_id);
  return children;
}

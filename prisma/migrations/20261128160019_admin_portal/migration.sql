-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "detail" JSONB;

-- AlterTable
ALTER TABLE "portal_users" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3),
ADD COLUMN     "sessions_revoked_at" TIMESTAMPTZ(3);

-- DropIndex
DROP INDEX "idempotency_records_organization_id_key_key";

-- Idempotency records live a day and were scoped to the organisation only: forget them rather than guess
-- which credential sent each one (a replay across credentials is exactly what this migration closes).
DELETE FROM "idempotency_records";

-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "credential_id" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_organization_id_credential_id_key_key" ON "idempotency_records"("organization_id", "credential_id", "key");

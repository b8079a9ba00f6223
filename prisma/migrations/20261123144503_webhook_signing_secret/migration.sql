-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "webhook_previous_secret" TEXT,
ADD COLUMN     "webhook_previous_secret_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "webhook_secret" TEXT;

-- CreateIndex
CREATE INDEX "webhook_deliveries_lab_result_id_sequence_number_idx" ON "webhook_deliveries"("lab_result_id", "sequence_number");

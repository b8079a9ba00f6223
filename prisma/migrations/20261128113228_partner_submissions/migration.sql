-- AlterTable
ALTER TABLE "lab_results" ADD COLUMN     "partner_api_key_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "lab_results_submission_partner_id_key" ON "lab_results"("organization_id", "partner_submission_id") WHERE (source = 'submission');

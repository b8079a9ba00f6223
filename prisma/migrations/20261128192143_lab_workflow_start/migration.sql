-- AlterTable
ALTER TABLE "lab_results" ADD COLUMN     "workflow_event_id" TEXT;

-- CreateIndex
CREATE INDEX "lab_results_status_workflow_id_idx" ON "lab_results"("status", "workflow_id");

-- Soft delete of webhook endpoints (DELETE /v1/webhook-endpoints/{id}): deliveries keep their endpoint.
-- AlterTable
ALTER TABLE "webhook_endpoints" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

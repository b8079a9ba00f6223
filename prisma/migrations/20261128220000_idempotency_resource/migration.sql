-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "resource_id" UUID;

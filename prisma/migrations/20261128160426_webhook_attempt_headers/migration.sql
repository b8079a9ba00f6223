-- AlterTable
ALTER TABLE "webhook_attempts" ADD COLUMN     "sent_at" TIMESTAMPTZ(3),
ADD COLUMN     "signature" TEXT;

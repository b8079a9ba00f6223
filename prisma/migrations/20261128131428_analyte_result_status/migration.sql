-- AlterTable
ALTER TABLE "analytes" ADD COLUMN     "result_status" TEXT;

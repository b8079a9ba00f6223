-- AlterTable
ALTER TABLE "lab_results" ADD COLUMN     "microbiology" JSONB;

-- AlterTable
ALTER TABLE "chat_messages" DROP COLUMN "content",
ADD COLUMN     "intent" TEXT,
ADD COLUMN     "markdown" TEXT NOT NULL,
ALTER COLUMN "citations" SET NOT NULL;

-- AlterTable
ALTER TABLE "coach_profiles" ADD COLUMN     "citation_policy" TEXT NOT NULL,
ADD COLUMN     "created_by" TEXT NOT NULL,
ADD COLUMN     "created_from_id" UUID,
ADD COLUMN     "focus_areas" TEXT[],
ADD COLUMN     "greeting" TEXT NOT NULL,
ADD COLUMN     "guardrails" JSONB NOT NULL,
ADD COLUMN     "reading_level" TEXT NOT NULL,
ADD COLUMN     "tone" TEXT NOT NULL,
ALTER COLUMN "persona" SET DATA TYPE TEXT;

-- CreateTable
CREATE TABLE "coach_deploys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "from_profile_id" UUID,
    "to_profile_id" UUID NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_deploys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "coach_deploys_organization_id_created_at_id_idx" ON "coach_deploys"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "coach_profiles_organization_id_created_at_id_idx" ON "coach_profiles"("organization_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "coach_profiles_one_active_per_organization" ON "coach_profiles"("organization_id") WHERE (status = 'active');

-- AddForeignKey
ALTER TABLE "coach_profiles" ADD CONSTRAINT "coach_profiles_created_from_id_fkey" FOREIGN KEY ("created_from_id") REFERENCES "coach_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_deploys" ADD CONSTRAINT "coach_deploys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_deploys" ADD CONSTRAINT "coach_deploys_from_profile_id_fkey" FOREIGN KEY ("from_profile_id") REFERENCES "coach_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_deploys" ADD CONSTRAINT "coach_deploys_to_profile_id_fkey" FOREIGN KEY ("to_profile_id") REFERENCES "coach_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

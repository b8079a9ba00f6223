-- CreateEnum
CREATE TYPE "executor_run_status" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "lab_results" ADD COLUMN     "fhir_bundle" JSONB,
ADD COLUMN     "skipped" JSONB;

-- CreateTable
CREATE TABLE "executor_apps" (
    "url" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'default',
    "app_name" TEXT NOT NULL,
    "functions" JSONB NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_apps_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "executor_events" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "ts" BIGINT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_url" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'default',
    "function_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "status" "executor_run_status" NOT NULL DEFAULT 'queued',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "stack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "concurrency_key" TEXT,
    "concurrency_limit" INTEGER,
    "next_run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "output" JSONB,
    "error" JSONB,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "executor_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "executor_events_scope_name_received_at_idx" ON "executor_events"("scope", "name", "received_at");

-- CreateIndex
CREATE INDEX "executor_runs_scope_status_next_run_at_idx" ON "executor_runs"("scope", "status", "next_run_at");

-- CreateIndex
CREATE UNIQUE INDEX "executor_runs_function_id_event_id_key" ON "executor_runs"("function_id", "event_id");

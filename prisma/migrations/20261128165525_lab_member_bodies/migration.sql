-- CreateTable
CREATE TABLE "lab_member_bodies" (
    "lab_result_id" UUID NOT NULL,
    "lab_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "built_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lab_member_bodies_pkey" PRIMARY KEY ("lab_result_id")
);

-- AddForeignKey
ALTER TABLE "lab_member_bodies" ADD CONSTRAINT "lab_member_bodies_lab_result_id_fkey" FOREIGN KEY ("lab_result_id") REFERENCES "lab_results"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A stored member body describes its lab, its analytes and its upload as they were: any change to them deletes
-- it, in the changing transaction (lib/labs/read-cache.ts also never serves one whose lab row moved on).
-- Only a lab that is or was `ready` can have one, so the pipeline's writes on a lab in progress skip the trigger.
CREATE FUNCTION lab_member_bodies_forget_lab() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lab_member_bodies WHERE lab_result_id = NEW.id OR lab_result_id = OLD.id;
  RETURN NULL;
END $$;

CREATE TRIGGER lab_member_bodies_on_lab_update
  AFTER UPDATE ON lab_results
  FOR EACH ROW WHEN (OLD.status = 'ready' OR NEW.status = 'ready')
  EXECUTE FUNCTION lab_member_bodies_forget_lab();

CREATE FUNCTION lab_member_bodies_forget_analytes_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lab_member_bodies WHERE lab_result_id IN (SELECT lab_result_id FROM changed_analytes);
  RETURN NULL;
END $$;

CREATE TRIGGER lab_member_bodies_on_analytes_insert
  AFTER INSERT ON analytes REFERENCING NEW TABLE AS changed_analytes
  FOR EACH STATEMENT EXECUTE FUNCTION lab_member_bodies_forget_analytes_new();

CREATE TRIGGER lab_member_bodies_on_analytes_update
  AFTER UPDATE ON analytes REFERENCING NEW TABLE AS changed_analytes
  FOR EACH STATEMENT EXECUTE FUNCTION lab_member_bodies_forget_analytes_new();

CREATE TRIGGER lab_member_bodies_on_analytes_delete
  AFTER DELETE ON analytes REFERENCING OLD TABLE AS changed_analytes
  FOR EACH STATEMENT EXECUTE FUNCTION lab_member_bodies_forget_analytes_new();

CREATE FUNCTION lab_member_bodies_forget_upload() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lab_member_bodies WHERE lab_result_id IN (SELECT id FROM lab_results WHERE upload_id = NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER lab_member_bodies_on_upload_update
  AFTER UPDATE ON uploads
  FOR EACH ROW WHEN (OLD.filename IS DISTINCT FROM NEW.filename OR OLD.content_type IS DISTINCT FROM NEW.content_type
    OR OLD.actual_size IS DISTINCT FROM NEW.actual_size OR OLD.declared_size IS DISTINCT FROM NEW.declared_size)
  EXECUTE FUNCTION lab_member_bodies_forget_upload();

-- Every statement on analytes finds them by their lab (analytes_lab_result_id_position_idx) and also names the
-- organisation. An index led by organization_id matched that second condition too: without statistics yet (a
-- new database filling fast) the planner ANDed it into each lab's reads and writes, scanning every analyte of
-- the organisation every time, and a member's earlier results went through it lab by lab. No query needs it:
-- the organisation's analytes are always reached through its labs.

-- DropIndex
DROP INDEX "analytes_organization_id_loinc_idx";

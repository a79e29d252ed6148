// SQL that makes the audit log append-only at the database level (Prisma's schema language cannot say it):
// appended to each provider's first migration by new-migration.ts.

export function appendOnlyAuditSql(provider: 'sqlite' | 'postgresql'): string {
  if (provider === 'sqlite') {
    return `
-- The audit log is append-only.
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
`;
  }
  return `
-- The audit log is append-only.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'AuditLog is append-only'; END $$;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
`;
}

// What the first triggers left open. SQLite: `INSERT OR REPLACE` (and `REPLACE`, upserts) on an existing id
// deletes the old row without firing the DELETE trigger, so an insert naming an id that exists is refused;
// an auto-generated id is -1 inside a BEFORE INSERT trigger, so ids below 1 are refused too (a row -1 would
// otherwise make every later insert look like a replacement). PostgreSQL: TRUNCATE fires no row trigger.
export function auditNoReplaceOrTruncateSql(provider: 'sqlite' | 'postgresql'): string {
  if (provider === 'sqlite') {
    return `
-- The audit log is append-only: no replacement of an existing row, no ids below 1.
CREATE TRIGGER "AuditLog_no_replace" BEFORE INSERT ON "AuditLog"
WHEN EXISTS (SELECT 1 FROM "AuditLog" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
CREATE TRIGGER "AuditLog_positive_id" AFTER INSERT ON "AuditLog"
WHEN NEW."id" < 1
BEGIN SELECT RAISE(ABORT, 'AuditLog ids start at 1'); END;
`;
  }
  return `
-- The audit log is append-only: TRUNCATE too (also when it cascades from another table).
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
`;
}

/** Hand-written SQL a migration may carry besides the schema diff: `npm run db:migration -- <name> --sql <key>`. */
export const handWrittenSql: Record<string, (provider: 'sqlite' | 'postgresql') => string> = {
  'audit-no-replace-or-truncate': auditNoReplaceOrTruncateSql,
};

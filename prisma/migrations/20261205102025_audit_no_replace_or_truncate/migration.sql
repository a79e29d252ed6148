-- This is an empty migration.


-- The audit log is append-only: no replacement of an existing row, no ids below 1.
CREATE TRIGGER "AuditLog_no_replace" BEFORE INSERT ON "AuditLog"
WHEN EXISTS (SELECT 1 FROM "AuditLog" WHERE "id" = NEW."id")
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
CREATE TRIGGER "AuditLog_positive_id" AFTER INSERT ON "AuditLog"
WHEN NEW."id" < 1
BEGIN SELECT RAISE(ABORT, 'AuditLog ids start at 1'); END;

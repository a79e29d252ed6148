-- This is an empty migration.


-- The audit log is append-only: TRUNCATE too (also when it cascades from another table).
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();

-- Issue 23, ADR 0039: the data-exchange call log is append-only for the application role, like the audit log
-- (ADR 0020). Which tables are append-only was a constant inside tongban_grant_app_role(); it is now a table, so
-- that a module's migration adds a row rather than replacing the function. The function is the one of migration
-- 0022 with that one line changed; `tongban migrate` runs it after every migration, as before.
CREATE TABLE "app_append_only" (
	"relname" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
COMMENT ON TABLE "app_append_only" IS 'Tables the application role may only read and append to (SELECT, INSERT), never update or delete: read by tongban_grant_app_role()';
--> statement-breakpoint
INSERT INTO "app_append_only" ("relname", "reason") VALUES
	('audit_log', 'the audit log: entries are never changed (ADR 0003, 0020)'),
	('audit_chain', 'the audit chain: the sealer inserts links; the head (audit_head) stays writable'),
	('audit_checkpoint', 'signed checkpoints of the audit chain'),
	('exchange_call', 'the data-exchange call log, written before each reply (ADR 0039)'),
	('exchange_call_chain', 'the SM3 chain over the call log; the head (exchange_call_head) stays writable'),
	('exchange_call_checkpoint', 'signed checkpoints of the call chain'),
	('app_append_only', 'this list: the application may not shorten it');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tongban_grant_app_role"() RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  rel record;
  -- The tables the application may only append to, as listed in app_append_only (migration 0048).
  append_only constant text[] := ARRAY(SELECT a.relname FROM public.app_append_only a);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tongban_app') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      RAISE NOTICE 'role tongban_app does not exist and % may not create roles: no rights granted. Create it (DATABASE.md), then run tongban migrate again.', current_user;
      RETURN 'skipped: no role tongban_app';
    END IF;
    BEGIN
      CREATE ROLE tongban_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- roles belong to the cluster: another database's migration made it at the same moment
    END;
  END IF;
  GRANT USAGE ON SCHEMA public TO tongban_app;
  FOR rel IN
    SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_has_role(c.relowner, 'USAGE')
  LOOP
    IF rel.relkind = 'S' THEN
      EXECUTE format('REVOKE ALL ON SEQUENCE public.%I FROM tongban_app', rel.relname);
      EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE public.%I TO tongban_app', rel.relname);
    ELSE
      EXECUTE format('REVOKE ALL ON TABLE public.%I FROM tongban_app', rel.relname);
      IF rel.relkind IN ('v', 'm') THEN
        -- Views (the modules' published views) are read, and their rows locked (SELECT … FOR UPDATE OF v needs UPDATE
        -- on v); that gives nothing the role lacks on the tables beneath. Except a view that reads the audit log:
        -- through it the view owner's rights would apply, so SELECT only.
        IF rel.relkind = 'v' AND NOT EXISTS (
          SELECT 1 FROM pg_rewrite rw JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
          JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
          WHERE rw.ev_class = rel.oid AND tn.nspname = 'public' AND t.relname = ANY (append_only)
        ) THEN
          EXECUTE format('GRANT SELECT, UPDATE ON TABLE public.%I TO tongban_app', rel.relname);
        ELSE
          EXECUTE format('GRANT SELECT ON TABLE public.%I TO tongban_app', rel.relname);
        END IF;
      ELSIF rel.relname = ANY (append_only) THEN
        EXECUTE format('GRANT SELECT, INSERT ON TABLE public.%I TO tongban_app', rel.relname);
      ELSE
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO tongban_app', rel.relname);
      END IF;
    END IF;
  END LOOP;
  -- Tables and sequences the same owner creates later (the next migrations) get the rights at once.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tongban_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tongban_app;
  -- A server started with the application role reads which migrations are applied, to refuse to start on an old schema.
  IF to_regclass('drizzle.__drizzle_migrations') IS NOT NULL THEN
    GRANT USAGE ON SCHEMA drizzle TO tongban_app;
    GRANT SELECT ON drizzle.__drizzle_migrations TO tongban_app;
  END IF;
  RETURN 'granted';
END
$fn$;
--> statement-breakpoint
SELECT "tongban_grant_app_role"();

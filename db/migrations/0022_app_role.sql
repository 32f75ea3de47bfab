-- Issue 19, ADR 0020: least privilege. Migrations run as the owner of the tables; the server may run as a login role
-- that is a member of the group role tongban_app, which can read and write the data but not change the schema, and
-- which can only append to the audit log (audit_log, audit_chain, audit_checkpoint: SELECT and INSERT, no UPDATE,
-- DELETE or TRUNCATE), so that not even the server can rewrite history. DATABASE.md says how to provision it.
--
-- tongban_grant_app_role() makes the role when it is missing (and the owner may make roles) and sets its rights on
-- every relation in the schema, exactly: it revokes first, so running it again changes nothing, and a table that a
-- later migration adds is covered both by the default privileges below and by `tongban migrate`, which calls it after
-- every run. On PGlite (one embedded user) it runs too: the role exists there and nothing connects as it.
CREATE OR REPLACE FUNCTION "tongban_grant_app_role"() RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  rel record;
  -- The audit log is append-only for the application: the sealer inserts links (audit_chain) and checkpoints, and
  -- moves the head (audit_head, which stays writable); it never changes an entry.
  append_only constant text[] := ARRAY['audit_log', 'audit_chain', 'audit_checkpoint'];
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
REVOKE ALL ON FUNCTION "tongban_grant_app_role"() FROM PUBLIC;--> statement-breakpoint
COMMENT ON FUNCTION "tongban_grant_app_role"() IS 'Creates the group role tongban_app if missing and grants it exactly the rights of the application (ADR 0020, DATABASE.md); idempotent';--> statement-breakpoint
SELECT "tongban_grant_app_role"();

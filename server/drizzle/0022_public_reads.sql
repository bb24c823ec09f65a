-- hand-written: issue 16, invalidation of the public-read cache (server/src/http/public-cache.ts). After every statement
-- that writes a table the public reads come from, NOTIFY public_reads (delivered at commit; one per table and
-- transaction, as PostgreSQL folds equal notifications); every server process listening drops its cached answers.
CREATE OR REPLACE FUNCTION public_reads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('public_reads', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER certificates_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER institutions_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER institution_scope_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institution_scope FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER organisations_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER regions_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER occupations_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON occupations FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER special_items_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON special_items FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER plans_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
CREATE TRIGGER publicities_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publicities FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();
--> statement-breakpoint
-- A suspension's last day is read from the sanction itself (standingOf): its writes drop the cache too.
CREATE TRIGGER sanctions_public_reads AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sanctions FOR EACH STATEMENT EXECUTE FUNCTION public_reads_changed();

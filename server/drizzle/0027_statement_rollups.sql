-- hand-written: the certificates rollups (certificate_monthly of 0019, distinct holders of 0021) on insert become
-- statement triggers over the transition table: an issuance chunk's insert is one grouped upsert per rollup instead of a
-- trigger call per row (each of which ran several statements — on PGlite, on the same thread as the signing; issue 16).
-- The numbers are those the row triggers kept: certificate_monthly gains each key's valid and revoked inserts; a person
-- enters a holder scope × level when their first valid reference in it appears. A status change (revocation,
-- un-revocation) still goes through the row triggers of 0019 and 0021 (one row at a time), renamed `…_status`: the
-- insert triggers keep the names bulk loads disable (cli/gen.ts, the dashboards bench). Keys are upserted in key order
-- so concurrent issuing transactions lock them in the same order.
DROP TRIGGER certificates_monthly_rollup ON certificates;
--> statement-breakpoint
DROP TRIGGER certificates_holders_rollup ON certificates;
--> statement-breakpoint
CREATE TRIGGER certificates_monthly_rollup_status AFTER UPDATE OF status ON certificates FOR EACH ROW EXECUTE FUNCTION certificate_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER certificates_holders_rollup_status AFTER UPDATE OF status ON certificates FOR EACH ROW EXECUTE FUNCTION holder_counts_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION certificate_monthly_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO certificate_monthly AS m (month, org_id, kind, occupation_code, occupation_name, level, valid, revoked)
  SELECT substr(n.issued_on, 1, 7), coalesce(i.org_id, n.issuer_org_id), n.kind, coalesce(n.occupation_code, ''), max(n.occupation_name),
    coalesce(n.level, 0), count(*) FILTER (WHERE n.status = 'valid'), count(*) FILTER (WHERE n.status = 'revoked')
  FROM new_rows n LEFT JOIN institutions i ON i.id = n.institution_id
  WHERE coalesce(i.org_id, n.issuer_org_id) IS NOT NULL
  GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3, 4, 6
  ON CONFLICT (month, org_id, kind, occupation_code, level)
  DO UPDATE SET valid = m.valid + EXCLUDED.valid, revoked = m.revoked + EXCLUDED.revoked;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_monthly_rollup AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION certificate_monthly_insert();
--> statement-breakpoint
-- Distinct holders: the statement's valid certificates with a level, per person × organisation × level, are added to
-- holder_refs; then, over the references of those persons (a fresh snapshot: it sees what concurrent writers committed
-- meanwhile, as the row trigger's did), each scope × level (the scope keys of 0021; the level and 0 = any) gains the
-- persons who now have a reference in it and had none before this statement (before = after − the statement's part).
CREATE OR REPLACE FUNCTION holder_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added integer;
BEGIN
  INSERT INTO holder_refs AS h (person_id, org_id, level, certificates)
  SELECT n.person_id, coalesce(i.org_id, n.issuer_org_id), n.level, count(*)
  FROM new_rows n LEFT JOIN institutions i ON i.id = n.institution_id
  WHERE n.level IS NOT NULL AND n.status = 'valid' AND coalesce(i.org_id, n.issuer_org_id) IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 3, 2
  ON CONFLICT (person_id, level, org_id) DO UPDATE SET certificates = h.certificates + EXCLUDED.certificates;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added = 0 THEN
    RETURN NULL;
  END IF;
  WITH d AS (
    SELECT n.person_id, coalesce(i.org_id, n.issuer_org_id) AS org_id, n.level, count(*)::int AS n
    FROM new_rows n LEFT JOIN institutions i ON i.id = n.institution_id
    WHERE n.level IS NOT NULL AND n.status = 'valid' AND coalesce(i.org_id, n.issuer_org_id) IS NOT NULL
    GROUP BY 1, 2, 3
  ), r AS (
    SELECT h.person_id, h.org_id, h.level, h.certificates AS after, h.certificates - coalesce(d.n, 0) AS before
    FROM holder_refs h LEFT JOIN d ON d.person_id = h.person_id AND d.org_id = h.org_id AND d.level = h.level
    WHERE h.person_id IN (SELECT d.person_id FROM d)
  ), m AS (
    SELECT r.person_id, k.key, lv.level, bool_or(r.before > 0) AS was, bool_or(r.after > 0) AS now
    FROM r LEFT JOIN organisations g ON g.id = r.org_id
    CROSS JOIN LATERAL (
      SELECT DISTINCT v.key FROM (VALUES (''), (substr(g.region_code, 1, 2)), (substr(g.region_code, 1, 4)), (g.region_code::text), (r.org_id::text)) AS v(key)
      WHERE v.key IS NOT NULL
    ) AS k
    CROSS JOIN LATERAL (VALUES (r.level), (0::smallint)) AS lv(level)
    GROUP BY 1, 2, 3
  )
  INSERT INTO holder_counts AS c (scope_key, level, holders)
  SELECT m.key, m.level, sum(m.now::int - m.was::int) FROM m
  GROUP BY 1, 2 HAVING sum(m.now::int - m.was::int) <> 0 ORDER BY 1, 2
  ON CONFLICT (scope_key, level) DO UPDATE SET holders = c.holders + EXCLUDED.holders;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_holders_rollup AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holder_counts_insert();

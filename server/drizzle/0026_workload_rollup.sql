CREATE TABLE "marking_workload" (
	"term" varchar(7) NOT NULL,
	"plan_id" uuid NOT NULL,
	"examiner_id" uuid NOT NULL,
	"candidates" integer DEFAULT 0 NOT NULL,
	"tasks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "marking_workload_term_plan_id_examiner_id_pk" PRIMARY KEY("term","plan_id","examiner_id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_paid_monthly" (
	"month" char(7) NOT NULL,
	"region_code" char(6) NOT NULL,
	"org_id" uuid NOT NULL,
	"occupation_code" varchar(32) NOT NULL,
	"level" smallint NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"claims" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "subsidy_paid_monthly_month_region_code_org_id_occupation_code_level_pk" PRIMARY KEY("month","region_code","org_id","occupation_code","level")
);
--> statement-breakpoint
-- hand-written: R15 examiner workload (statistics module) kept exact in the writing transaction. A mark counts in the
-- 学期 of its time (China time, UTC+8: `YYYY-1` September–January, `YYYY-2` February–August, YYYY the year the term
-- starts — the same as termOf in supervision.rules.ts), its plan and its examiner: tasks +1 per mark row, candidates +1
-- per distinct candidate × part (enrolment, part) of that examiner, plan and term. Inserts, updates (a re-mark at a
-- later time, a mark moved to another examiner) and deletes are one statement trigger each over the transition tables
-- (a bulk insert is one aggregate): the touched candidate × part keys are grouped with their marks added and removed,
-- the rollup rows locked in key order (two writers of one examiner's marks queue there, and the count that follows sees
-- the other's committed rows), and a key's candidate counts +1 when it now has marks and had none before, −1 the other
-- way round. Rows fallen to zero are deleted. Plans' status and organisation and examiners' accounts are joined when
-- read, so no trigger is needed on them. marking_workload_rebuild() recomputes the rollup from marks (after a bulk load
-- with the triggers disabled). One statement that both inserts and updates marks of the same candidate × part and
-- examiner (INSERT … ON CONFLICT over several rows) is not counted exactly; the marking module writes one mark a statement.
CREATE OR REPLACE FUNCTION marking_term(p_at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char((p_at AT TIME ZONE 'UTC') + interval '8 hours' - interval '8 months', 'YYYY')
    || CASE WHEN extract(month FROM (p_at AT TIME ZONE 'UTC') + interval '8 hours' - interval '8 months') <= 5 THEN '-1' ELSE '-2' END
$$;
--> statement-breakpoint
CREATE TYPE marking_workload_delta AS (term text, plan_id uuid, examiner_id uuid, enrolment_id uuid, part_id uuid, added integer, removed integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION marking_workload_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d marking_workload_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(x.term, x.plan_id, x.examiner_id, x.enrolment_id, x.part_id, x.n, 0)::marking_workload_delta) INTO d
    FROM (SELECT marking_term(n.at) AS term, n.plan_id, n.examiner_id, n.enrolment_id, n.part_id, count(*)::int AS n
      FROM new_rows n GROUP BY 1, 2, 3, 4, 5) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW(x.term, x.plan_id, x.examiner_id, x.enrolment_id, x.part_id, 0, x.n)::marking_workload_delta) INTO d
    FROM (SELECT marking_term(o.at) AS term, o.plan_id, o.examiner_id, o.enrolment_id, o.part_id, count(*)::int AS n
      FROM old_rows o GROUP BY 1, 2, 3, 4, 5) x;
  ELSE
    SELECT array_agg(ROW(x.term, x.plan_id, x.examiner_id, x.enrolment_id, x.part_id, x.added, x.removed)::marking_workload_delta) INTO d
    FROM (SELECT y.term, y.plan_id, y.examiner_id, y.enrolment_id, y.part_id, sum(y.a)::int AS added, sum(y.r)::int AS removed
      FROM (
        SELECT marking_term(n.at) AS term, n.plan_id, n.examiner_id, n.enrolment_id, n.part_id, 1 AS a, 0 AS r FROM new_rows n
        UNION ALL
        SELECT marking_term(o.at), o.plan_id, o.examiner_id, o.enrolment_id, o.part_id, 0, 1 FROM old_rows o
      ) y GROUP BY 1, 2, 3, 4, 5 HAVING sum(y.a) <> sum(y.r)) x;
  END IF;
  IF d IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO marking_workload AS w (term, plan_id, examiner_id)
  SELECT DISTINCT x.term, x.plan_id, x.examiner_id FROM unnest(d) x ORDER BY 1, 2, 3
  ON CONFLICT (term, plan_id, examiner_id) DO UPDATE SET tasks = w.tasks;
  INSERT INTO marking_workload AS w (term, plan_id, examiner_id, candidates, tasks)
  SELECT x.term, x.plan_id, x.examiner_id, sum((c.n > 0)::int - (c.n - x.added + x.removed > 0)::int), sum(x.added - x.removed)
  FROM unnest(d) x CROSS JOIN LATERAL (
    SELECT count(*)::int AS n FROM marks m
    WHERE m.enrolment_id = x.enrolment_id AND m.part_id = x.part_id AND m.examiner_id = x.examiner_id AND m.plan_id = x.plan_id
      AND marking_term(m.at) = x.term
  ) c
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (term, plan_id, examiner_id) DO UPDATE SET candidates = w.candidates + EXCLUDED.candidates, tasks = w.tasks + EXCLUDED.tasks;
  DELETE FROM marking_workload w USING (SELECT DISTINCT x.term, x.plan_id, x.examiner_id FROM unnest(d) x) k
  WHERE w.term = k.term AND w.plan_id = k.plan_id AND w.examiner_id = k.examiner_id AND w.tasks = 0 AND w.candidates = 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER marks_workload_insert AFTER INSERT ON marks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marking_workload_apply();
--> statement-breakpoint
CREATE TRIGGER marks_workload_update AFTER UPDATE ON marks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION marking_workload_apply();
--> statement-breakpoint
CREATE TRIGGER marks_workload_delete AFTER DELETE ON marks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION marking_workload_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION marking_workload_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM marking_workload;
  INSERT INTO marking_workload (term, plan_id, examiner_id, candidates, tasks)
  SELECT x.term, x.plan_id, x.examiner_id, count(*), sum(x.n)
  FROM (SELECT marking_term(m.at) AS term, m.plan_id, m.examiner_id, m.enrolment_id, m.part_id, count(*) AS n FROM marks m GROUP BY 1, 2, 3, 4, 5) x
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
SELECT marking_workload_rebuild();
--> statement-breakpoint
-- hand-written: subsidies paid (statistics module) kept exact in the writing transaction. A claim counts while its status
-- is paid and it has a day of payment: claims +1 and amount + its paid amount, in the month of that day, its paying
-- region, the organisation of its certificate (the institution's school, else the issuer; the nil uuid for neither — a
-- certificate's school does not change after issue), its occupation and level. Inserts, updates (paid, a corrected
-- amount or day, unpaid) and deletes move their rows out of and into the rollup (statement triggers over the transition
-- tables; keys upserted in key order). subsidy_paid_rebuild() recomputes the rollup from subsidy_claims.
CREATE OR REPLACE FUNCTION subsidy_paid_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO subsidy_paid_monthly AS m (month, region_code, org_id, occupation_code, level, amount, claims)
    SELECT substr(x.paid_on, 1, 7), x.region_code, coalesce(i.org_id, c.issuer_org_id, '00000000-0000-0000-0000-000000000000'::uuid), x.occupation_code, x.level,
      sum(x.d * coalesce(x.paid_amount, 0)), sum(x.d)
    FROM (
      SELECT n.certificate_id, n.paid_on, n.region_code, n.occupation_code, n.level, n.paid_amount, 1 AS d
      FROM new_rows n WHERE n.status = 'paid' AND n.paid_on IS NOT NULL
    ) x JOIN certificates c ON c.id = x.certificate_id LEFT JOIN institutions i ON i.id = c.institution_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.d) <> 0 OR sum(x.d * coalesce(x.paid_amount, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, region_code, org_id, occupation_code, level)
    DO UPDATE SET amount = m.amount + EXCLUDED.amount, claims = m.claims + EXCLUDED.claims;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO subsidy_paid_monthly AS m (month, region_code, org_id, occupation_code, level, amount, claims)
    SELECT substr(x.paid_on, 1, 7), x.region_code, coalesce(i.org_id, c.issuer_org_id, '00000000-0000-0000-0000-000000000000'::uuid), x.occupation_code, x.level,
      sum(x.d * coalesce(x.paid_amount, 0)), sum(x.d)
    FROM (
      SELECT o.certificate_id, o.paid_on, o.region_code, o.occupation_code, o.level, o.paid_amount, -1 AS d
      FROM old_rows o WHERE o.status = 'paid' AND o.paid_on IS NOT NULL
    ) x JOIN certificates c ON c.id = x.certificate_id LEFT JOIN institutions i ON i.id = c.institution_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.d) <> 0 OR sum(x.d * coalesce(x.paid_amount, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, region_code, org_id, occupation_code, level)
    DO UPDATE SET amount = m.amount + EXCLUDED.amount, claims = m.claims + EXCLUDED.claims;
  ELSE
    INSERT INTO subsidy_paid_monthly AS m (month, region_code, org_id, occupation_code, level, amount, claims)
    SELECT substr(x.paid_on, 1, 7), x.region_code, coalesce(i.org_id, c.issuer_org_id, '00000000-0000-0000-0000-000000000000'::uuid), x.occupation_code, x.level,
      sum(x.d * coalesce(x.paid_amount, 0)), sum(x.d)
    FROM (
      SELECT n.certificate_id, n.paid_on, n.region_code, n.occupation_code, n.level, n.paid_amount, 1 AS d
      FROM new_rows n WHERE n.status = 'paid' AND n.paid_on IS NOT NULL
      UNION ALL
      SELECT o.certificate_id, o.paid_on, o.region_code, o.occupation_code, o.level, o.paid_amount, -1 AS d
      FROM old_rows o WHERE o.status = 'paid' AND o.paid_on IS NOT NULL
    ) x JOIN certificates c ON c.id = x.certificate_id LEFT JOIN institutions i ON i.id = c.institution_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.d) <> 0 OR sum(x.d * coalesce(x.paid_amount, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, region_code, org_id, occupation_code, level)
    DO UPDATE SET amount = m.amount + EXCLUDED.amount, claims = m.claims + EXCLUDED.claims;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER subsidy_claims_paid_insert AFTER INSERT ON subsidy_claims REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subsidy_paid_apply();
--> statement-breakpoint
CREATE TRIGGER subsidy_claims_paid_update AFTER UPDATE ON subsidy_claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subsidy_paid_apply();
--> statement-breakpoint
CREATE TRIGGER subsidy_claims_paid_delete AFTER DELETE ON subsidy_claims REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION subsidy_paid_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION subsidy_paid_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM subsidy_paid_monthly;
  INSERT INTO subsidy_paid_monthly (month, region_code, org_id, occupation_code, level, amount, claims)
  SELECT substr(s.paid_on, 1, 7), s.region_code, coalesce(i.org_id, c.issuer_org_id, '00000000-0000-0000-0000-000000000000'::uuid), s.occupation_code, s.level,
    sum(coalesce(s.paid_amount, 0)), count(*)
  FROM subsidy_claims s JOIN certificates c ON c.id = s.certificate_id LEFT JOIN institutions i ON i.id = c.institution_id
  WHERE s.status = 'paid' AND s.paid_on IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
END
$$;
--> statement-breakpoint
SELECT subsidy_paid_rebuild();

CREATE TABLE "pass_monthly" (
	"month" char(7) NOT NULL,
	"org_id" uuid NOT NULL,
	"part_kind" varchar(12) NOT NULL,
	"occupation_code" varchar(32) NOT NULL,
	"occupation_name" text NOT NULL,
	"level" smallint NOT NULL,
	"sat" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pass_monthly_month_org_id_part_kind_occupation_code_occupation_name_level_pk" PRIMARY KEY("month","org_id","part_kind","occupation_code","occupation_name","level")
);
--> statement-breakpoint
-- hand-written: pass rates (statistics module) kept exact in the writing transaction. A part result counts when it has a
-- score and is not absent: sat +1, and passed +1 when the score is at or above its part's pass mark; it lies in the month
-- of its time (China time, UTC+8, no daylight saving), the plan's organisation, the part's kind, the plan's occupation
-- (or 专项 item's name) and level (0 = none). Inserts, updates (a re-mark, pass→fail, absent) and deletes of part results
-- move their rows out of and into the rollup (statement triggers over the transition tables, so a bulk insert is one
-- aggregate); a changed pass mark or part kind, or a plan's organisation, occupation or level, moves the results
-- beneath it. Keys are upserted in key order so concurrent writers lock them in the same order.
-- pass_monthly_rebuild() recomputes the rollup from part_results (after a bulk load with the triggers disabled).
CREATE OR REPLACE FUNCTION pass_monthly_key(p_at timestamptz, p_part uuid, p_plan uuid)
RETURNS TABLE (month text, org_id uuid, part_kind text, occupation_code text, occupation_name text, level smallint, pass_mark double precision)
LANGUAGE sql STABLE AS $$
  SELECT to_char((p_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM'), p.org_id, pp.kind::text, coalesce(oc.code, '')::text,
    coalesce(oc.name, si.name, '')::text, coalesce(p.level, 0)::smallint, pp.pass_mark
  FROM plan_parts pp JOIN plans p ON p.id = p_plan
  LEFT JOIN occupations oc ON oc.id = p.occupation_id LEFT JOIN special_items si ON si.id = p.special_item_id
  WHERE pp.id = p_part
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pass_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO pass_monthly AS m (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
    SELECT k.month, k.org_id, k.part_kind, k.occupation_code, k.occupation_name, k.level, count(*), count(*) FILTER (WHERE x.score >= k.pass_mark)
    FROM new_rows x CROSS JOIN LATERAL pass_monthly_key(x.at, x.part_id, x.plan_id) k
    WHERE x.score IS NOT NULL AND NOT x.absent
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (month, org_id, part_kind, occupation_code, occupation_name, level)
    DO UPDATE SET sat = m.sat + EXCLUDED.sat, passed = m.passed + EXCLUDED.passed;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO pass_monthly AS m (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
    SELECT k.month, k.org_id, k.part_kind, k.occupation_code, k.occupation_name, k.level, -count(*), -count(*) FILTER (WHERE x.score >= k.pass_mark)
    FROM old_rows x CROSS JOIN LATERAL pass_monthly_key(x.at, x.part_id, x.plan_id) k
    WHERE x.score IS NOT NULL AND NOT x.absent
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (month, org_id, part_kind, occupation_code, occupation_name, level)
    DO UPDATE SET sat = m.sat + EXCLUDED.sat, passed = m.passed + EXCLUDED.passed;
  ELSE
    INSERT INTO pass_monthly AS m (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
    SELECT k.month, k.org_id, k.part_kind, k.occupation_code, k.occupation_name, k.level, sum(x.d), coalesce(sum(x.d) FILTER (WHERE x.score >= k.pass_mark), 0)
    FROM (
      SELECT o.at, o.part_id, o.plan_id, o.score, -1 AS d FROM old_rows o WHERE o.score IS NOT NULL AND NOT o.absent
      UNION ALL
      SELECT n.at, n.part_id, n.plan_id, n.score, 1 AS d FROM new_rows n WHERE n.score IS NOT NULL AND NOT n.absent
    ) x CROSS JOIN LATERAL pass_monthly_key(x.at, x.part_id, x.plan_id) k
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(x.d) <> 0 OR coalesce(sum(x.d) FILTER (WHERE x.score >= k.pass_mark), 0) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (month, org_id, part_kind, occupation_code, occupation_name, level)
    DO UPDATE SET sat = m.sat + EXCLUDED.sat, passed = m.passed + EXCLUDED.passed;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER part_results_pass_insert AFTER INSERT ON part_results REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pass_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER part_results_pass_update AFTER UPDATE ON part_results REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pass_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER part_results_pass_delete AFTER DELETE ON part_results REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pass_monthly_apply();
--> statement-breakpoint
-- A part's pass mark or kind, or a plan's organisation, occupation, 专项 item or level changed: its results leave the
-- keys of the old values and join those of the new.
CREATE OR REPLACE FUNCTION pass_monthly_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'plan_parts' THEN
    IF NEW.pass_mark IS NOT DISTINCT FROM OLD.pass_mark AND NEW.kind IS NOT DISTINCT FROM OLD.kind THEN
      RETURN NULL;
    END IF;
    INSERT INTO pass_monthly AS m (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
    SELECT k.month, k.org_id, x.kind, k.occupation_code, k.occupation_name, k.level, sum(x.d), coalesce(sum(x.d) FILTER (WHERE x.score >= x.mark), 0)
    FROM (
      SELECT r.at, r.part_id, r.plan_id, r.score, OLD.kind::text AS kind, OLD.pass_mark AS mark, -1 AS d FROM part_results r
      WHERE r.part_id = OLD.id AND r.score IS NOT NULL AND NOT r.absent
      UNION ALL
      SELECT r.at, r.part_id, r.plan_id, r.score, NEW.kind::text, NEW.pass_mark, 1 FROM part_results r
      WHERE r.part_id = NEW.id AND r.score IS NOT NULL AND NOT r.absent
    ) x CROSS JOIN LATERAL pass_monthly_key(x.at, x.part_id, x.plan_id) k
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (month, org_id, part_kind, occupation_code, occupation_name, level)
    DO UPDATE SET sat = m.sat + EXCLUDED.sat, passed = m.passed + EXCLUDED.passed;
    RETURN NULL;
  END IF;
  IF NEW.org_id IS NOT DISTINCT FROM OLD.org_id AND NEW.occupation_id IS NOT DISTINCT FROM OLD.occupation_id
     AND NEW.special_item_id IS NOT DISTINCT FROM OLD.special_item_id AND NEW.level IS NOT DISTINCT FROM OLD.level THEN
    RETURN NULL;
  END IF;
  INSERT INTO pass_monthly AS m (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
  SELECT to_char((x.at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM'), x.org_id, pp.kind, coalesce(oc.code, ''), coalesce(oc.name, si.name, ''),
    coalesce(x.level, 0), sum(x.d), coalesce(sum(x.d) FILTER (WHERE x.score >= pp.pass_mark), 0)
  FROM (
    SELECT r.at, r.part_id, r.score, OLD.org_id AS org_id, OLD.occupation_id AS occupation_id, OLD.special_item_id AS special_item_id, OLD.level AS level, -1 AS d
    FROM part_results r WHERE r.plan_id = OLD.id AND r.score IS NOT NULL AND NOT r.absent
    UNION ALL
    SELECT r.at, r.part_id, r.score, NEW.org_id, NEW.occupation_id, NEW.special_item_id, NEW.level, 1
    FROM part_results r WHERE r.plan_id = NEW.id AND r.score IS NOT NULL AND NOT r.absent
  ) x JOIN plan_parts pp ON pp.id = x.part_id
  LEFT JOIN occupations oc ON oc.id = x.occupation_id LEFT JOIN special_items si ON si.id = x.special_item_id
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (month, org_id, part_kind, occupation_code, occupation_name, level)
  DO UPDATE SET sat = m.sat + EXCLUDED.sat, passed = m.passed + EXCLUDED.passed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER plan_parts_pass_move AFTER UPDATE OF pass_mark, kind ON plan_parts FOR EACH ROW EXECUTE FUNCTION pass_monthly_move();
--> statement-breakpoint
CREATE TRIGGER plans_pass_move AFTER UPDATE OF org_id, occupation_id, special_item_id, level ON plans FOR EACH ROW EXECUTE FUNCTION pass_monthly_move();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pass_monthly_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pass_monthly;
  INSERT INTO pass_monthly (month, org_id, part_kind, occupation_code, occupation_name, level, sat, passed)
  SELECT to_char((r.at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM'), p.org_id, pp.kind, coalesce(oc.code, ''), coalesce(oc.name, si.name, ''),
    coalesce(p.level, 0), count(*), count(*) FILTER (WHERE r.score >= pp.pass_mark)
  FROM part_results r JOIN plan_parts pp ON pp.id = r.part_id JOIN plans p ON p.id = r.plan_id
  LEFT JOIN occupations oc ON oc.id = p.occupation_id LEFT JOIN special_items si ON si.id = p.special_item_id
  WHERE r.score IS NOT NULL AND NOT r.absent
  GROUP BY 1, 2, 3, 4, 5, 6;
END
$$;
--> statement-breakpoint
SELECT pass_monthly_rebuild();

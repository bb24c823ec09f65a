CREATE TABLE "holder_counts" (
	"scope_key" varchar(36) NOT NULL,
	"level" smallint NOT NULL,
	"holders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "holder_counts_scope_key_level_pk" PRIMARY KEY("scope_key","level")
);
--> statement-breakpoint
CREATE TABLE "holder_refs" (
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"certificates" integer NOT NULL,
	CONSTRAINT "holder_refs_person_id_level_org_id_pk" PRIMARY KEY("person_id","level","org_id")
);
--> statement-breakpoint
-- hand-written: distinct holders (R11) kept exact by a trigger on certificates, in the same transaction as the certificate's
-- insert, revocation or un-revocation (statistics module). holder_refs counts a person's valid certificates per
-- (organisation, level); when such a reference appears or vanishes, every scope of the organisation ('' = all, region
-- prefixes of 2/4/6 digits, the organisation's id), at its level and at level 0 (any level), gains or loses the person
-- unless another reference of theirs already lies in that scope. holder_counts_rebuild() recomputes both from
-- certificates (after a bulk load with the trigger disabled, as the generator does). The counts are updated in key order
-- so concurrent issuing transactions lock them in the same order.
CREATE OR REPLACE FUNCTION holder_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d integer := 0;
  o uuid;
  r text;
  n integer;
BEGIN
  IF NEW.level IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    d := CASE WHEN NEW.status = 'valid' THEN 1 ELSE 0 END;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    d := (CASE WHEN NEW.status = 'valid' THEN 1 ELSE 0 END) - (CASE WHEN OLD.status = 'valid' THEN 1 ELSE 0 END);
  END IF;
  IF d = 0 THEN
    RETURN NEW;
  END IF;
  SELECT coalesce((SELECT i.org_id FROM institutions i WHERE i.id = NEW.institution_id), NEW.issuer_org_id) INTO o;
  IF o IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT g.region_code::text INTO r FROM organisations g WHERE g.id = o;
  IF d > 0 THEN
    INSERT INTO holder_refs AS h (person_id, org_id, level, certificates) VALUES (NEW.person_id, o, NEW.level, 1)
    ON CONFLICT (person_id, level, org_id) DO UPDATE SET certificates = h.certificates + 1
    RETURNING h.certificates INTO n;
    IF n <> 1 THEN
      RETURN NEW;
    END IF;
  ELSE
    UPDATE holder_refs h SET certificates = h.certificates - 1
    WHERE h.person_id = NEW.person_id AND h.level = NEW.level AND h.org_id = o
    RETURNING h.certificates INTO n;
    IF n IS NULL OR n > 0 THEN
      RETURN NEW;
    END IF;
    DELETE FROM holder_refs h WHERE h.person_id = NEW.person_id AND h.level = NEW.level AND h.org_id = o;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM holder_refs x WHERE x.person_id = NEW.person_id AND NOT (x.org_id = o AND x.level = NEW.level)) THEN
    -- The person's only reference: every scope and level of it gains or loses them.
    INSERT INTO holder_counts AS c (scope_key, level, holders)
    SELECT k.key, lv.level, d
    FROM (SELECT DISTINCT v.key FROM (VALUES (''), (substr(r, 1, 2)), (substr(r, 1, 4)), (r), (o::text)) AS v(key) WHERE v.key IS NOT NULL) AS k
    CROSS JOIN (VALUES (NEW.level), (0::smallint)) AS lv(level)
    ORDER BY 1, 2
    ON CONFLICT (scope_key, level) DO UPDATE SET holders = c.holders + EXCLUDED.holders;
    RETURN NEW;
  END IF;
  INSERT INTO holder_counts AS c (scope_key, level, holders)
  SELECT k.key, lv.level, d
  FROM (SELECT DISTINCT v.key FROM (VALUES (''), (substr(r, 1, 2)), (substr(r, 1, 4)), (r), (o::text)) AS v(key) WHERE v.key IS NOT NULL) AS k
  CROSS JOIN (VALUES (NEW.level), (0::smallint)) AS lv(level)
  WHERE NOT EXISTS (
    SELECT 1 FROM holder_refs x JOIN organisations g ON g.id = x.org_id
    WHERE x.person_id = NEW.person_id AND NOT (x.org_id = o AND x.level = NEW.level)
      AND (lv.level = 0 OR x.level = lv.level)
      AND (k.key = '' OR x.org_id::text = k.key OR (length(k.key) <= 6 AND g.region_code LIKE k.key || '%')))
  ORDER BY 1, 2
  ON CONFLICT (scope_key, level) DO UPDATE SET holders = c.holders + EXCLUDED.holders;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_holders_rollup AFTER INSERT OR UPDATE OF status ON certificates FOR EACH ROW EXECUTE FUNCTION holder_counts_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION holder_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM holder_counts;
  DELETE FROM holder_refs;
  INSERT INTO holder_refs (person_id, org_id, level, certificates)
  SELECT c.person_id, coalesce(i.org_id, c.issuer_org_id), c.level, count(*)
  FROM certificates c LEFT JOIN institutions i ON i.id = c.institution_id
  WHERE c.status = 'valid' AND c.level IS NOT NULL AND coalesce(i.org_id, c.issuer_org_id) IS NOT NULL
  GROUP BY 1, 2, 3;
  INSERT INTO holder_counts (scope_key, level, holders)
  SELECT k.key, coalesce(h.level, 0), count(DISTINCT h.person_id)
  FROM holder_refs h JOIN organisations g ON g.id = h.org_id
  CROSS JOIN LATERAL (
    SELECT DISTINCT v.key FROM (VALUES (''), (substr(g.region_code, 1, 2)), (substr(g.region_code, 1, 4)), (g.region_code::text), (h.org_id::text)) AS v(key)
  ) AS k
  GROUP BY GROUPING SETS ((k.key, h.level), (k.key));
END
$$;
--> statement-breakpoint
SELECT holder_counts_rebuild();

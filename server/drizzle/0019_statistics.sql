CREATE TABLE "certificate_monthly" (
	"month" char(7) NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"occupation_code" varchar(32) NOT NULL,
	"occupation_name" text NOT NULL,
	"level" smallint NOT NULL,
	"valid" integer DEFAULT 0 NOT NULL,
	"revoked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "certificate_monthly_month_org_id_kind_occupation_code_level_pk" PRIMARY KEY("month","org_id","kind","occupation_code","level")
);
--> statement-breakpoint
-- The rollup is kept by a trigger in the same transaction as the certificate's insert or status change (statistics module).
CREATE OR REPLACE FUNCTION certificate_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o uuid;
  dv integer := 0;
  dr integer := 0;
BEGIN
  IF TG_OP = 'INSERT' THEN
    dv := CASE WHEN NEW.status = 'valid' THEN 1 ELSE 0 END;
    dr := CASE WHEN NEW.status = 'revoked' THEN 1 ELSE 0 END;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    dv := (CASE WHEN NEW.status = 'valid' THEN 1 ELSE 0 END) - (CASE WHEN OLD.status = 'valid' THEN 1 ELSE 0 END);
    dr := (CASE WHEN NEW.status = 'revoked' THEN 1 ELSE 0 END) - (CASE WHEN OLD.status = 'revoked' THEN 1 ELSE 0 END);
  ELSE
    RETURN NEW;
  END IF;
  SELECT coalesce((SELECT i.org_id FROM institutions i WHERE i.id = NEW.institution_id), NEW.issuer_org_id) INTO o;
  IF o IS NULL THEN
    RETURN NEW;
  END IF;
  INSERT INTO certificate_monthly AS m (month, org_id, kind, occupation_code, occupation_name, level, valid, revoked)
  VALUES (substr(NEW.issued_on, 1, 7), o, NEW.kind, coalesce(NEW.occupation_code, ''), NEW.occupation_name, coalesce(NEW.level, 0), dv, dr)
  ON CONFLICT (month, org_id, kind, occupation_code, level)
  DO UPDATE SET valid = m.valid + EXCLUDED.valid, revoked = m.revoked + EXCLUDED.revoked;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER certificates_monthly_rollup AFTER INSERT OR UPDATE OF status ON certificates FOR EACH ROW EXECUTE FUNCTION certificate_monthly_apply();
--> statement-breakpoint
INSERT INTO certificate_monthly (month, org_id, kind, occupation_code, occupation_name, level, valid, revoked)
SELECT substr(c.issued_on, 1, 7), coalesce(i.org_id, c.issuer_org_id), c.kind, coalesce(c.occupation_code, ''), max(c.occupation_name), coalesce(c.level, 0),
  count(*) FILTER (WHERE c.status = 'valid'), count(*) FILTER (WHERE c.status = 'revoked')
FROM certificates c LEFT JOIN institutions i ON i.id = c.institution_id
WHERE coalesce(i.org_id, c.issuer_org_id) IS NOT NULL
GROUP BY 1, 2, 3, 4, 6;

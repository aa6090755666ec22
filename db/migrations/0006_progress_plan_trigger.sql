-- progress_tallies are now kept per plan too: two plans may use the same indicator key. Same rule as 0004: the
-- current rows' sum and count, in the same transaction as each write.
CREATE OR REPLACE FUNCTION "progress_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'current' THEN
    UPDATE progress_tallies SET total = total - OLD.value::numeric, rows = rows - 1
    WHERE plan = OLD.plan AND indicator_key = OLD.indicator_key AND unit_id = OLD.unit_id AND period = OLD.period;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'current' THEN
    INSERT INTO progress_tallies (plan, indicator_key, unit_id, period, total, rows)
    VALUES (NEW.plan, NEW.indicator_key, NEW.unit_id, NEW.period, NEW.value::numeric, 1)
    ON CONFLICT (plan, indicator_key, unit_id, period)
    DO UPDATE SET total = progress_tallies.total + EXCLUDED.total, rows = progress_tallies.rows + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER "progress_tallies_apply" ON "progress_updates";
--> statement-breakpoint
CREATE TRIGGER "progress_tallies_apply"
AFTER INSERT OR DELETE OR UPDATE OF plan, indicator_key, unit_id, period, value, status ON "progress_updates"
FOR EACH ROW EXECUTE FUNCTION "progress_tallies_apply"();

-- Keeps progress_tallies equal to the sum and count of the current rows of progress_updates, per indicator, unit and
-- period, in the same transaction as each write: a withdrawn or edited row is taken out of its old tally and put in
-- its new one. Backfilled from the rows already there.
CREATE FUNCTION "progress_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'current' THEN
    UPDATE progress_tallies SET total = total - OLD.value::numeric, rows = rows - 1
    WHERE indicator_key = OLD.indicator_key AND unit_id = OLD.unit_id AND period = OLD.period;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'current' THEN
    INSERT INTO progress_tallies (indicator_key, unit_id, period, total, rows)
    VALUES (NEW.indicator_key, NEW.unit_id, NEW.period, NEW.value::numeric, 1)
    ON CONFLICT (indicator_key, unit_id, period)
    DO UPDATE SET total = progress_tallies.total + EXCLUDED.total, rows = progress_tallies.rows + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "progress_tallies_apply"
AFTER INSERT OR DELETE OR UPDATE OF indicator_key, unit_id, period, value, status ON "progress_updates"
FOR EACH ROW EXECUTE FUNCTION "progress_tallies_apply"();
--> statement-breakpoint
INSERT INTO "progress_tallies" ("indicator_key", "unit_id", "period", "total", "rows")
SELECT "indicator_key", "unit_id", "period", sum("value"::numeric), count(*)
FROM "progress_updates" WHERE "status" = 'current'
GROUP BY "indicator_key", "unit_id", "period";

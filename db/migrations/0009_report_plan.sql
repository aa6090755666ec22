DROP INDEX "reports_unit_id_period_index";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "plan" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_unit_id_plan_period_index" ON "reports" USING btree ("unit_id","plan","period");
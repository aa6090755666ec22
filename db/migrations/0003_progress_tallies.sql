CREATE TABLE "progress_tallies" (
	"indicator_key" text NOT NULL,
	"unit_id" text NOT NULL,
	"period" text NOT NULL,
	"total" numeric NOT NULL,
	"rows" integer NOT NULL,
	CONSTRAINT "progress_tallies_indicator_key_unit_id_period_pk" PRIMARY KEY("indicator_key","unit_id","period")
);
--> statement-breakpoint
CREATE INDEX "progress_updates_latest_current_index" ON "progress_updates" USING btree ("indicator_key","unit_id","period","submitted_at","id") WHERE "progress_updates"."status" = 'current';
CREATE TABLE "plan_indicators" (
	"plan_slug" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"target" double precision,
	"target_max" double precision,
	"comparator" text,
	"measure" text,
	"deadline" text,
	"deadline_text" text,
	"lead" text,
	"section" text NOT NULL,
	"quote" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_indicators_plan_slug_key_pk" PRIMARY KEY("plan_slug","key")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"format" text NOT NULL,
	"sections" integer NOT NULL,
	"cadence" text DEFAULT 'half-yearly' NOT NULL,
	"span_from" text NOT NULL,
	"span_to" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "progress_updates_latest_current_index";--> statement-breakpoint
ALTER TABLE "progress_tallies" DROP CONSTRAINT "progress_tallies_indicator_key_unit_id_period_pk";--> statement-breakpoint
ALTER TABLE "progress_tallies" ADD COLUMN "plan" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_tallies" ADD CONSTRAINT "progress_tallies_plan_indicator_key_unit_id_period_pk" PRIMARY KEY("plan","indicator_key","unit_id","period");--> statement-breakpoint
ALTER TABLE "progress_updates" ADD COLUMN "plan" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_plan_slug_plans_slug_fk" FOREIGN KEY ("plan_slug") REFERENCES "public"."plans"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_updates_latest_current_index" ON "progress_updates" USING btree ("plan","indicator_key","unit_id","period","submitted_at","id") WHERE "progress_updates"."status" = 'current';
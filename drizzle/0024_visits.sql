CREATE TYPE "public"."visit_follow_up_state" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."visit_state" AS ENUM('booked', 'proposed', 'confirmed', 'held', 'closed', 'cancelled');--> statement-breakpoint
CREATE TABLE "visit_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"question" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"state" "visit_follow_up_state" DEFAULT 'open' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"reminded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"user_id" uuid,
	"company_id" uuid,
	"times" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_targets_one_party" CHECK (("visit_targets"."user_id" is null) <> ("visit_targets"."company_id" is null)),
	CONSTRAINT "visit_targets_times" CHECK ("visit_targets"."times" between 1 and 52)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"proposed_at" timestamp with time zone,
	"proposal_note" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"state" "visit_state" NOT NULL,
	"opinions" text DEFAULT '' NOT NULL,
	"suggestions" text DEFAULT '' NOT NULL,
	"requests" text DEFAULT '' NOT NULL,
	"held_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "visit_follow_ups" ADD CONSTRAINT "visit_follow_ups_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_follow_ups" ADD CONSTRAINT "visit_follow_ups_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_follow_ups" ADD CONSTRAINT "visit_follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_follow_ups" ADD CONSTRAINT "visit_follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_targets" ADD CONSTRAINT "visit_targets_plan_id_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."visit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_targets" ADD CONSTRAINT "visit_targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_targets" ADD CONSTRAINT "visit_targets_company_id_resident_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."resident_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_targets" ADD CONSTRAINT "visit_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_follow_ups_visit" ON "visit_follow_ups" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_follow_ups_due" ON "visit_follow_ups" USING btree ("estate_id","state","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_plans_estate_year" ON "visit_plans" USING btree ("estate_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_targets_plan_user" ON "visit_targets" USING btree ("plan_id","user_id") WHERE "visit_targets"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_targets_plan_company" ON "visit_targets" USING btree ("plan_id","company_id") WHERE "visit_targets"."company_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_seq" ON "visits" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "visits_estate_starts" ON "visits" USING btree ("estate_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_occupancy" ON "visits" USING btree ("occupancy_id","starts_at");
CREATE TYPE "public"."material_source" AS ENUM('estate', 'resident');--> statement-breakpoint
CREATE TYPE "public"."quote_state" AS ENUM('pending_approval', 'awaiting_resident', 'accepted', 'declined', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."repair_channel" AS ENUM('portal', 'phone', 'counter', 'widget');--> statement-breakpoint
CREATE TYPE "public"."repair_location" AS ENUM('unit', 'common_area');--> statement-breakpoint
CREATE TYPE "public"."repair_state" AS ENUM('received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."callback_role" AS ENUM('manager', 'customer_service', 'engineering_supervisor');--> statement-breakpoint
CREATE TYPE "public"."callback_state" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."rectification_state" AS ENUM('open', 'resolved');--> statement-breakpoint
ALTER TYPE "public"."staff_role" ADD VALUE 'engineering_supervisor' BEFORE 'security';--> statement-breakpoint
CREATE TABLE "repair_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repair_id" uuid NOT NULL,
	"name" text NOT NULL,
	"quantity" text DEFAULT '1' NOT NULL,
	"source" "material_source" NOT NULL,
	"accepted" boolean,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_materials_acceptance" CHECK (("repair_materials"."source" = 'resident') = ("repair_materials"."accepted" is not null))
);
--> statement-breakpoint
CREATE TABLE "repair_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind_id" uuid NOT NULL,
	"state" "repair_state" DEFAULT 'received' NOT NULL,
	"channel" "repair_channel" NOT NULL,
	"location" "repair_location" NOT NULL,
	"location_detail" text DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"enter_when_absent" boolean DEFAULT false NOT NULL,
	"access_notes" text DEFAULT '' NOT NULL,
	"call_to_arrange" boolean DEFAULT false NOT NULL,
	"requester_id" uuid,
	"created_by" uuid,
	"owner_id" uuid,
	"promised_reply_by" timestamp with time zone,
	"team_id" uuid,
	"technician_id" uuid,
	"response_due_at" timestamp with time zone NOT NULL,
	"completion_due_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"technician_received_at" timestamp with time zone,
	"on_site_at" timestamp with time zone,
	"work_done_at" timestamp with time zone,
	"work_summary" text DEFAULT '' NOT NULL,
	"signed_off_at" timestamp with time zone,
	"signed_off_name" text,
	"signature_file_id" uuid,
	"cancelled_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_orders_reopen_count" CHECK ("repair_orders"."reopen_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repair_id" uuid NOT NULL,
	"state" "quote_state" DEFAULT 'pending_approval' NOT NULL,
	"lines" jsonb NOT NULL,
	"total_minor" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"work_minutes" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_quotes_total" CHECK ("repair_quotes"."total_minor" >= 0),
	CONSTRAINT "repair_quotes_minutes" CHECK ("repair_quotes"."work_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "repair_ratings" (
	"repair_id" uuid PRIMARY KEY NOT NULL,
	"overall" integer NOT NULL,
	"speed" integer NOT NULL,
	"technician" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_ratings_range" CHECK ("repair_ratings"."overall" between 1 and 5 and "repair_ratings"."speed" between 1 and 5 and "repair_ratings"."technician" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "repair_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_assigned_at" timestamp with time zone,
	CONSTRAINT "repair_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "repair_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_evaluations" (
	"callback_id" uuid PRIMARY KEY NOT NULL,
	"work_ok" boolean NOT NULL,
	"service_rating" integer NOT NULL,
	"charges_ok" boolean NOT NULL,
	"suggestions" text DEFAULT '' NOT NULL,
	"signed_name" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callback_evaluations_rating" CHECK ("callback_evaluations"."service_rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "rectification_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repair_id" uuid NOT NULL,
	"callback_id" uuid NOT NULL,
	"technician_id" uuid,
	"issue" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" "rectification_state" DEFAULT 'open' NOT NULL,
	"issued_by" uuid NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repair_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"assignee_role" "callback_role" NOT NULL,
	"state" "callback_state" DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"work_ok" boolean,
	"service_rating" integer,
	"suggestions" text DEFAULT '' NOT NULL,
	"charges_ok" boolean,
	"resident_signed_name" text,
	"signature_file_id" uuid,
	"problem_found" boolean,
	"problem_note" text DEFAULT '' NOT NULL,
	"evaluation_token_hash" "bytea",
	"evaluation_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_callbacks_rating" CHECK ("repair_callbacks"."service_rating" is null or "repair_callbacks"."service_rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "repair_materials" ADD CONSTRAINT "repair_materials_repair_id_repair_orders_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_materials" ADD CONSTRAINT "repair_materials_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_kind_id_repair_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."repair_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_team_id_repair_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."repair_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_signature_file_id_files_id_fk" FOREIGN KEY ("signature_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_repair_id_repair_orders_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_ratings" ADD CONSTRAINT "repair_ratings_repair_id_repair_orders_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_ratings" ADD CONSTRAINT "repair_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_team_members" ADD CONSTRAINT "repair_team_members_team_id_repair_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."repair_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_team_members" ADD CONSTRAINT "repair_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_teams" ADD CONSTRAINT "repair_teams_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_evaluations" ADD CONSTRAINT "callback_evaluations_callback_id_repair_callbacks_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."repair_callbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_repair_id_repair_orders_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_callback_id_repair_callbacks_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."repair_callbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD CONSTRAINT "repair_callbacks_repair_id_repair_orders_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD CONSTRAINT "repair_callbacks_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD CONSTRAINT "repair_callbacks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD CONSTRAINT "repair_callbacks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD CONSTRAINT "repair_callbacks_signature_file_id_files_id_fk" FOREIGN KEY ("signature_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_materials_repair" ON "repair_materials" USING btree ("repair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_seq" ON "repair_orders" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "repair_orders_estate_state_created" ON "repair_orders" USING btree ("estate_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "repair_orders_estate_created" ON "repair_orders" USING btree ("estate_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repair_orders_unit_created" ON "repair_orders" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_orders_technician_state" ON "repair_orders" USING btree ("technician_id","state");--> statement-breakpoint
CREATE INDEX "repair_orders_owner_state" ON "repair_orders" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "repair_orders_open_completion_due" ON "repair_orders" USING btree ("completion_due_at") WHERE "repair_orders"."state" not in ('done', 'cancelled');--> statement-breakpoint
CREATE INDEX "repair_quotes_repair" ON "repair_quotes" USING btree ("repair_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_quotes_one_open" ON "repair_quotes" USING btree ("repair_id") WHERE "repair_quotes"."state" in ('pending_approval', 'awaiting_resident');--> statement-breakpoint
CREATE INDEX "repair_team_members_user" ON "repair_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_teams_estate_name" ON "repair_teams" USING btree ("estate_id","name");--> statement-breakpoint
CREATE INDEX "rectification_notices_repair" ON "rectification_notices" USING btree ("repair_id");--> statement-breakpoint
CREATE INDEX "rectification_notices_technician_state" ON "rectification_notices" USING btree ("technician_id","state","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_callbacks_repair" ON "repair_callbacks" USING btree ("repair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_callbacks_token" ON "repair_callbacks" USING btree ("evaluation_token_hash");--> statement-breakpoint
CREATE INDEX "repair_callbacks_estate_due" ON "repair_callbacks" USING btree ("estate_id","state","due_at");--> statement-breakpoint
CREATE INDEX "repair_callbacks_created" ON "repair_callbacks" USING btree ("created_at");
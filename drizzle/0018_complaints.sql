CREATE TYPE "public"."complaint_callback_mode" AS ENUM('phone', 'in_person');--> statement-breakpoint
CREATE TYPE "public"."complaint_channel" AS ENUM('portal', 'widget', 'phone', 'counter');--> statement-breakpoint
CREATE TYPE "public"."complaint_department" AS ENUM('customer_service', 'engineering', 'security', 'finance', 'management');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('normal', 'serious');--> statement-breakpoint
CREATE TYPE "public"."complaint_state" AS ENUM('received', 'assigned', 'resolved', 'closed');--> statement-breakpoint
CREATE TABLE "complaint_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh_hans" text NOT NULL,
	"name_zh_hant" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_kinds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid,
	"building_id" uuid,
	"location_detail" text DEFAULT '' NOT NULL,
	"kind_id" uuid NOT NULL,
	"severity" "complaint_severity" DEFAULT 'normal' NOT NULL,
	"channel" "complaint_channel" NOT NULL,
	"state" "complaint_state" DEFAULT 'received' NOT NULL,
	"content" text NOT NULL,
	"complainant_name" text NOT NULL,
	"company_name" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"verified" boolean DEFAULT true NOT NULL,
	"requester_id" uuid,
	"occupancy_id" uuid,
	"created_by" uuid,
	"owner_id" uuid,
	"promised_reply_by" timestamp with time zone,
	"promise_set_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"promise_missed_at" timestamp with time zone,
	"department" "complaint_department",
	"department_due_at" timestamp with time zone,
	"responsible_id" uuid,
	"fix_plan" text DEFAULT '' NOT NULL,
	"deadline_missed_at" timestamp with time zone,
	"outside_party" boolean DEFAULT false NOT NULL,
	"resolution" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolver_signed_name" text,
	"malicious" boolean DEFAULT false NOT NULL,
	"satisfaction_token_hash" "bytea",
	"satisfaction_expires_at" timestamp with time zone,
	"satisfied" boolean,
	"satisfaction_comment" text DEFAULT '' NOT NULL,
	"satisfaction_at" timestamp with time zone,
	"callback_at" timestamp with time zone,
	"callback_by" uuid,
	"callback_mode" "complaint_callback_mode",
	"callback_satisfied" boolean,
	"callback_note" text DEFAULT '' NOT NULL,
	"callback_signed_name" text,
	"callback_signature_file_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_in_person_signed" CHECK ("complaints"."callback_mode" is distinct from 'in_person' or "complaints"."callback_signature_file_id" is not null),
	CONSTRAINT "complaints_resolved_signed" CHECK ("complaints"."resolved_at" is null or "complaints"."resolver_signed_name" is not null)
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_kind_id_complaint_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."complaint_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_callback_by_users_id_fk" FOREIGN KEY ("callback_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_callback_signature_file_id_files_id_fk" FOREIGN KEY ("callback_signature_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_seq" ON "complaints" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_satisfaction_token" ON "complaints" USING btree ("satisfaction_token_hash");--> statement-breakpoint
CREATE INDEX "complaints_estate_state_created" ON "complaints" USING btree ("estate_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_estate_created" ON "complaints" USING btree ("estate_id","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_owner_state" ON "complaints" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "complaints_responsible_state" ON "complaints" USING btree ("responsible_id","state");--> statement-breakpoint
CREATE INDEX "complaints_occupancy_created" ON "complaints" USING btree ("occupancy_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_unit_created" ON "complaints" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_estate_resolved" ON "complaints" USING btree ("estate_id","resolved_at");--> statement-breakpoint
-- Rule 4: a complaint, a malicious one included, is answered on the record and kept, never deleted.
CREATE OR REPLACE FUNCTION refuse_complaint_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'complaints are kept: % is not allowed', TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER complaints_never_deleted BEFORE DELETE ON complaints
	FOR EACH ROW EXECUTE FUNCTION refuse_complaint_delete();
--> statement-breakpoint
CREATE TRIGGER complaints_no_truncate BEFORE TRUNCATE ON complaints
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_complaint_delete();

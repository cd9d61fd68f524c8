CREATE TYPE "public"."renovation_department" AS ENUM('desk', 'engineering', 'security');--> statement-breakpoint
CREATE TYPE "public"."renovation_inspection_kind" AS ENUM('daily', 'hidden_works', 'completion');--> statement-breakpoint
CREATE TYPE "public"."renovation_inspection_outcome" AS ENUM('ok', 'issues', 'passed', 'defects');--> statement-breakpoint
CREATE TYPE "public"."renovation_paper" AS ENUM('renovation_commitment', 'fire_safety_commitment', 'permit');--> statement-breakpoint
CREATE TYPE "public"."renovation_signer" AS ENUM('applicant', 'contractor', 'desk', 'engineering', 'security');--> statement-breakpoint
CREATE TABLE "renovation_hot_work_permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"application_id" uuid NOT NULL,
	"permit_id" uuid NOT NULL,
	"work_date" date NOT NULL,
	"location" text NOT NULL,
	"fire_watch" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renovation_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" "renovation_inspection_kind" NOT NULL,
	"requested_by" uuid,
	"requested_what" text,
	"requested_on" date,
	"department" "renovation_department",
	"inspector_id" uuid,
	"inspected_on" date,
	"outcome" "renovation_inspection_outcome",
	"findings" text DEFAULT '' NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inspected_at" timestamp with time zone,
	CONSTRAINT "renovation_inspections_done" CHECK (("renovation_inspections"."outcome" is null) = ("renovation_inspections"."inspector_id" is null))
);
--> statement-breakpoint
CREATE TABLE "renovation_permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"application_id" uuid NOT NULL,
	"code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	CONSTRAINT "renovation_permits_dates" CHECK ("renovation_permits"."valid_to" >= "renovation_permits"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "renovation_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"paper" "renovation_paper" NOT NULL,
	"signer" "renovation_signer" NOT NULL,
	"user_id" uuid NOT NULL,
	"signed_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renovation_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"department" "renovation_department" NOT NULL,
	"description" text NOT NULL,
	"fine_minor" integer DEFAULT 0 NOT NULL,
	"bill_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renovation_violations_fine" CHECK ("renovation_violations"."fine_minor" >= 0 and ("renovation_violations"."fine_minor" = 0) = ("renovation_violations"."bill_id" is null))
);
--> statement-breakpoint
CREATE TABLE "renovation_worker_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"application_id" uuid NOT NULL,
	"permit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_last4" text NOT NULL,
	"photo_file_id" uuid NOT NULL,
	"code" text NOT NULL,
	"bill_id" uuid,
	"issued_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renovation_worker_passes_id" CHECK ("renovation_worker_passes"."id_last4" ~ '^[0-9A-Za-z]{4}$')
);
--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD COLUMN "deposit_refund_id" uuid;--> statement-breakpoint
ALTER TABLE "renovation_hot_work_permits" ADD CONSTRAINT "renovation_hot_work_permits_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_hot_work_permits" ADD CONSTRAINT "renovation_hot_work_permits_permit_id_renovation_permits_id_fk" FOREIGN KEY ("permit_id") REFERENCES "public"."renovation_permits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_hot_work_permits" ADD CONSTRAINT "renovation_hot_work_permits_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_inspections" ADD CONSTRAINT "renovation_inspections_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_inspections" ADD CONSTRAINT "renovation_inspections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_inspections" ADD CONSTRAINT "renovation_inspections_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_permits" ADD CONSTRAINT "renovation_permits_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_permits" ADD CONSTRAINT "renovation_permits_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_signatures" ADD CONSTRAINT "renovation_signatures_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_signatures" ADD CONSTRAINT "renovation_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_violations" ADD CONSTRAINT "renovation_violations_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_violations" ADD CONSTRAINT "renovation_violations_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_violations" ADD CONSTRAINT "renovation_violations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_worker_passes" ADD CONSTRAINT "renovation_worker_passes_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_worker_passes" ADD CONSTRAINT "renovation_worker_passes_permit_id_renovation_permits_id_fk" FOREIGN KEY ("permit_id") REFERENCES "public"."renovation_permits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_worker_passes" ADD CONSTRAINT "renovation_worker_passes_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_worker_passes" ADD CONSTRAINT "renovation_worker_passes_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_worker_passes" ADD CONSTRAINT "renovation_worker_passes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "renovation_hot_work_permits_application" ON "renovation_hot_work_permits" USING btree ("application_id","work_date");--> statement-breakpoint
CREATE INDEX "renovation_inspections_application" ON "renovation_inspections" USING btree ("application_id","kind");--> statement-breakpoint
CREATE INDEX "renovation_inspections_day" ON "renovation_inspections" USING btree ("inspected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_permits_seq" ON "renovation_permits" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_permits_code" ON "renovation_permits" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_permits_one_valid" ON "renovation_permits" USING btree ("application_id") WHERE "renovation_permits"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_signatures_once" ON "renovation_signatures" USING btree ("application_id","paper","signer");--> statement-breakpoint
CREATE INDEX "renovation_violations_application" ON "renovation_violations" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_worker_passes_code" ON "renovation_worker_passes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "renovation_worker_passes_application" ON "renovation_worker_passes" USING btree ("application_id");--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_deposit_refund_id_refunds_id_fk" FOREIGN KEY ("deposit_refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;
CREATE TYPE "public"."renovation_document_kind" AS ENUM('contract', 'power_of_attorney', 'business_licence', 'qualification', 'materials_list', 'material_certificate', 'drawing', 'fire_authority_receipt', 'insurance');--> statement-breakpoint
CREATE TYPE "public"."renovation_state" AS ENUM('draft', 'submitted', 'engineering_review', 'revising', 'fire_review', 'fees', 'commitments', 'permit_signing', 'in_works', 'suspended', 'completion', 'rectifying', 'acceptance', 'closed', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."renovation_work" AS ENUM('walls', 'electrical', 'plumbing', 'hot_work', 'facade', 'flooring', 'ceiling', 'hvac', 'fire_systems', 'waterproofing');--> statement-breakpoint
CREATE TYPE "public"."sheet_review_code" AS ENUM('approved', 'approved_as_noted', 'revise_and_resubmit', 'rejected');--> statement-breakpoint
CREATE TABLE "renovation_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"state" "renovation_state" DEFAULT 'draft' NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"scope" text DEFAULT '' NOT NULL,
	"area_m_2" numeric(10, 2),
	"works" "renovation_work"[] DEFAULT '{}' NOT NULL,
	"contractor_company" text DEFAULT '' NOT NULL,
	"contractor_licence" text DEFAULT '' NOT NULL,
	"contractor_grade" smallint,
	"contractor_email" text DEFAULT '' NOT NULL,
	"contractor_phone" text DEFAULT '' NOT NULL,
	"contractor_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renovation_applications_grade" CHECK ("renovation_applications"."contractor_grade" is null or "renovation_applications"."contractor_grade" between 1 and 3),
	CONSTRAINT "renovation_applications_dates" CHECK ("renovation_applications"."planned_end" is null or "renovation_applications"."planned_start" is null or "renovation_applications"."planned_end" >= "renovation_applications"."planned_start"),
	CONSTRAINT "renovation_applications_area" CHECK ("renovation_applications"."area_m_2" is null or "renovation_applications"."area_m_2" > 0)
);
--> statement-breakpoint
CREATE TABLE "renovation_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" "renovation_document_kind" NOT NULL,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"revision" integer,
	"sheet" integer,
	"page" integer,
	"review_code" "sheet_review_code",
	"coded_by" uuid,
	"coded_at" timestamp with time zone,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renovation_documents_drawing" CHECK (("renovation_documents"."kind" = 'drawing') = ("renovation_documents"."revision" is not null and "renovation_documents"."sheet" is not null and "renovation_documents"."page" is not null))
);
--> statement-breakpoint
CREATE TABLE "renovation_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid
);
--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD CONSTRAINT "renovation_applications_contractor_user_id_users_id_fk" FOREIGN KEY ("contractor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_coded_by_users_id_fk" FOREIGN KEY ("coded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_invites" ADD CONSTRAINT "renovation_invites_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_invites" ADD CONSTRAINT "renovation_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_invites" ADD CONSTRAINT "renovation_invites_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_applications_seq" ON "renovation_applications" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "renovation_applications_occupancy" ON "renovation_applications" USING btree ("occupancy_id");--> statement-breakpoint
CREATE INDEX "renovation_applications_estate_state" ON "renovation_applications" USING btree ("estate_id","state");--> statement-breakpoint
CREATE INDEX "renovation_applications_contractor" ON "renovation_applications" USING btree ("contractor_user_id");--> statement-breakpoint
CREATE INDEX "renovation_documents_application" ON "renovation_documents" USING btree ("application_id","kind","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_documents_sheet" ON "renovation_documents" USING btree ("application_id","revision","sheet") WHERE "renovation_documents"."kind" = 'drawing';--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_invites_token" ON "renovation_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "renovation_invites_application" ON "renovation_invites" USING btree ("application_id");
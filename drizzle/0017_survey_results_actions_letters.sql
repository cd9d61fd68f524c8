CREATE TYPE "public"."survey_action_state" AS ENUM('open', 'in_progress', 'done');--> statement-breakpoint
CREATE TABLE "survey_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"area" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"state" "survey_action_state" DEFAULT 'open' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"reminded_on" date
);
--> statement-breakpoint
CREATE TABLE "survey_answer_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"tag" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD COLUMN "letter_token_hash" "bytea";--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD COLUMN "emailed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD COLUMN "letter_printed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_recipients" ADD COLUMN "reminders" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "remind_after_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "report_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "report_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_actions" ADD CONSTRAINT "survey_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_tags" ADD CONSTRAINT "survey_answer_tags_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_actions_survey" ON "survey_actions" USING btree ("survey_id","area");--> statement-breakpoint
CREATE INDEX "survey_actions_due" ON "survey_actions" USING btree ("estate_id","state","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answer_tags_once" ON "survey_answer_tags" USING btree ("response_id","question_id","tag");--> statement-breakpoint
CREATE INDEX "survey_answer_tags_survey" ON "survey_answer_tags" USING btree ("survey_id","tag");--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_report_approved_by_users_id_fk" FOREIGN KEY ("report_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_subject" ON "notifications" USING btree ("subject_id","kind","id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_recipients_letter_token" ON "survey_recipients" USING btree ("letter_token_hash");--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_remind_after" CHECK ("surveys"."remind_after_days" between 1 and 60);
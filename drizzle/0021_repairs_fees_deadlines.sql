CREATE TYPE "public"."repair_appointment_agreement" AS ENUM('proposed', 'confirmed', 'chosen');--> statement-breakpoint
CREATE TYPE "public"."meter_change_kind" AS ENUM('replacement', 'rollover');--> statement-breakpoint
CREATE TABLE "repair_signoff_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"remind_after_days" integer DEFAULT 3 NOT NULL,
	"close_after_days" integer DEFAULT 7 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_signoff_settings_single_row" CHECK ("repair_signoff_settings"."id"),
	CONSTRAINT "repair_signoff_settings_remind" CHECK ("repair_signoff_settings"."remind_after_days" between 1 and 60),
	CONSTRAINT "repair_signoff_settings_close" CHECK ("repair_signoff_settings"."close_after_days" between 2 and 60 and "repair_signoff_settings"."close_after_days" > "repair_signoff_settings"."remind_after_days")
);
--> statement-breakpoint
CREATE TABLE "meter_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"meter" "meter_kind" NOT NULL,
	"kind" "meter_change_kind" NOT NULL,
	"changed_on" date NOT NULL,
	"final_value" numeric(14, 2) NOT NULL,
	"start_value" numeric(14, 2) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meter_changes_values" CHECK ("meter_changes"."final_value" >= 0 and "meter_changes"."start_value" >= 0),
	CONSTRAINT "meter_changes_rollover" CHECK ("meter_changes"."kind" <> 'rollover' or ("meter_changes"."start_value" = 0 and "meter_changes"."final_value" > 0))
);
--> statement-breakpoint
ALTER TABLE "rectification_notices" ALTER COLUMN "issued_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "unit_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "party" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "appointment_agreement" "repair_appointment_agreement";--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "promise_missed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "promise_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "signoff_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "signoff_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD COLUMN "overdue_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD COLUMN "overdue_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_callbacks" ADD COLUMN "overdue_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bill_lines" ADD COLUMN "readings" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "company_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_signoff_settings" ADD CONSTRAINT "repair_signoff_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_changes" ADD CONSTRAINT "meter_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_changes" ADD CONSTRAINT "meter_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meter_changes_unit_meter_day" ON "meter_changes" USING btree ("unit_id","meter","changed_on");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_company_id_resident_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."resident_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_orders_time_proposed" ON "repair_orders" USING btree ("created_at","id") WHERE "repair_orders"."appointment_agreement" = 'proposed' and "repair_orders"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "payments_company_created" ON "payments" USING btree ("company_id","created_at") WHERE "payments"."company_id" is not null;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payer" CHECK (("payments"."company_id" is null and "payments"."unit_id" is not null and "payments"."party" is not null) or ("payments"."company_id" is not null and "payments"."unit_id" is null and "payments"."party" is null));
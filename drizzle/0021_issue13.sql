CREATE TYPE "public"."repair_appointment_agreement" AS ENUM('proposed', 'confirmed', 'chosen');--> statement-breakpoint
CREATE TYPE "public"."correction_kind" AS ENUM('void', 'credit_note', 'adjust_line', 'write_off');--> statement-breakpoint
CREATE TYPE "public"."correction_state" AS ENUM('requested', 'applied', 'rejected', 'reissued');--> statement-breakpoint
CREATE TYPE "public"."meter_change_kind" AS ENUM('replacement', 'rollover');--> statement-breakpoint
ALTER TYPE "public"."bill_state" ADD VALUE 'written_off';--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'credit_note';--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'reversal';--> statement-breakpoint
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
CREATE TABLE "bill_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" "correction_kind" NOT NULL,
	"state" "correction_state" NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"party" "occupancy_role" NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"line" jsonb,
	"reason" text NOT NULL,
	"needs_approval" boolean NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"applied_at" timestamp with time zone,
	"issued_bill_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_corrections_amount" CHECK ("bill_corrections"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"correction_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"party" "occupancy_role" NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"issued_on" date NOT NULL,
	"reason" text NOT NULL,
	"lines" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_notes_amount" CHECK ("credit_notes"."amount_minor" > 0)
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
ALTER TABLE "fee_settings" ADD COLUMN "correction_approval_minor" integer DEFAULT 100000 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "company_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_signoff_settings" ADD CONSTRAINT "repair_signoff_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_corrections" ADD CONSTRAINT "bill_corrections_issued_bill_id_bills_id_fk" FOREIGN KEY ("issued_bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_correction_id_bill_corrections_id_fk" FOREIGN KEY ("correction_id") REFERENCES "public"."bill_corrections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_changes" ADD CONSTRAINT "meter_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_changes" ADD CONSTRAINT "meter_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_corrections_seq" ON "bill_corrections" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "bill_corrections_unit" ON "bill_corrections" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "bill_corrections_bill" ON "bill_corrections" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "bill_corrections_state" ON "bill_corrections" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "bill_corrections_issued_bill" ON "bill_corrections" USING btree ("issued_bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_corrections_one_waiting" ON "bill_corrections" USING btree ("bill_id") WHERE "bill_corrections"."state" = 'requested';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_seq" ON "credit_notes" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_correction" ON "credit_notes" USING btree ("correction_id");--> statement-breakpoint
CREATE INDEX "credit_notes_bill" ON "credit_notes" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "credit_notes_unit" ON "credit_notes" USING btree ("unit_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "meter_changes_unit_meter_day" ON "meter_changes" USING btree ("unit_id","meter","changed_on");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_company_id_resident_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."resident_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_done_at" ON "events" USING btree ("at","id") WHERE "events"."actor_id" is not null;--> statement-breakpoint
CREATE INDEX "events_actor" ON "events" USING btree ("actor_id","at","id") WHERE "events"."actor_id" is not null;--> statement-breakpoint
CREATE INDEX "repair_orders_time_proposed" ON "repair_orders" USING btree ("created_at","id") WHERE "repair_orders"."appointment_agreement" = 'proposed' and "repair_orders"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "payments_company_created" ON "payments" USING btree ("company_id","created_at") WHERE "payments"."company_id" is not null;--> statement-breakpoint
ALTER TABLE "fee_settings" ADD CONSTRAINT "fee_settings_correction_threshold" CHECK ("fee_settings"."correction_approval_minor" >= 0);--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payer" CHECK (("payments"."company_id" is null and "payments"."unit_id" is not null and "payments"."party" is not null) or ("payments"."company_id" is not null and "payments"."unit_id" is null and "payments"."party" is null));--> statement-breakpoint
-- Credit notes (fees/corrections.ts) are numbered documents: append-only like the ledger, so a
-- wrong one is corrected by another document, never edited or removed.
CREATE TRIGGER credit_notes_append_only BEFORE UPDATE OR DELETE ON credit_notes
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER credit_notes_no_truncate BEFORE TRUNCATE ON credit_notes
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

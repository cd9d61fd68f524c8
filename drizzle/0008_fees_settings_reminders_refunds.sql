CREATE TYPE "public"."refund_kind" AS ENUM('deposit', 'credit');--> statement-breakpoint
CREATE TYPE "public"."refund_state" AS ENUM('requested', 'approved', 'rejected', 'paid');--> statement-breakpoint
CREATE TABLE "arrears_reminders" (
	"bill_id" uuid NOT NULL,
	"days_overdue" integer NOT NULL,
	"outstanding_minor" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arrears_reminders_bill_id_days_overdue_pk" PRIMARY KEY("bill_id","days_overdue")
);
--> statement-breakpoint
CREATE TABLE "fee_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"due_days" integer DEFAULT 15 NOT NULL,
	"reminder_days" integer[] DEFAULT '{3,15,30}'::integer[] NOT NULL,
	"refund_approval_minor" integer DEFAULT 100000 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_settings_single_row" CHECK ("fee_settings"."id"),
	CONSTRAINT "fee_settings_currency" CHECK ("fee_settings"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "fee_settings_due_days" CHECK ("fee_settings"."due_days" between 1 and 120),
	CONSTRAINT "fee_settings_refund_threshold" CHECK ("fee_settings"."refund_approval_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"unit_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"kind" "refund_kind" NOT NULL,
	"deposit_bill_id" uuid,
	"gross_minor" integer NOT NULL,
	"deductions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payout_minor" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"reason" text NOT NULL,
	"state" "refund_state" DEFAULT 'requested' NOT NULL,
	"needs_approval" boolean NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"paid_by" uuid,
	"paid_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amounts" CHECK ("refunds"."gross_minor" > 0 and "refunds"."payout_minor" >= 0 and "refunds"."payout_minor" <= "refunds"."gross_minor")
);
--> statement-breakpoint
ALTER TABLE "arrears_reminders" ADD CONSTRAINT "arrears_reminders_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_settings" ADD CONSTRAINT "fee_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_deposit_bill_id_bills_id_fk" FOREIGN KEY ("deposit_bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_seq" ON "refunds" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "refunds_unit" ON "refunds" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_state" ON "refunds" USING btree ("state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_deposit_once" ON "refunds" USING btree ("deposit_bill_id") WHERE "refunds"."deposit_bill_id" is not null and "refunds"."state" <> 'rejected';
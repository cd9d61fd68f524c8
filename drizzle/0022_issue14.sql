CREATE TYPE "public"."archive_access_state" AS ENUM('requested', 'approved', 'refused', 'expired');--> statement-breakpoint
CREATE TYPE "public"."archive_read_what" AS ENUM('file', 'entry', 'pdf');--> statement-breakpoint
CREATE TYPE "public"."move_document_kind" AS ENUM('id_copy', 'business_licence', 'power_of_attorney', 'proxy_id', 'archive_form', 'parking_contract');--> statement-breakpoint
CREATE TYPE "public"."move_kind" AS ENUM('in', 'out');--> statement-breakpoint
CREATE TYPE "public"."move_state" AS ENUM('open', 'inspected', 'settled', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."unit_key_kind" AS ENUM('door', 'mailbox', 'access_card', 'garage', 'other');--> statement-breakpoint
CREATE TYPE "public"."goods_release_source" AS ENUM('resident', 'desk', 'move_out');--> statement-breakpoint
CREATE TYPE "public"."goods_release_state" AS ENUM('requested', 'issued', 'released', 'refused', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."service_application_state" AS ENUM('submitted', 'approved', 'rejected', 'done', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."service_department" AS ENUM('customer_service', 'engineering', 'security', 'finance', 'manager');--> statement-breakpoint
CREATE TYPE "public"."service_fee_basis" AS ENUM('fixed', 'per_unit');--> statement-breakpoint
CREATE TABLE "archive_access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"state" "archive_access_state" DEFAULT 'requested' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid,
	"kind" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"file_id" uuid,
	"corrects_id" bigint,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"estate_id" uuid NOT NULL,
	"occupancy_id" uuid,
	"what" "archive_read_what" NOT NULL,
	"entry_id" bigint,
	"reader_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"grant_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "move_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"move_id" uuid NOT NULL,
	"kind" "move_document_kind" NOT NULL,
	"file_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "move_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"move_id" uuid NOT NULL,
	"meter" "meter_kind" NOT NULL,
	"read_on" date NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"desk_by" uuid,
	"engineering_by" uuid,
	"resident_by" uuid,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "move_kind" NOT NULL,
	"state" "move_state" DEFAULT 'open' NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid,
	"party_user_id" uuid,
	"party_company_id" uuid,
	"role" "occupancy_role" NOT NULL,
	"planned_on" date NOT NULL,
	"done_on" date,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rules_signed_by" uuid,
	"rules_signed_name" text,
	"rules_signed_at" timestamp with time zone,
	"damages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"forwarding_address" text DEFAULT '' NOT NULL,
	"forwarding_phone" text DEFAULT '' NOT NULL,
	"waived_by" uuid,
	"waived_reason" text,
	"refund_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moves_one_party" CHECK (("moves"."party_user_id" is null) <> ("moves"."party_company_id" is null))
);
--> statement-breakpoint
CREATE TABLE "unit_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" "unit_key_kind" NOT NULL,
	"holder_occupancy_id" uuid,
	"issued_move_id" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_move_id" uuid,
	"missing_minor" bigint
);
--> statement-breakpoint
CREATE TABLE "goods_release_slips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"token" text NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid,
	"valid_on" date NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"vehicle_plate" text DEFAULT '' NOT NULL,
	"carrier" text DEFAULT '' NOT NULL,
	"state" "goods_release_state" NOT NULL,
	"source" "goods_release_source" NOT NULL,
	"move_out_id" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"reason" text DEFAULT '' NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	"gate_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_application_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh_hans" text NOT NULL,
	"name_zh_hant" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fee_item_id" uuid,
	"fee_basis" "service_fee_basis" DEFAULT 'fixed' NOT NULL,
	"fee_quantity_field" text,
	"department" "service_department" NOT NULL,
	"lead_working_hours" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_application_kinds_code_unique" UNIQUE("code"),
	CONSTRAINT "service_application_kinds_lead" CHECK ("service_application_kinds"."lead_working_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"occupancy_id" uuid NOT NULL,
	"kind_id" uuid NOT NULL,
	"department" "service_department" NOT NULL,
	"state" "service_application_state" DEFAULT 'submitted' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_for" timestamp with time zone,
	"submitted_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"bill_id" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "emergency_contacts" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "emergency_contacts" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "household_members" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "household_members" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "archive_access_requests" ADD CONSTRAINT "archive_access_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_access_requests" ADD CONSTRAINT "archive_access_requests_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_access_requests" ADD CONSTRAINT "archive_access_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_access_requests" ADD CONSTRAINT "archive_access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_entries" ADD CONSTRAINT "archive_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_entries" ADD CONSTRAINT "archive_entries_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_entries" ADD CONSTRAINT "archive_entries_corrects_id_archive_entries_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."archive_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_entries" ADD CONSTRAINT "archive_entries_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_entry_id_archive_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."archive_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_reader_id_users_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_reads" ADD CONSTRAINT "archive_reads_grant_id_archive_access_requests_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."archive_access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_documents" ADD CONSTRAINT "move_documents_move_id_moves_id_fk" FOREIGN KEY ("move_id") REFERENCES "public"."moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_documents" ADD CONSTRAINT "move_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_readings" ADD CONSTRAINT "move_readings_move_id_moves_id_fk" FOREIGN KEY ("move_id") REFERENCES "public"."moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_readings" ADD CONSTRAINT "move_readings_desk_by_users_id_fk" FOREIGN KEY ("desk_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_readings" ADD CONSTRAINT "move_readings_engineering_by_users_id_fk" FOREIGN KEY ("engineering_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "move_readings" ADD CONSTRAINT "move_readings_resident_by_users_id_fk" FOREIGN KEY ("resident_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_party_user_id_users_id_fk" FOREIGN KEY ("party_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_party_company_id_resident_companies_id_fk" FOREIGN KEY ("party_company_id") REFERENCES "public"."resident_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_rules_signed_by_users_id_fk" FOREIGN KEY ("rules_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_waived_by_users_id_fk" FOREIGN KEY ("waived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moves" ADD CONSTRAINT "moves_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_holder_occupancy_id_occupancies_id_fk" FOREIGN KEY ("holder_occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_issued_move_id_moves_id_fk" FOREIGN KEY ("issued_move_id") REFERENCES "public"."moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_returned_move_id_moves_id_fk" FOREIGN KEY ("returned_move_id") REFERENCES "public"."moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods_release_slips" ADD CONSTRAINT "goods_release_slips_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_application_kinds" ADD CONSTRAINT "service_application_kinds_fee_item_id_fee_items_id_fk" FOREIGN KEY ("fee_item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_kind_id_service_application_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."service_application_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_access_requests_estate_state" ON "archive_access_requests" USING btree ("estate_id","state","created_at");--> statement-breakpoint
CREATE INDEX "archive_access_requests_requester" ON "archive_access_requests" USING btree ("requester_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "archive_entries_unit" ON "archive_entries" USING btree ("unit_id","at","id");--> statement-breakpoint
CREATE INDEX "archive_entries_occupancy" ON "archive_entries" USING btree ("occupancy_id","at","id");--> statement-breakpoint
CREATE INDEX "archive_entries_source" ON "archive_entries" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "archive_reads_estate_at" ON "archive_reads" USING btree ("estate_id","at","id");--> statement-breakpoint
CREATE INDEX "archive_reads_reader" ON "archive_reads" USING btree ("reader_id","at");--> statement-breakpoint
CREATE INDEX "archive_reads_unit" ON "archive_reads" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "move_documents_move" ON "move_documents" USING btree ("move_id");--> statement-breakpoint
CREATE UNIQUE INDEX "move_readings_move_meter" ON "move_readings" USING btree ("move_id","meter");--> statement-breakpoint
CREATE INDEX "moves_estate" ON "moves" USING btree ("estate_id","state");--> statement-breakpoint
CREATE INDEX "moves_unit" ON "moves" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "unit_keys_unit" ON "unit_keys" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_keys_out" ON "unit_keys" USING btree ("unit_id","number") WHERE "unit_keys"."returned_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "goods_release_slips_seq" ON "goods_release_slips" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_release_slips_token" ON "goods_release_slips" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_release_slips_move_out" ON "goods_release_slips" USING btree ("move_out_id") WHERE "goods_release_slips"."move_out_id" is not null;--> statement-breakpoint
CREATE INDEX "goods_release_slips_estate_day" ON "goods_release_slips" USING btree ("estate_id","valid_on");--> statement-breakpoint
CREATE INDEX "goods_release_slips_occupancy" ON "goods_release_slips" USING btree ("occupancy_id","requested_at");--> statement-breakpoint
CREATE INDEX "goods_release_slips_unit" ON "goods_release_slips" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "service_applications_queue" ON "service_applications" USING btree ("estate_id","department","state","created_at");--> statement-breakpoint
CREATE INDEX "service_applications_occupancy" ON "service_applications" USING btree ("occupancy_id","created_at");--> statement-breakpoint
ALTER TABLE "emergency_contacts" ADD CONSTRAINT "emergency_contacts_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The unit's file (一戶一檔) and its read log are append-only, like events, the audit trail and the
-- ledger: a correction is a new entry naming the one it corrects, never an edit
-- (refuse_history_change() comes from 0001_append_only_history.sql).
CREATE TRIGGER archive_entries_append_only BEFORE UPDATE OR DELETE ON archive_entries
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER archive_entries_no_truncate BEFORE TRUNCATE ON archive_entries
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER archive_reads_append_only BEFORE UPDATE OR DELETE ON archive_reads
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER archive_reads_no_truncate BEFORE TRUNCATE ON archive_reads
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
-- Whose part of the file a party's record belongs in (a bill, a payment, a refund name the owner or
-- the renter): that party's occupancy on the record's day, the latest begun if two overlap
-- (archive/party-occupancy.ts says the same for the services).
CREATE OR REPLACE FUNCTION archive_party_occupancy(p_unit uuid, p_party occupancy_role, p_day date) RETURNS uuid
	LANGUAGE sql STABLE AS $$
	SELECT o.id FROM occupancies o
	WHERE o.unit_id = p_unit AND o.role = p_party AND o.starts_on <= p_day AND (o.ends_on IS NULL OR o.ends_on >= p_day)
	ORDER BY o.starts_on DESC LIMIT 1
$$;
--> statement-breakpoint
-- Files every existing record that belongs in a unit's file: an existing database gets a full file
-- (called below, once), and so does the demo seed, whose rows are written directly (seed/demo-archive.ts).
-- Each record is filed at the time it was made, in the part of the occupancy it belongs to, as the
-- services file new ones; a record already filed (source and kind) is left alone, so a second call
-- files nothing twice. Returns how many entries it filed.
CREATE OR REPLACE FUNCTION archive_file_existing_records() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	filed integer := 0;
	n integer;
BEGIN
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT r.unit_id, r.occupancy_id, 'repair', 'repair', r.id::text,
		jsonb_build_object('reference', 'R' || lpad(r.seq::text, 6, '0')), r.created_by, r.created_at
	FROM repair_orders r
	WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'repair' AND a.source_id = r.id::text AND a.kind = 'repair');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT c.unit_id, c.occupancy_id, 'complaint', 'complaint', c.id::text,
		jsonb_build_object('reference', 'C' || lpad(c.seq::text, 6, '0')), NULL, c.created_at
	FROM complaints c
	WHERE c.unit_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'complaint' AND a.source_id = c.id::text AND a.kind = 'complaint');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT ra.unit_id, ra.occupancy_id, 'renovation', 'renovation', ra.id::text,
		jsonb_build_object('reference', 'Z' || lpad(ra.seq::text, 6, '0')), NULL, ra.submitted_at
	FROM renovation_applications ra
	WHERE ra.submitted_at IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'renovation' AND a.source_id = ra.id::text AND a.kind = 'renovation');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT b.unit_id, coalesce(b.occupancy_id, archive_party_occupancy(b.unit_id, b.party, b.issued_on)),
		CASE WHEN b.source = 'deposit' THEN 'deposit' ELSE 'bill' END, 'bill', b.id::text,
		jsonb_build_object('reference', 'B' || lpad(b.seq::text, 6, '0'), 'amountMinor', b.total_minor, 'currency', b.currency),
		b.created_by, b.created_at
	FROM bills b
	WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'bill' AND a.source_id = b.id::text AND a.kind IN ('bill', 'deposit'));
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT p.unit_id, archive_party_occupancy(p.unit_id, p.party, coalesce(p.received_on, p.settled_at::date, p.created_at::date)),
		'payment', 'payment', p.id::text,
		jsonb_build_object('amountMinor', p.amount_minor, 'currency', p.currency, 'method', p.method), p.created_by, coalesce(p.settled_at, p.created_at)
	FROM payments p
	WHERE p.state = 'succeeded' AND p.unit_id IS NOT NULL AND p.party IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'payment' AND a.source_id = p.id::text AND a.kind = 'payment');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT f.unit_id, archive_party_occupancy(f.unit_id, f.party, f.created_at::date), 'refund', 'refund', f.id::text,
		jsonb_build_object('reference', 'F' || lpad(f.seq::text, 6, '0'), 'amountMinor', f.payout_minor), f.requested_by, f.created_at
	FROM refunds f
	WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'refund' AND a.source_id = f.id::text AND a.kind = 'refund');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT b.unit_id, coalesce(b.occupancy_id, archive_party_occupancy(b.unit_id, b.party, b.issued_on)), 'arrears', 'bill', b.id::text,
		jsonb_build_object('reference', 'B' || lpad(b.seq::text, 6, '0'), 'daysOverdue', ar.days_overdue, 'amountMinor', ar.outstanding_minor),
		NULL, ar.sent_at
	FROM arrears_reminders ar JOIN bills b ON b.id = ar.bill_id
	WHERE NOT EXISTS (
		SELECT 1 FROM archive_entries a
		WHERE a.source_type = 'bill' AND a.source_id = b.id::text AND a.kind = 'arrears' AND (a.summary->>'daysOverdue')::int = ar.days_overdue
	);
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT r.unit_id, r.occupancy_id, 'callback', 'repair', r.id::text,
		jsonb_build_object('reference', 'R' || lpad(r.seq::text, 6, '0'), 'callbackId', cb.id), cb.done_by, cb.done_at
	FROM repair_callbacks cb JOIN repair_orders r ON r.id = cb.repair_id
	WHERE cb.state = 'done' AND cb.done_at IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'repair' AND a.source_id = r.id::text AND a.kind = 'callback');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT c.unit_id, c.occupancy_id, 'callback', 'complaint', c.id::text,
		jsonb_build_object('reference', 'C' || lpad(c.seq::text, 6, '0')), NULL, c.callback_at
	FROM complaints c
	WHERE c.unit_id IS NOT NULL AND c.callback_at IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'complaint' AND a.source_id = c.id::text AND a.kind = 'callback');
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT h.unit_id, h.occupancy_id, 'household', 'household_member', h.id::text,
		jsonb_build_object('name', h.name, 'relation', h.relation), NULL, h.created_at
	FROM household_members h
	WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'household_member' AND a.source_id = h.id::text);
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	INSERT INTO archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id, at)
	SELECT e.unit_id, e.occupancy_id, 'contact', 'emergency_contact', e.id::text,
		jsonb_build_object('name', e.name, 'relation', e.relation), NULL, e.created_at
	FROM emergency_contacts e
	WHERE NOT EXISTS (SELECT 1 FROM archive_entries a WHERE a.source_type = 'emergency_contact' AND a.source_id = e.id::text);
	GET DIAGNOSTICS n = ROW_COUNT;
	filed := filed + n;
	RETURN filed;
END
$$;
--> statement-breakpoint
SELECT archive_file_existing_records();

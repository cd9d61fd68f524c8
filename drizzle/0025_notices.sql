CREATE TYPE "public"."notice_audience_kind" AS ENUM('estate', 'building', 'floor', 'unit');--> statement-breakpoint
CREATE TYPE "public"."notice_party" AS ENUM('all', 'owner', 'renter');--> statement-breakpoint
CREATE TYPE "public"."notice_state" AS ENUM('draft', 'scheduled', 'published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "notice_audience" (
	"notice_id" uuid NOT NULL,
	"kind" "notice_audience_kind" NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "notice_audience_notice_id_kind_target_id_pk" PRIMARY KEY("notice_id","kind","target_id")
);
--> statement-breakpoint
CREATE TABLE "notice_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"occupancy_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"estate_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"party" "notice_party" DEFAULT 'all' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"state" "notice_state" DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_audience" ADD CONSTRAINT "notice_audience_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_delivery_id_notice_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."notice_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_deliveries_once" ON "notice_deliveries" USING btree ("notice_id","occupancy_id");--> statement-breakpoint
CREATE INDEX "notice_deliveries_occupancy" ON "notice_deliveries" USING btree ("occupancy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_reads_once" ON "notice_reads" USING btree ("delivery_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_seq" ON "notices" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "notices_estate_state" ON "notices" USING btree ("estate_id","state","published_at");--> statement-breakpoint
CREATE INDEX "notices_public" ON "notices" USING btree ("estate_id","published_at") WHERE "notices"."public" and "notices"."state" = 'published';--> statement-breakpoint
-- Who read a notice is history: a read is recorded once and never changed (refuse_history_change: 0001).
CREATE TRIGGER notice_reads_append_only BEFORE UPDATE OR DELETE ON notice_reads
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER notice_reads_no_truncate BEFORE TRUNCATE ON notice_reads
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

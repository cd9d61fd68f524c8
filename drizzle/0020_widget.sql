CREATE TABLE "widget_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"details" jsonb NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"locale" text NOT NULL,
	"code_channel" text NOT NULL,
	"code_hash" "bytea" NOT NULL,
	"code_sent_at" timestamp with time zone NOT NULL,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"case_type" text,
	"case_id" uuid,
	"tracking_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_requests_confirmed_case" CHECK (("widget_requests"."confirmed_at" is null) = ("widget_requests"."case_id" is null) and ("widget_requests"."case_id" is null) = ("widget_requests"."tracking_code" is null))
);
--> statement-breakpoint
CREATE TABLE "widget_settings" (
	"estate_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"actions" text[] DEFAULT '{repair,complaint,track}'::text[] NOT NULL,
	"accent_colour" text DEFAULT '#0b5cad' NOT NULL,
	"form_secret" "bytea" NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_settings_publicKey_unique" UNIQUE("public_key")
);
--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "verified" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "widget_requests" ADD CONSTRAINT "widget_requests_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_settings" ADD CONSTRAINT "widget_settings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_settings" ADD CONSTRAINT "widget_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "widget_requests_tracking_code" ON "widget_requests" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "widget_requests_case" ON "widget_requests" USING btree ("case_type","case_id");--> statement-breakpoint
CREATE INDEX "widget_requests_expires" ON "widget_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "repair_orders_unverified" ON "repair_orders" USING btree ("estate_id","created_at") WHERE not "repair_orders"."verified";--> statement-breakpoint
CREATE INDEX "complaints_unverified" ON "complaints" USING btree ("estate_id","created_at") WHERE not "complaints"."verified";
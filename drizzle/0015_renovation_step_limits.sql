CREATE TABLE "renovation_step_limits" (
	"state" "renovation_state" PRIMARY KEY NOT NULL,
	"working_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "renovation_step_limits_days" CHECK ("renovation_step_limits"."working_days" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD COLUMN "step_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "renovation_step_limits" ADD CONSTRAINT "renovation_step_limits_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Applications already on a step count from their last change.
UPDATE "renovation_applications" SET "step_since" = "updated_at";

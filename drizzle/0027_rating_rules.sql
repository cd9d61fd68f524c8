CREATE TABLE "grade_bands" (
	"grade" text PRIMARY KEY NOT NULL,
	"min_score" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_bands_min" CHECK ("grade_bands"."min_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "rating_rules" (
	"criterion" text PRIMARY KEY NOT NULL,
	"weight" integer NOT NULL,
	"full_at" integer NOT NULL,
	"zero_at" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_rules_weight" CHECK ("rating_rules"."weight" between 0 and 100),
	CONSTRAINT "rating_rules_range" CHECK ("rating_rules"."full_at" <> "rating_rules"."zero_at")
);

CREATE TYPE "public"."renovation_comment_status" AS ENUM('open', 'answered', 'closed');--> statement-breakpoint
CREATE TABLE "renovation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sheet" integer NOT NULL,
	"revision" integer NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"status" "renovation_comment_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "renovation_comments_spot" CHECK ("renovation_comments"."x" between 0 and 1 and "renovation_comments"."y" between 0 and 1)
);
--> statement-breakpoint
ALTER TABLE "renovation_invites" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "renovation_invites" CASCADE;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD COLUMN "renovation_id" uuid;--> statement-breakpoint
ALTER TABLE "renovation_applications" ADD COLUMN "drawing_revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD COLUMN "preview_file_id" uuid;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD COLUMN "thumb_file_id" uuid;--> statement-breakpoint
ALTER TABLE "renovation_comments" ADD CONSTRAINT "renovation_comments_application_id_renovation_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_comments" ADD CONSTRAINT "renovation_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_comments" ADD CONSTRAINT "renovation_comments_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_comments" ADD CONSTRAINT "renovation_comments_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "renovation_comments_number" ON "renovation_comments" USING btree ("application_id","number");--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_renovation_id_renovation_applications_id_fk" FOREIGN KEY ("renovation_id") REFERENCES "public"."renovation_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_preview_file_id_files_id_fk" FOREIGN KEY ("preview_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renovation_documents" ADD CONSTRAINT "renovation_documents_thumb_file_id_files_id_fk" FOREIGN KEY ("thumb_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;
-- The move an entry was filed for (issue 14): a move-in's papers are filed while the case is open,
-- before its occupancy exists, so the reader places them in the occupancy the move started
-- (archive/read.ts). Entries stay as filed: the file is append-only.
ALTER TABLE "archive_entries" ADD COLUMN "move_id" uuid;--> statement-breakpoint
ALTER TABLE "archive_entries" ADD CONSTRAINT "archive_entries_move_id_moves_id_fk" FOREIGN KEY ("move_id") REFERENCES "public"."moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_entries_move" ON "archive_entries" USING btree ("move_id");

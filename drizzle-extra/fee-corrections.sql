-- Credit notes (fees/corrections.ts) are numbered documents: append-only like the ledger, so a
-- wrong one is corrected by another document, never edited or removed.
CREATE TRIGGER credit_notes_append_only BEFORE UPDATE OR DELETE ON credit_notes
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER credit_notes_no_truncate BEFORE TRUNCATE ON credit_notes
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- Who read a notice is history: a read is recorded once and never changed (refuse_history_change: 0001).
CREATE TRIGGER notice_reads_append_only BEFORE UPDATE OR DELETE ON notice_reads
	FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER notice_reads_no_truncate BEFORE TRUNCATE ON notice_reads
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

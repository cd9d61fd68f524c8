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

// What the generated repair orders left behind (bench:scale): each order's timeline in the
// append-only events table — one event per step its timestamps show it took, as the service writes
// them (filed, assign, technician_received, schedule, start, complete, sign_off, cancel) — and one
// notification to its resident, read unless it is from the last two weeks.
// One statement each, over all orders: repair_orders has no secondary index while it loads
// (bench/bulk-load.ts), so a range of them would be a scan of all of them anyway. A timeline is
// read in id order, and each order's events are inserted oldest first.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../src/lib/server/db/client.ts';

export async function insertRepairEvents(tx: Tx): Promise<void> {
	await tx.execute(sql`insert into events (actor_id, subject_type, subject_id, kind, from_state, to_state, data, at)
			select e.actor_id, 'repair', o.id::text, e.kind, e.from_state, e.to_state, e.data, e.at
			from repair_orders o
			cross join lateral (values
				(o.created_at, 'filed', null, 'received', o.created_by, jsonb_build_object('channel', o.channel)),
				(o.first_response_at, 'assign', 'received', 'assigned', o.owner_id, jsonb_build_object('technicianId', o.technician_id)),
				(o.technician_received_at, 'technician_received', null, null, o.technician_id, '{}'::jsonb),
				(o.technician_received_at + interval '10 minutes', 'schedule', 'assigned', 'scheduled', o.technician_id,
					jsonb_build_object('date', (o.on_site_at)::date)),
				(o.on_site_at, 'start', 'scheduled', 'in_progress', o.technician_id, '{}'::jsonb),
				(case when o.state in ('awaiting_signoff', 'done') then o.work_done_at end, 'complete', 'in_progress', 'awaiting_signoff', o.technician_id,
					'{}'::jsonb),
				(o.signed_off_at, 'sign_off', 'awaiting_signoff', 'done', o.requester_id, '{}'::jsonb),
				(o.cancelled_at, 'cancel', null, 'cancelled', o.owner_id, '{}'::jsonb)
			) e(at, kind, from_state, to_state, actor_id, data)
			where e.at is not null`);
}

export async function insertRepairNotifications(tx: Tx): Promise<void> {
	await tx.execute(sql`insert into notifications (user_id, kind, subject_type, subject_id, title, body, link, created_at, read_at)
			select o.requester_id, 'repair.updated', 'repair', o.id::text, 'Repair R' || lpad(o.seq::text, 6, '0') || ': ' || o.state,
				'Your repair request has a new status: ' || o.state || '.', '/app/repairs/' || o.id, o.updated_at,
				case when o.updated_at < now() - interval '14 days' then o.updated_at + interval '1 day' end
			from repair_orders o
			where o.requester_id is not null`);
}

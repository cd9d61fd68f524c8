// Repair orders of a benchmark data set, generated set-wise over the registry (bench/registry.ts):
// spread over the two years up to now, with states, timestamps and SLA deadlines as the desk's queue
// would hold them (the older an order, the likelier it is done). When the units have occupants
// (bench:scale), each order is filed by and belongs to its unit's occupancy, as a resident's is.
// Used by bench:repairs and bench:scale.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../src/lib/server/db/client.ts';

/** Inserts `total` orders in chunks of `chunk` rows, oldest first; logs each chunk. */
export async function insertRepairOrders(
	tx: Tx,
	{ total, totalUnits, chunk = 100_000 }: { total: number; totalUnits: number; chunk?: number }
) {
	const started = performance.now();
	// Lookup tables: units (with their current occupant, if any) and kinds by number, staff per estate as arrays.
	await tx.execute(sql`create temporary table bench_units on commit drop as
		select (row_number() over (order by u.id) - 1)::int as n, u.id, u.estate_id, u.number, o.id as occupancy_id, o.user_id, r.name as resident
		from units u
		left join lateral (select id, user_id from occupancies o where o.unit_id = u.id and o.ends_on is null order by starts_on limit 1) o on true
		left join users r on r.id = o.user_id`);
	await tx.execute(sql`create unique index on bench_units (n)`);
	await tx.execute(sql`create temporary table bench_kinds on commit drop as
		select (row_number() over (order by sort) - 1)::int as n, id, code, response_minutes, completion_minutes from repair_kinds where active`);
	await tx.execute(sql`create temporary table bench_staff on commit drop as
		select e.id as estate_id,
			(select array_agg(s.user_id order by s.user_id) from staff_estates s join staff_roles r on r.user_id = s.user_id and r.role = 'customer_service' where s.estate_id = e.id) as desk,
			(select array_agg(m.user_id order by m.user_id) from repair_team_members m where m.team_id = t.id) as engineers,
			t.id as team_id
		from estates e join repair_teams t on t.estate_id = e.id`);
	await tx.execute(sql`analyze bench_units`);
	const [kindCount] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from bench_kinds`);

	const step = (730 * 86_400) / total; // seconds between orders: spread over two years up to now
	for (let from = 0; from < total; from += chunk) {
		const to = Math.min(total, from + chunk) - 1;
		await tx.execute(sql`insert into repair_orders (estate_id, unit_id, kind_id, state, channel, location, location_detail,
			description, contact_name, contact_phone, enter_when_absent, call_to_arrange, requester_id, occupancy_id, created_by, owner_id,
			promised_reply_by, team_id, technician_id, response_due_at, completion_due_at, first_response_at, technician_received_at, on_site_at,
			work_done_at, work_summary, signed_off_at, signed_off_name, cancelled_at, reopen_count, escalated_at, created_at, updated_at)
		select estate_id, unit_id, kind_id, state, channel, location, location_detail, description, contact_name, contact_phone,
			enter_when_absent, call_to_arrange, requester_id, occupancy_id,
			case when channel in ('phone', 'counter') then owner_id else requester_id end, owner_id, promised_reply_by,
			case when state <> 'received' then team_id end, case when state not in ('received', 'cancelled') then technician_id end,
			response_due_at, completion_due_at, first_response_at,
			case when state not in ('received', 'assigned', 'cancelled') then first_response_at + interval '5 minutes' end,
			case when state in ('in_progress', 'awaiting_signoff', 'done') then first_response_at + (work_done_at - first_response_at) / 4 end,
			case when state in ('awaiting_signoff', 'done') then work_done_at end,
			case when state in ('awaiting_signoff', 'done') then 'Repaired and tested' else '' end,
			case when state = 'done' then least(now(), work_done_at + interval '1 hour' + r_sign * interval '2 days') end,
			case when state = 'done' then contact_name end,
			case when state = 'cancelled' then created_at + r_sign * interval '1 day' end,
			case when state = 'done' and r_sign < 0.03 then 1 else 0 end,
			case when state not in ('done', 'cancelled') and created_at < now() - interval '7 days' and r_sign < 0.3 then created_at + interval '3 days' end,
			created_at, greatest(created_at, least(now(), coalesce(work_done_at, first_response_at, created_at)))
		from (
			select o.*, k.code, k.response_minutes, k.completion_minutes,
				created_at + k.response_minutes * interval '1 minute' as response_due_at,
				created_at + k.completion_minutes * interval '1 minute' as completion_due_at,
				case when state <> 'received' then created_at + k.response_minutes * (0.2 + 1.2 * r_resp) * interval '1 minute' end as first_response_at,
				least(now(), created_at + k.response_minutes * (0.2 + 1.2 * r_resp) * interval '1 minute' + k.completion_minutes * (0.2 + 0.9 * r_work) * interval '1 minute') as work_done_at,
				(case when k.code = 'common_area' then 'common_area' else 'unit' end)::repair_location as location,
				case when k.code = 'common_area' then 'Lift lobby ' || (1 + i % 40) || '/F' else (array['Kitchen', 'Bathroom', 'Living room', 'Bedroom', 'Balcony'])[1 + i % 5] end as location_detail,
				(array['Water dripping from the ceiling', 'Tap keeps running', 'No power in the kitchen sockets', 'Light flickers in the corridor',
					'Door lock stiff, key hard to turn', 'Air-conditioner not cooling', 'Drain blocked, water backs up', 'Crack in the bedroom wall',
					'Window does not close fully', 'Smoke detector beeping'])[1 + i % 10] || ' (' || u.number || ')' as description,
				coalesce(u.resident, 'Resident ' || u.n) as contact_name, '+852 9' || lpad(u.n::text, 7, '0') as contact_phone,
				r_chan < 0.2 as enter_when_absent, r_chan > 0.95 as call_to_arrange,
				(case when r_chan < 0.6 then 'portal' when r_chan < 0.9 then 'phone' when r_chan < 0.98 then 'counter' else 'widget' end)::repair_channel as channel,
				u.estate_id, u.id as unit_id, u.user_id as requester_id, u.occupancy_id, k.id as kind_id, s.team_id,
				case when state = 'received' and r_owner < 0.5 then null else s.desk[1 + floor(r_owner * array_length(s.desk, 1))::int] end as owner_id,
				case when state = 'received' and r_owner > 0.8 then created_at + interval '4 hours' end as promised_reply_by,
				s.engineers[1 + floor(r_tech * array_length(s.engineers, 1))::int] as technician_id
			from (
				select g.*, (case
					when age < interval '1 day' then case when r_state < 0.4 then 'received' when r_state < 0.7 then 'assigned' when r_state < 0.9 then 'scheduled' else 'in_progress' end
					when age < interval '7 days' then case when r_state < 0.4 then 'done' when r_state < 0.45 then 'cancelled' when r_state < 0.5 then 'received'
						when r_state < 0.65 then 'assigned' when r_state < 0.8 then 'scheduled' when r_state < 0.9 then 'in_progress' else 'awaiting_signoff' end
					when age < interval '30 days' then case when r_state < 0.85 then 'done' when r_state < 0.9 then 'cancelled' when r_state < 0.92 then 'assigned'
						when r_state < 0.94 then 'scheduled' when r_state < 0.97 then 'in_progress' else 'awaiting_signoff' end
					else case when r_state < 0.935 then 'done' when r_state < 0.995 then 'cancelled' when r_state < 0.997 then 'assigned'
						when r_state < 0.998 then 'in_progress' else 'awaiting_signoff' end
				end)::repair_state as state
				from (
					-- Volatile random() keeps this subquery from being flattened: each draw is made once per row.
					select i, now() - interval '730 days' + (i + random()) * ${step}::float8 * interval '1 second' as created_at,
						now() - (now() - interval '730 days' + (i + 0.5) * ${step}::float8 * interval '1 second') as age,
						random() as r_unit, random() as r_kind, random() as r_state, random() as r_chan, random() as r_owner,
						random() as r_tech, random() as r_resp, random() as r_work, random() as r_sign
					from generate_series(${from}::int, ${to}::int) i
				) g
			) o
			join bench_units u on u.n = floor(o.r_unit * ${totalUnits}::float8)::int
			join bench_kinds k on k.n = floor(o.r_kind * ${kindCount!.n}::float8)::int
			join bench_staff s on s.estate_id = u.estate_id
		) x
		order by created_at`);
		console.log(`  … ${to + 1} repair orders (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	}
}

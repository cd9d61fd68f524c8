// History for the throughput benchmark (scripts/bench-http.ts): units beside the demo's, each with
// an owner (a quarter let to a renter), two years of repair orders and a year of bills, most of
// them paid at the counter with receipts — so that the tables the pages read are not toy-sized
// and the planner sees real statistics. Set-based SQL in one transaction, like bench-repairs.ts.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../src/lib/server/db/client.ts';

const UNITS_PER_BUILDING = 1000; // 40 floors × 25 units
/** Repair orders per unit, spread over the last two years. */
const ORDERS_PER_UNIT = 8;
/** Monthly bills per unit: the last twelve periods, the newest two still open. */
const MONTHS = 12;

/** What the database holds afterwards, demo data included. */
export interface HistoryOutcome {
	units: number;
	repairOrders: number;
	bills: number;
}

/** Adds `units` units (rounded up to whole towers) of history to a database holding the demo data. */
export async function addHistory(executor: Executor, units: number): Promise<HistoryOutcome> {
	const towers = Math.max(1, Math.ceil(units / UNITS_PER_BUILDING));
	await executor.transaction(async (tx) => {
		await tx.execute(sql`select setseed(0.9)`);
		// Towers go to the demo estates in turn, so that the demo's desk staff see their orders.
		await tx.execute(sql`insert into buildings (estate_id, code, name)
			select e.ids[1 + b % array_length(e.ids, 1)], 'H' || lpad(b::text, 3, '0'), 'History Tower ' || b
			from (select array_agg(id order by code) as ids from estates) e, generate_series(1, ${towers}::int) b`);
		await tx.execute(sql`insert into floors (building_id, level, label)
			select b.id, l, l || '/F' from buildings b cross join generate_series(1, 40) l where b.name like 'History Tower %'`);
		await tx.execute(sql`insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
			select b.estate_id, b.id, f.id, f.level || chr(64 + u), round((40 + random() * 160)::numeric, 2),
				(case when e.kind = 'office' then 'office' else 'residential' end)::unit_use
			from buildings b join estates e on e.id = b.estate_id join floors f on f.building_id = b.id
			cross join generate_series(1, 25) u where b.name like 'History Tower %'`);
		await tx.execute(sql`create temporary table history_units on commit drop as
			select (row_number() over (order by u.id))::int as n, u.id, u.estate_id, u.area_m_2
			from units u join buildings b on b.id = u.building_id where b.name like 'History Tower %'`);

		// An owner per unit since a day in 2018–2020; every fourth unit let to a renter since 2024.
		await tx.execute(sql`insert into users (email, name, kind, locale)
			select 'history-owner-' || n || '@bench.test', 'History Owner ' || n, 'resident'::user_kind, 'zh-Hant' from history_units
			union all
			select 'history-renter-' || n || '@bench.test', 'History Renter ' || n, 'resident'::user_kind, 'en' from history_units where n % 4 = 0`);
		await tx.execute(sql`insert into occupancies (unit_id, user_id, role, starts_on)
			select h.id, u.id, 'owner'::occupancy_role, date '2018-01-01' + (h.n % 1000)
			from history_units h join users u on u.email = 'history-owner-' || h.n || '@bench.test'
			union all
			select h.id, u.id, 'renter'::occupancy_role, date '2024-01-01' + (h.n % 300)
			from history_units h join users u on u.email = 'history-renter-' || h.n || '@bench.test'`);
		await tx.execute(sql`create temporary table history_occupants on commit drop as
			select distinct on (h.n) h.n, h.id as unit_id, h.estate_id, o.id as occupancy_id, o.user_id
			from history_units h join occupancies o on o.unit_id = h.id order by h.n, o.starts_on desc`);

		// Repair orders of the occupant today, over two years: the recent ones still open.
		await tx.execute(sql`insert into repair_orders (estate_id, unit_id, kind_id, state, channel, location, location_detail,
				description, contact_name, contact_phone, requester_id, occupancy_id, team_id, technician_id,
				response_due_at, completion_due_at, first_response_at, technician_received_at, work_done_at, work_summary,
				signed_off_at, signed_off_name, cancelled_at, created_at, updated_at)
			select estate_id, unit_id, kind_id, state, 'portal', 'unit', 'Kitchen', 'Tap keeps running (history)',
				'History Resident ' || n, '+852 9' || lpad(n::text, 7, '0'), user_id, occupancy_id,
				case when state <> 'received' then team_id end, case when state not in ('received', 'cancelled') then technician_id end,
				created_at + interval '4 hours', created_at + interval '3 days',
				case when state <> 'received' then created_at + interval '1 hour' end,
				case when state not in ('received', 'assigned', 'cancelled') then created_at + interval '2 hours' end,
				case when state = 'done' then created_at + interval '2 days' end,
				case when state = 'done' then 'Repaired and tested' else '' end,
				case when state = 'done' then created_at + interval '2 days 3 hours' end,
				case when state = 'done' then 'History Resident ' || n end,
				case when state = 'cancelled' then created_at + interval '1 hour' end,
				created_at, created_at
			from (
				select o.*, g.created_at, k.id as kind_id, t.id as team_id,
					(select array_agg(m.user_id order by m.user_id) from repair_team_members m where m.team_id = t.id)[1 + (o.n % 2)] as technician_id,
					(case when g.created_at > now() - interval '3 days'
						then (array['received', 'assigned', 'scheduled', 'in_progress'])[1 + floor(g.r * 4)::int]
						when g.r < 0.97 then 'done' else 'cancelled' end)::repair_state as state
				from history_occupants o
				cross join lateral (
					select now() - random() * interval '730 days' as created_at, random() as r, random() as r_kind
					from generate_series(1, ${ORDERS_PER_UNIT}::int) where o.n is not null
				) g
				join lateral (select id from repair_kinds where active order by sort offset floor(g.r_kind * (select count(*) from repair_kinds where active)) limit 1) k on true
				left join lateral (select id from repair_teams where estate_id = o.estate_id order by name limit 1) t on true
			) x`);

		// A management fee bill per unit and month to the owner, with its line and charge entry.
		await tx.execute(sql`create temporary table history_bills on commit drop as
			select gen_random_uuid() as id, h.id as unit_id, h.estate_id, to_char(m.period_start, 'YYYY-MM') as period,
				(m.period_start + interval '1 month')::date as issued_on, (m.period_start + interval '1 month 15 days')::date as due_on,
				round(h.area_m_2 * 380)::int as total_minor, h.area_m_2, m.k <= 2 as open
			from history_units h
			cross join lateral (
				select k, (date_trunc('month', now()) - k * interval '1 month')::date as period_start
				from generate_series(1, ${MONTHS}::int) k
			) m`);
		await tx.execute(sql`insert into bills (id, estate_id, unit_id, source, party, period, state, total_minor, currency, issued_on, due_on, paid_at)
			select id, estate_id, unit_id, 'billing_run', 'owner', period, case when open then 'open' else 'paid' end::bill_state,
				total_minor, 'CNY', issued_on, due_on, case when not open then (due_on - 3)::timestamptz end
			from history_bills order by issued_on, unit_id`);
		await tx.execute(sql`insert into bill_lines (bill_id, fee_item_id, name_en, name_zh_hans, name_zh_hant, quantity, price_micro, amount_minor)
			select b.id, f.id, f.name_en, f.name_zh_hans, f.name_zh_hant, b.area_m_2, 3800000, b.total_minor
			from history_bills b cross join (select * from fee_items where kind = 'management' order by code limit 1) f`);
		await tx.execute(sql`insert into ledger_entries (unit_id, party, kind, amount_minor, currency, bill_id, effective_on)
			select unit_id, 'owner', 'charge', total_minor, 'CNY', id, issued_on from history_bills order by issued_on`);
		// Everything but the newest two months paid at the counter three days before it was due.
		await tx.execute(sql`insert into payments (id, unit_id, party, provider, state, amount_minor, currency, idempotency_key, method,
				received_on, settled_at)
			select gen_random_uuid(), unit_id, 'owner', 'counter', 'succeeded', total_minor, 'CNY', 'history:' || id, 'bank_transfer',
				due_on - 3, (due_on - 3)::timestamptz
			from history_bills where not open order by due_on`);
		await tx.execute(sql`insert into payment_allocations (payment_id, bill_id, amount_minor)
			select p.id, b.id, b.total_minor from history_bills b join payments p on p.idempotency_key = 'history:' || b.id`);
		await tx.execute(sql`insert into ledger_entries (unit_id, party, kind, amount_minor, currency, payment_id, effective_on)
			select unit_id, party, 'payment', -amount_minor, currency, id, received_on
			from payments where idempotency_key like 'history:%' order by received_on`);
		await tx.execute(sql`insert into receipts (payment_id)
			select id from payments where idempotency_key like 'history:%' order by settled_at, id`);
	});
	const [counts] = await queryRows<HistoryOutcome>(
		executor,
		sql`select (select count(*) from units)::int as units, (select count(*) from repair_orders)::int as "repairOrders",
			(select count(*) from bills)::int as bills`
	);
	return counts!;
}

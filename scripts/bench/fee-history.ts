// Months of fees for every occupied unit of a benchmark data set (bench:scale), one set-based
// statement per period that writes what the monthly billing run (fees/billing.ts) and a counter
// payment (payments/counter.ts) write, row for row: the month-end meter readings; one bill per unit
// with its three lines (management fee by area, water, electricity), its 'charge' ledger entry,
// 'issue' event and entry in the unit's file; and for the bills paid — all but 2 % of the older
// periods, 70 % of last-but-one, 10 % of the last — the payment three days before the due date, its
// allocation, 'payment' ledger entry, receipt and events ('succeed' on the payment, 'pay' on the bill).
// The real run takes 30–107 s per 100 000 units and period (bench:billing); this takes a fraction.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../src/lib/server/db/client.ts';
import { feeSettings } from '../../src/lib/server/fees/settings.ts';
import { addDays, addMonths, firstDay, lastDay, type Month } from '../../src/lib/time/index.ts';

interface PricedItem {
	id: string;
	name_en: string;
	name_zh_hans: string;
	name_zh_hant: string;
	price_micro: string;
}

async function item(tx: Tx, code: string): Promise<PricedItem> {
	const [row] = await queryRows<PricedItem>(
		tx,
		sql`select i.id, i.name_en, i.name_zh_hans, i.name_zh_hant, p.price_micro::text as price_micro
			from fee_items i join fee_prices p on p.fee_item_id = i.id and p.estate_id is null
			where i.code = ${code} order by p.effective_from desc limit 1`
	);
	if (!row) throw new Error(`No default price for fee item ${code}`);
	return row;
}

/** Bills `period`, `back` months before the last billed one (which decides how many bills are paid). */
export async function insertFeePeriod(tx: Tx, { period, back }: { period: Month; back: number }): Promise<{ bills: number; paid: number }> {
	const { dueDays, currency } = await feeSettings(tx);
	const [residential, retail, water, power] = await Promise.all(
		['management_residential', 'management_retail', 'water', 'electricity'].map((code) => item(tx, code))
	);
	// The CTEs have no statistics: the planner expects a row or two and joins them by nested loops,
	// quadratic in the units (as billing.ts finds for its batches). Hash joins it is.
	await tx.execute(sql`set local enable_nestloop = off`);
	const line = (p: PricedItem, sort: number, quantity: string, amount: string, readings: string) =>
		sql`(${p.id}::uuid, ${p.name_en}, ${p.name_zh_hans}, ${p.name_zh_hant}, ${sql.raw(quantity)}, ${p.price_micro}::bigint, ${sql.raw(amount)}, ${sort}, ${sql.raw(readings)})`;
	const start = firstDay(period);
	const end = lastDay(period);
	const previousEnd = addDays(start, -1);
	const issuedOn = firstDay(addMonths(period, 1));
	const dueOn = addDays(issuedOn, dueDays);
	const paidOn = addDays(dueOn, -3);
	const paidShare = back >= 2 ? 0.98 : back === 1 ? 0.7 : 0.1;
	const note = `billing run ${period}`;
	const [row] = await queryRows<{ bills: number; paid: number }>(
		tx,
		sql`with q as materialized (
				select u.id as unit_id, u.estate_id, o.id as occupancy_id, u.area_m_2 as area, u.use,
					round((4 + random() * 20)::numeric, 2) as water, round((80 + random() * 320)::numeric, 2) as power,
					round((random() * 900)::numeric, 2) as water_before, round((random() * 20000)::numeric, 2) as power_before,
					random() < ${paidShare}::float8 as paid
				from units u join occupancies o on o.unit_id = u.id and o.ends_on is null and o.role = 'owner'
			),
			priced as materialized (
				select q.*, case when q.use = 'retail' then ${retail!.id}::uuid else ${residential!.id}::uuid end as m_item,
					case when q.use = 'retail' then ${retail!.price_micro}::bigint else ${residential!.price_micro}::bigint end as m_price,
					case when q.use = 'retail' then ${retail!.name_en} else ${residential!.name_en} end as m_name_en,
					case when q.use = 'retail' then ${retail!.name_zh_hans} else ${residential!.name_zh_hans} end as m_name_zh_hans,
					case when q.use = 'retail' then ${retail!.name_zh_hant} else ${residential!.name_zh_hant} end as m_name_zh_hant,
					round(q.area * (case when q.use = 'retail' then ${retail!.price_micro}::bigint else ${residential!.price_micro}::bigint end) / 10000.0)::int as m_amount,
					round(q.water * ${water!.price_micro}::bigint / 10000.0)::int as w_amount,
					round(q.power * ${power!.price_micro}::bigint / 10000.0)::int as e_amount
				from q
			),
			readings as (
				insert into meter_readings (unit_id, meter, read_on, value, created_at)
				select p.unit_id, m.meter::meter_kind, ${end}::date, m.value, ${end}::date + interval '18 hours'
				from priced p cross join lateral (values ('water', p.water_before + p.water), ('electricity', p.power_before + p.power)) m(meter, value)
				returning 1
			),
			nb as (
				insert into bills (estate_id, unit_id, source, party, period, state, total_minor, currency, issued_on, due_on, paid_at, created_at)
				select estate_id, unit_id, 'billing_run', 'owner', ${period}, case when paid then 'paid' else 'open' end::bill_state,
					m_amount + w_amount + e_amount, ${currency}, ${issuedOn}::date, ${dueOn}::date,
					case when paid then ${paidOn}::date + interval '10 hours' end, ${issuedOn}::date + interval '2 hours'
				from priced order by unit_id
				returning id, unit_id, total_minor, state, gen_random_uuid() as payment_id
			),
			lines as (
				insert into bill_lines (bill_id, fee_item_id, name_en, name_zh_hans, name_zh_hant, quantity, price_micro, amount_minor, sort, readings)
				select nb.id, l.* from nb join priced p using (unit_id)
				cross join lateral (values
					(p.m_item, p.m_name_en, p.m_name_zh_hans, p.m_name_zh_hant, p.area, p.m_price, p.m_amount, 0, null::jsonb),
					${line(water!, 1, 'p.water', 'p.w_amount', `jsonb_build_object('previous', jsonb_build_object('on', '${previousEnd}', 'value', p.water_before::text), 'current', jsonb_build_object('on', '${end}', 'value', (p.water_before + p.water)::text), 'changes', '[]'::jsonb)`)},
					${line(power!, 2, 'p.power', 'p.e_amount', `jsonb_build_object('previous', jsonb_build_object('on', '${previousEnd}', 'value', p.power_before::text), 'current', jsonb_build_object('on', '${end}', 'value', (p.power_before + p.power)::text), 'changes', '[]'::jsonb)`)}
				) l(fee_item_id, name_en, name_zh_hans, name_zh_hant, quantity, price_micro, amount_minor, sort, readings)
				returning 1
			),
			charges as (
				insert into ledger_entries (unit_id, party, kind, amount_minor, currency, bill_id, effective_on, note, created_at)
				select unit_id, 'owner', 'charge', total_minor, ${currency}, id, ${issuedOn}::date, ${note}, ${issuedOn}::date + interval '2 hours' from nb
				returning 1
			),
			issued as (
				insert into events (subject_type, subject_id, kind, to_state, note, data, at)
				select 'bill', id::text, 'issue', 'open', ${note},
					jsonb_build_object('source', 'billing_run', 'totalMinor', total_minor, 'party', 'owner'), ${issuedOn}::date + interval '2 hours'
				from nb
				returning 1
			),
			filed as (
				insert into archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, at)
				select nb.unit_id, p.occupancy_id, 'bill', 'bill', nb.id::text,
					jsonb_build_object('amountMinor', nb.total_minor, 'currency', ${currency}::text), ${issuedOn}::date + interval '2 hours'
				from nb join priced p using (unit_id)
				returning 1
			),
			paid as materialized (select * from nb where state = 'paid'),
			payments_made as (
				insert into payments (id, unit_id, provider, state, party, amount_minor, currency, idempotency_key, method, received_on, created_at, settled_at)
				select payment_id, unit_id, 'counter', 'succeeded', 'owner', total_minor, ${currency}, 'bench:' || id, 'bank_transfer',
					${paidOn}::date, ${paidOn}::date + interval '10 hours', ${paidOn}::date + interval '10 hours'
				from paid
				returning 1
			),
			allocations as (
				insert into payment_allocations (payment_id, bill_id, amount_minor) select payment_id, id, total_minor from paid returning 1
			),
			payment_entries as (
				insert into ledger_entries (unit_id, party, kind, amount_minor, currency, payment_id, effective_on, created_at)
				select unit_id, 'owner', 'payment', -total_minor, ${currency}, payment_id, ${paidOn}::date, ${paidOn}::date + interval '10 hours' from paid
				returning 1
			),
			receipts_issued as (
				insert into receipts (payment_id, created_at) select payment_id, ${paidOn}::date + interval '10 hours' from paid order by payment_id
				returning 1
			),
			paid_events as (
				insert into events (subject_type, subject_id, kind, from_state, to_state, data, at)
				select e.* from paid cross join lateral (values
					('payment', payment_id::text, 'succeed', 'pending', 'succeeded',
						jsonb_build_object('provider', 'counter', 'amountMinor', total_minor, 'currency', ${currency}::text, 'method', 'bank_transfer'),
						${paidOn}::date + interval '10 hours'),
					('bill', id::text, 'pay', 'open', 'paid', jsonb_build_object('paymentId', payment_id), ${paidOn}::date + interval '10 hours')
				) e
				returning 1
			)
			select (select count(*) from nb)::int as bills, (select count(*) from paid)::int as paid,
				(select count(*) from readings) + (select count(*) from lines) + (select count(*) from charges) + (select count(*) from issued)
				+ (select count(*) from filed) + (select count(*) from payments_made) + (select count(*) from allocations)
				+ (select count(*) from payment_entries) + (select count(*) from receipts_issued) + (select count(*) from paid_events) as others`
	);
	return { bills: row!.bills, paid: row!.paid };
}

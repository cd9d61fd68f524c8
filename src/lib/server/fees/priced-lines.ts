/**
 * What a unit is billed for a stretch of a period, priced — the one place the monthly run
 * (billing.ts) and a move-out's final energy bill (final-bill.ts) work out quantities and amounts.
 *
 * Who: units with an occupancy overlapping [start, end], and whether a tenancy overlaps it (the
 * unit is let: fees/parties.ts decides each line's party from that and the fee item's payer).
 * What: every active periodic fee item of the unit's use, priced by the fee_prices row effective
 * on `start` — the estate's own price if it has one, else the general one.
 *   per_m2_month  quantity = the unit's area
 *   per_reading   quantity = the last reading in [start, end] − the reading consumption counts
 *                 from, per meter, plus (final − start) of each meter replaced or rolled over
 *                 between them (meter_changes). The reading it counts from is the last one before
 *                 `start`, or — when later — the last reading a bill issued since `start` already
 *                 counted to (bill_lines.readings.current, e.g. a move-out's final bill): what a
 *                 bill has counted is never counted again. No line when either reading is missing,
 *                 nothing was read since, or the meter went backwards unexplained.
 *   fixed         quantity = 1
 * Each line is round-half-up(quantity × priceMicro / 10 000) minor units, exactly in numeric (the
 * same as lib/money lineAmount).
 *
 * The fragment is a chain of CTEs (occupied, todo, items, prices, meter_points, meter_use,
 * quantities, lines) to follow `with`; `lines` holds unit_id, party, fee_item_id, names, sort,
 * basis, price_micro, quantity, amount and readings (a metered line's, as bill_lines keeps them).
 */
import { sql, type SQL } from 'drizzle-orm';
import { billedPartySql } from './parties.ts';

export interface PricedLinesParams {
	/** The units as a PostgreSQL array literal, e.g. '{uuid,uuid}'. */
	unitIds: string;
	/** The first day billed (prices are those effective on it) and the last, as 'YYYY-MM-DD'. */
	start: string;
	end: string;
}

export function pricedLinesCtes(p: PricedLinesParams): SQL {
	return sql`
	occupied as (
		-- Occupied during [start, end], and whether a tenancy overlaps it (the unit is let).
		select o.unit_id, bool_or(o.role = 'renter') as let
		from occupancies o
		where o.unit_id = any(${p.unitIds}::uuid[])
			and o.starts_on <= ${p.end}::date and (o.ends_on is null or o.ends_on >= ${p.start}::date)
		group by o.unit_id
	),
	todo as (
		select u.id, u.estate_id, u.area_m_2, u.use, oc.let
		from units u join occupied oc on oc.unit_id = u.id
		where u.id = any(${p.unitIds}::uuid[])
	),
	items as (
		select id, kind, basis, unit_use, name_en, name_zh_hans, name_zh_hant, sort, payer,
			case when kind in ('water', 'electricity') then kind::text::meter_kind end as meter
		from fee_items where periodic and active
	),
	prices as (
		select distinct on (e.estate_id, i.id) e.estate_id, i.id as item_id, fp.price_micro
		from (select distinct estate_id from todo) e
		cross join items i
		join fee_prices fp on fp.fee_item_id = i.id and (fp.estate_id = e.estate_id or fp.estate_id is null)
			and fp.effective_from <= ${p.start}::date
		order by e.estate_id, i.id, (fp.estate_id is null), fp.effective_from desc
	),
	meter_points as (
		-- Each meter's reading consumption counts from, and the last reading in [start, end] after it.
		select t.id as unit_id, mk.meter, cur.value as cur_value, cur.read_on as cur_on, prev.value as prev_value, prev.read_on as prev_on
		from todo t
		cross join (values ('water'::meter_kind), ('electricity'::meter_kind)) as mk(meter)
		left join lateral (
			select c.value, c.read_on from (
				(select m.value, m.read_on from meter_readings m where m.unit_id = t.id and m.meter = mk.meter
					and m.read_on < ${p.start}::date order by m.read_on desc limit 1)
				union all
				-- A bill issued since start already counted to this reading (only one issued since can have).
				(select (bl.readings -> 'current' ->> 'value')::numeric, (bl.readings -> 'current' ->> 'on')::date
					from bills b join bill_lines bl on bl.bill_id = b.id join fee_items fi on fi.id = bl.fee_item_id
					where b.unit_id = t.id and b.state <> 'void' and b.issued_on >= ${p.start}::date
						and fi.kind::text = mk.meter::text and bl.readings is not null
						and (bl.readings -> 'current' ->> 'on')::date <= ${p.end}::date)
			) c order by c.read_on desc limit 1
		) prev on true
		left join lateral (select m.value, m.read_on from meter_readings m where m.unit_id = t.id and m.meter = mk.meter
			and m.read_on >= ${p.start}::date and m.read_on <= ${p.end}::date and m.read_on > prev.read_on
			order by m.read_on desc limit 1) cur on true
	),
	meter_use as (
		-- The consumption between them: their difference, plus (final − start) of every meter replaced
		-- or rolled over in between (meter_changes), and the readings as the bill line shows them.
		select mp.unit_id, mp.meter, mp.cur_value - mp.prev_value + coalesce(ch.across, 0) as consumption,
			jsonb_build_object(
				'previous', jsonb_build_object('on', mp.prev_on::text, 'value', mp.prev_value::text),
				'current', jsonb_build_object('on', mp.cur_on::text, 'value', mp.cur_value::text),
				'changes', coalesce(ch.list, '[]'::jsonb)
			) as readings
		from meter_points mp
		left join lateral (
			select sum(c.final_value - c.start_value) as across,
				jsonb_agg(jsonb_build_object('on', c.changed_on::text, 'kind', c.kind, 'finalValue', c.final_value::text,
					'startValue', c.start_value::text) order by c.changed_on) as list
			from meter_changes c where c.unit_id = mp.unit_id and c.meter = mp.meter
				and c.changed_on > mp.prev_on and c.changed_on <= mp.cur_on
		) ch on true
		where mp.cur_value is not null and mp.prev_value is not null
	),
	quantities as (
		select t.id as unit_id, ${billedPartySql(sql`i.payer`, sql`t.let`)} as party,
			i.id as fee_item_id, i.basis, i.name_en, i.name_zh_hans, i.name_zh_hant, i.sort, pr.price_micro,
			case i.basis
				when 'per_m2_month' then t.area_m_2
				when 'fixed' then 1::numeric
				else mu.consumption
			end as quantity,
			case when i.basis = 'per_reading' then mu.readings end as readings
		from todo t
		join items i on i.unit_use is null or i.unit_use = t.use
		join prices pr on pr.estate_id = t.estate_id and pr.item_id = i.id
		left join meter_use mu on mu.unit_id = t.id and mu.meter = i.meter
	),
	lines as (
		-- round half-up exactly: floor((2 × hundredths × price + 10^6) / (2 × 10^6))
		select q.*, div(q.quantity * 200 * q.price_micro + 1000000, 2000000)::integer as amount
		from quantities q where q.quantity is not null and q.quantity >= 0
	)`;
}

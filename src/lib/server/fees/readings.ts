/**
 * Meter readings (抄表) entered by the finance desk, one at a time or from a CSV file
 * (readings-csv.ts). The billing run charges the difference between a period's last reading and
 * the last one before it, so a reading must fit the meter's history: never below the reading
 * before it (nor above the one after it, when entered late), one per meter and day, and not in
 * the future. A meter replaced or rolled over (meter-changes.ts) starts a new history on its day:
 * a reading after it is compared with the new meter's start, one before it with the old one's final.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { db, queryRows, type Executor, type Tx } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { buildings, meterChanges, meterReadings, units, users } from '../db/schema/index.ts';
import { buildingChoices, type BuildingChoice } from '../property/building-choices.ts';
import { rethrowUnique } from '#lib/server/kernel/unique-violation.ts';
import { parseQuantity } from '#lib/money/index.ts';
import type { MeterKind, ReadingForm } from '#lib/schemas/fees-staff.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { toHundredths } from '#lib/money/index.ts';
import { estateZones, latestToday, unitTodays } from './estate-time.ts';

export type { BuildingChoice } from '../property/building-choices.ts';

/** The day a reading form starts with: today in the actor's estates (the latest of their todays). */
export async function readingsToday(actor: Actor, now: Date = new Date()): Promise<string> {
	requireStaff(actor, 'fees.manage');
	const zones = [...(await estateZones(db())).values()].filter((e) => canSeeEstate(actor, e.id));
	return latestToday(zones, now);
}

/** Buildings of the actor's estates, by estate and building code. */
export async function readingBuildings(actor: Actor, executor: Executor = db()): Promise<BuildingChoice[]> {
	requireStaff(actor, 'fees.manage');
	return buildingChoices(actor, executor);
}

/** A reading to check and save, its unit already found. */
export interface NewReading {
	unitId: string;
	meter: MeterKind;
	readOn: string;
	/** Decimal string with at most two decimals. */
	value: string;
}

/**
 * Checks readings against the meters' history in one pass (each lookup an index probe on
 * meter_readings_unit_meter_day) and against each other: per reading, the translated reason it
 * cannot be saved, by its index. Readings of one meter in the batch are checked in date order.
 */
export async function readingProblems(
	executor: Executor,
	readings: readonly NewReading[],
	now: Date = new Date()
): Promise<Map<number, ReadingProblem>> {
	const problems = new Map<number, ReadingProblem>();
	if (readings.length === 0) return problems;
	// Not after today in the unit's estate.
	const todays = await unitTodays(
		executor,
		readings.map((r) => r.unitId),
		now
	);
	// The neighbours a reading must fit between, of its own meter: a meter replaced or rolled over
	// (meter_changes) between a reading and its neighbour makes the change's start (before) or final
	// value (after) the bound instead.
	const history = new Map<number, { prev: Bound | null; next: Bound | null; same: string | null }>();
	for (let start = 0; start < readings.length; start += 5000) {
		const chunk = readings.slice(start, start + 5000).map((r, i) => ({ i: start + i, u: r.unitId, m: r.meter, d: r.readOn }));
		const rows = await queryRows<{
			i: number;
			prev: string | null;
			prev_on: string | null;
			next: string | null;
			next_on: string | null;
			same: string | null;
			start: string | null;
			start_on: string | null;
			final: string | null;
			final_on: string | null;
		}>(
			executor,
			sql`select f.i,
					p.value::text as prev, p.read_on::text as prev_on, n.value::text as next, n.read_on::text as next_on, s.value::text as same,
					cb.start_value::text as start, cb.changed_on::text as start_on, ca.final_value::text as final, ca.changed_on::text as final_on
				from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as f(i int, u uuid, m meter_kind, d date)
				left join lateral (select value, read_on from meter_readings where unit_id = f.u and meter = f.m and read_on < f.d order by read_on desc limit 1) p on true
				left join lateral (select value, read_on from meter_readings where unit_id = f.u and meter = f.m and read_on > f.d order by read_on limit 1) n on true
				left join meter_readings s on s.unit_id = f.u and s.meter = f.m and s.read_on = f.d
				left join lateral (select start_value, changed_on from meter_changes where unit_id = f.u and meter = f.m and changed_on <= f.d order by changed_on desc limit 1) cb on true
				left join lateral (select final_value, changed_on from meter_changes where unit_id = f.u and meter = f.m and changed_on > f.d order by changed_on limit 1) ca on true`
		);
		for (const r of rows) {
			// Readings dated on or after a change's day are the new meter's (meter_changes).
			const changedSincePrev = r.start_on !== null && (r.prev_on === null || r.start_on > r.prev_on);
			const changesBeforeNext = r.final_on !== null && (r.next_on === null || r.final_on <= r.next_on);
			history.set(Number(r.i), {
				prev: changedSincePrev
					? { value: r.start!, on: r.start_on!, change: true }
					: r.prev !== null
						? { value: r.prev, on: r.prev_on!, change: false }
						: null,
				next: changesBeforeNext
					? { value: r.final!, on: r.final_on!, change: true }
					: r.next !== null
						? { value: r.next, on: r.next_on!, change: false }
						: null,
				same: r.same
			});
		}
	}
	const changes = await changeDays(executor, readings);
	// The batch's own readings of one meter, in date order: each must not fall below the one before.
	const byMeter = new Map<string, number[]>();
	readings.forEach((r, i) => {
		const key = `${r.unitId}:${r.meter}`;
		byMeter.set(key, [...(byMeter.get(key) ?? []), i]);
	});
	const earlierInBatch = new Map<number, number>();
	for (const indexes of byMeter.values()) {
		indexes.sort((a, b) => readings[a]!.readOn.localeCompare(readings[b]!.readOn) || a - b);
		for (let k = 1; k < indexes.length; k++) {
			const [before, after] = [readings[indexes[k - 1]!]!, readings[indexes[k]!]!];
			// Across a meter change the two are readings of different meters (or registers): no comparison.
			const across = (changes.get(`${after.unitId}:${after.meter}`) ?? []).some((day) => day > before.readOn && day <= after.readOn);
			if (!across) earlierInBatch.set(indexes[k]!, indexes[k - 1]!);
		}
	}
	readings.forEach((r, i) => {
		const value = toHundredths(r.value);
		const h = history.get(i);
		const before = earlierInBatch.get(i);
		const sameDayInBatch = before !== undefined && readings[before]!.readOn === r.readOn;
		if (r.readOn > (todays.get(r.unitId) ?? r.readOn)) problems.set(i, { field: 'readOn', message: m.feesstaff_reading_future() });
		else if (h && h.same !== null) problems.set(i, { field: 'readOn', message: m.feesstaff_reading_duplicate({ value: h.same }) });
		else if (sameDayInBatch) problems.set(i, { field: 'readOn', message: m.feesstaff_reading_duplicate_in_file() });
		else if (h?.prev && value < toHundredths(h.prev.value)) {
			const bound = { value: h.prev.value, date: h.prev.on };
			problems.set(i, {
				field: 'value',
				message: h.prev.change ? m.meters_reading_below_start(bound) : m.feesstaff_reading_below_previous(bound)
			});
		} else if (before !== undefined && value < toHundredths(readings[before]!.value)) {
			problems.set(i, {
				field: 'value',
				message: m.feesstaff_reading_below_previous({ value: readings[before]!.value, date: readings[before]!.readOn })
			});
		} else if (h?.next && value > toHundredths(h.next.value)) {
			const bound = { value: h.next.value, date: h.next.on };
			problems.set(i, {
				field: 'value',
				message: h.next.change ? m.meters_reading_above_final(bound) : m.feesstaff_reading_above_next(bound)
			});
		}
	});
	return problems;
}

/** A value a reading must not fall below (before it) or rise above (after it), and where it comes from. */
interface Bound {
	value: string;
	on: string;
	/** A meter change's start (before) or final value (after), rather than a reading. */
	change: boolean;
}

/** The days the batch's meters were replaced or rolled over, by "unit:meter". */
async function changeDays(executor: Executor, readings: readonly NewReading[]): Promise<Map<string, string[]>> {
	const unitIds = [...new Set(readings.map((r) => r.unitId))];
	const days = new Map<string, string[]>();
	for (let start = 0; start < unitIds.length; start += 5000) {
		const rows = await executor
			.select({ unitId: meterChanges.unitId, meter: meterChanges.meter, changedOn: meterChanges.changedOn })
			.from(meterChanges)
			.where(inArray(meterChanges.unitId, unitIds.slice(start, start + 5000)));
		for (const row of rows) {
			const key = `${row.unitId}:${row.meter}`;
			days.set(key, [...(days.get(key) ?? []), row.changedOn]);
		}
	}
	return days;
}

export interface ReadingProblem {
	field: 'readOn' | 'value';
	message: string;
}

/** Saves checked readings in the caller's transaction, in batches of one statement each. */
export async function insertReadings(tx: Tx, readings: readonly NewReading[], recordedBy: string): Promise<number> {
	let saved = 0;
	for (let start = 0; start < readings.length; start += 5000) {
		const chunk = readings.slice(start, start + 5000).map((r) => ({ u: r.unitId, m: r.meter, d: r.readOn, v: r.value }));
		const rows = await queryRows<{ n: number }>(
			tx,
			sql`with inserted as (
					insert into meter_readings (unit_id, meter, read_on, value, recorded_by)
					select f.u, f.m, f.d, f.v, ${recordedBy}::uuid from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as f(u uuid, m meter_kind, d date, v numeric)
					returning 1
				) select count(*)::int as n from inserted`
		);
		saved += Number(rows[0]!.n);
	}
	return saved;
}

/** The unit a desk form names by building and number, in the actor's estates; else an InputError at that field. */
export async function meterUnit(
	actor: Actor,
	form: { buildingId: string; unitNumber: string }
): Promise<{ id: string; number: string; estateId: string }> {
	const [building] = isUuid(form.buildingId)
		? await db().select({ id: buildings.id, estateId: buildings.estateId }).from(buildings).where(eq(buildings.id, form.buildingId))
		: [];
	if (!building || !canSeeEstate(actor, building.estateId)) {
		throw new InputError('buildingId', m.feesstaff_building_required());
	}
	const [unit] = await db()
		.select({ id: units.id, number: units.number, estateId: units.estateId })
		.from(units)
		.where(and(eq(units.buildingId, building.id), sql`lower(${units.number}) = ${form.unitNumber.toLowerCase()}`));
	if (!unit) throw new InputError('unitNumber', m.feesstaff_unit_not_found({ number: form.unitNumber }));
	return unit;
}

/** One desk at a time per meter (readings and meter changes), so two clerks cannot both pass the history check. */
export async function lockMeter(tx: Tx, unitId: string, meter: MeterKind): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`meter:${unitId}:${meter}`}))`);
}

/** One reading typed on the form (fees.manage); problems are InputErrors at their field. */
export async function recordReading(
	actor: Actor,
	form: ReadingForm,
	options: { now?: Date } = {}
): Promise<{ unitId: string; unitNumber: string }> {
	requireStaff(actor, 'fees.manage');
	const value = parseQuantity(form.value);
	if (value === null) throw new InputError('value', m.feesstaff_reading_value_invalid());
	const unit = await meterUnit(actor, form);
	const reading: NewReading = { unitId: unit.id, meter: form.meter, readOn: form.readOn, value };
	try {
		await db().transaction(async (tx) => {
			await lockMeter(tx, unit.id, form.meter);
			const problem = (await readingProblems(tx, [reading], options.now)).get(0);
			if (problem) throw new InputError(problem.field, problem.message);
			await insertReadings(tx, [reading], actor.userId);
		});
	} catch (err) {
		rethrowUnique(err, { '*': () => new InputError('value', m.feesstaff_reading_duplicate({ value: '' })) });
	}
	return { unitId: unit.id, unitNumber: unit.number };
}

export interface ReadingRow {
	id: string;
	meter: MeterKind;
	readOn: string;
	value: string;
	recordedByName: string | null;
}

/** A unit's latest readings, newest first (the caller has checked the unit is the actor's to see). */
export function unitReadings(executor: Executor, unitId: string, limit = 6): Promise<ReadingRow[]> {
	return executor
		.select({
			id: meterReadings.id,
			meter: meterReadings.meter,
			readOn: meterReadings.readOn,
			value: meterReadings.value,
			recordedByName: users.name
		})
		.from(meterReadings)
		.leftJoin(users, eq(users.id, meterReadings.recordedBy))
		.where(eq(meterReadings.unitId, unitId))
		.orderBy(desc(meterReadings.readOn), asc(meterReadings.meter))
		.limit(limit);
}

/** The building and number of a unit of the actor's estates, to start the form with (from a unit's account). */
export async function readingPrefill(actor: Actor, unitId: string | null): Promise<{ buildingId: string; unitNumber: string } | null> {
	requireStaff(actor, 'fees.manage');
	if (!unitId || !isUuid(unitId)) return null;
	const [unit] = await db()
		.select({ buildingId: units.buildingId, unitNumber: units.number, estateId: units.estateId })
		.from(units)
		.where(eq(units.id, unitId));
	if (!unit || !canSeeEstate(actor, unit.estateId)) return null;
	return { buildingId: unit.buildingId, unitNumber: unit.unitNumber };
}

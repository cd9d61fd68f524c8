/**
 * A meter replaced or rolled over, recorded by the finance desk (fees.manage) on the readings page
 * and kept on the record (meter_changes, with who recorded it, and an audit row):
 *
 * - replaced: the old meter's final reading and the new meter's start reading, on the day it was
 *   changed;
 * - rolled over: its register passed its maximum and began again at zero; the value it turns over
 *   at (e.g. 100000 for a five-digit meter) is its "final", and it starts again at 0.
 *
 * Readings dated before the day are the old meter's, on or after it the new one's (readings.ts
 * checks each against its own meter), and the next bill charges both parts: the old meter's
 * consumption up to its final reading and the new one's from its start (billing.ts). A change is
 * recorded after the meter's latest reading and latest change, never back-dated into readings
 * already taken (they, and the bills made from them, would change their meaning).
 */
import { and, desc, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { businessToday } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { meterChanges, meterReadings, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { rethrowUnique } from '#lib/server/kernel/unique-violation.ts';
import { parseQuantity, toHundredths } from '#lib/money/index.ts';
import type { MeterKind } from '#lib/schemas/fees-staff.ts';
import type { MeterChangeForm, MeterChangeKind } from '#lib/schemas/meter-change.ts';
import { estateZone } from './estate-time.ts';
import { lockMeter, meterUnit } from './readings.ts';

/** The latest thing known of a meter before a day: its last reading or its last change, whichever is later. */
async function meterFloor(tx: Tx, unitId: string, meter: MeterKind) {
	const [reading] = await tx
		.select({ on: meterReadings.readOn, value: meterReadings.value })
		.from(meterReadings)
		.where(and(eq(meterReadings.unitId, unitId), eq(meterReadings.meter, meter)))
		.orderBy(desc(meterReadings.readOn))
		.limit(1);
	const [change] = await tx
		.select({ on: meterChanges.changedOn, value: meterChanges.startValue })
		.from(meterChanges)
		.where(and(eq(meterChanges.unitId, unitId), eq(meterChanges.meter, meter)))
		.orderBy(desc(meterChanges.changedOn))
		.limit(1);
	return { reading: reading ?? null, change: change ?? null };
}

export async function recordMeterChange(
	actor: Actor,
	form: MeterChangeForm,
	options: { now?: Date } = {}
): Promise<{ unitId: string; unitNumber: string; changeId: string }> {
	requireStaff(actor, 'fees.manage');
	const finalValue = parseQuantity(form.finalValue);
	if (finalValue === null) throw new InputError('finalValue', m.feesstaff_reading_value_invalid());
	const startValue = form.kind === 'rollover' ? '0.00' : parseQuantity(form.startValue);
	if (startValue === null) throw new InputError('startValue', m.feesstaff_reading_value_invalid());
	const unit = await meterUnit(actor, form);
	const today = businessToday(await estateZone(db(), unit.estateId), options.now);
	if (form.changedOn > today) throw new InputError('changedOn', m.feesstaff_reading_future());
	try {
		const changeId = await db().transaction(async (tx) => {
			await lockMeter(tx, unit.id, form.meter);
			const { reading, change } = await meterFloor(tx, unit.id, form.meter);
			if (reading && reading.on >= form.changedOn) {
				throw new InputError('changedOn', m.meters_change_after_reading({ date: reading.on, value: reading.value }));
			}
			if (change && change.on >= form.changedOn) throw new InputError('changedOn', m.meters_change_after_change({ date: change.on }));
			// What the old meter (or register) showed last: its latest reading, or the start of the latest change after it.
			const floor = change && (!reading || change.on > reading.on) ? change : reading;
			if (floor) {
				const below = toHundredths(finalValue) < toHundredths(floor.value);
				const notAbove = toHundredths(finalValue) <= toHundredths(floor.value);
				if (form.kind === 'replacement' && below) {
					throw new InputError('finalValue', m.meters_final_below({ value: floor.value, date: floor.on }));
				}
				if (form.kind === 'rollover' && notAbove) {
					throw new InputError('finalValue', m.meters_rollover_not_above({ value: floor.value, date: floor.on }));
				}
			} else if (form.kind === 'rollover' && toHundredths(finalValue) <= 0n) {
				throw new InputError('finalValue', m.meters_rollover_required());
			}
			const [row] = await tx
				.insert(meterChanges)
				.values({
					unitId: unit.id,
					meter: form.meter,
					kind: form.kind,
					changedOn: form.changedOn,
					finalValue,
					startValue,
					note: form.note,
					recordedBy: actor.userId
				})
				.returning({ id: meterChanges.id });
			await recordAudit(tx, {
				actor,
				action: 'fees.meter.change',
				subjectType: 'unit',
				subjectId: unit.id,
				detail: { meter: form.meter, kind: form.kind, changedOn: form.changedOn, finalValue, startValue, note: form.note }
			});
			return row!.id;
		});
		return { unitId: unit.id, unitNumber: unit.number, changeId };
	} catch (err) {
		rethrowUnique(err, { '*': () => new InputError('changedOn', m.meters_change_after_change({ date: form.changedOn })) });
	}
}

export interface MeterChangeRow {
	id: string;
	meter: MeterKind;
	kind: MeterChangeKind;
	changedOn: string;
	finalValue: string;
	startValue: string;
	note: string;
	recordedByName: string | null;
}

/** A unit's meter changes, newest first (the caller has checked the unit is the actor's to see). */
export function unitMeterChanges(executor: Executor, unitId: string, limit = 10): Promise<MeterChangeRow[]> {
	return executor
		.select({
			id: meterChanges.id,
			meter: meterChanges.meter,
			kind: meterChanges.kind,
			changedOn: meterChanges.changedOn,
			finalValue: meterChanges.finalValue,
			startValue: meterChanges.startValue,
			note: meterChanges.note,
			recordedByName: users.name
		})
		.from(meterChanges)
		.leftJoin(users, eq(users.id, meterChanges.recordedBy))
		.where(eq(meterChanges.unitId, unitId))
		.orderBy(desc(meterChanges.changedOn))
		.limit(limit);
}

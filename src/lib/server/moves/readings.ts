/**
 * A move's meter readings, confirmed by three parties: engineering records them at the joint
 * inspection (its confirmation), customer service and the resident confirm. When the third
 * confirms they go into meter_readings through the fees desk's own checks (fees/readings.ts): a
 * move-in's become the opening readings the next bill counts consumption from, a move-out's the
 * closing ones. Either way they are filed in the unit's archive.
 */
import { and, asc, eq } from 'drizzle-orm';
import { toHundredths } from '#lib/money/index.ts';
import { m } from '#lib/paraglide/messages.js';
import type { Tx } from '../db/client.ts';
import { meterReadings, moveReadings } from '../db/schema/index.ts';
import { fileInArchive } from '../archive/file.ts';
import { InputError } from '../kernel/input-error.ts';
import { insertReadings, lockMeter, readingProblems, type NewReading } from '../fees/readings.ts';
import { unitToday } from '../property/occupancy.ts';
import type { Actor } from '../auth/actor.ts';
import type { Move } from './access.ts';
import type { StepOutcome } from './step.ts';

export type MoveReading = typeof moveReadings.$inferSelect;

export function readingsOf(tx: Tx, moveId: string) {
	return tx.select().from(moveReadings).where(eq(moveReadings.moveId, moveId)).orderBy(asc(moveReadings.meter));
}

/**
 * Which of the batch's readings are already on record with the same value that day: one party
 * moving out and the next moving in on the same day share the reading (the closing one is the
 * opening one), so it is neither refused as a duplicate nor written twice.
 */
async function onRecord(tx: Tx, batch: readonly NewReading[]): Promise<Set<number>> {
	const found = new Set<number>();
	for (const [i, r] of batch.entries()) {
		const rows = await tx
			.select({ value: meterReadings.value })
			.from(meterReadings)
			.where(and(eq(meterReadings.unitId, r.unitId), eq(meterReadings.meter, r.meter), eq(meterReadings.readOn, r.readOn)));
		if (rows.some((row) => toHundredths(row.value) === toHundredths(r.value))) found.add(i);
	}
	return found;
}

export const allConfirmed = (r: MoveReading) => r.deskBy !== null && r.engineeringBy !== null && r.residentBy !== null;

/** Engineering's readings (its confirmation); taking them again clears the others' confirmations. */
export async function recordMoveReadings(
	tx: Tx,
	move: Move,
	actor: Actor,
	values: { water: string; electricity: string },
	now: Date
): Promise<StepOutcome> {
	const readOn = await unitToday(tx, move.unitId, now);
	const batch: NewReading[] = (['water', 'electricity'] as const).map((meter) => ({
		unitId: move.unitId,
		meter,
		readOn,
		value: values[meter]
	}));
	for (const r of batch) await lockMeter(tx, move.unitId, r.meter);
	const problems = await readingProblems(tx, batch, now);
	const shared = await onRecord(tx, batch);
	for (const [i, problem] of problems) if (!shared.has(i)) throw new InputError(batch[i]!.meter, problem.message);
	await tx.delete(moveReadings).where(and(eq(moveReadings.moveId, move.id)));
	await tx
		.insert(moveReadings)
		.values(batch.map((r) => ({ moveId: move.id, meter: r.meter, readOn, value: r.value, engineeringBy: actor.userId })));
	return { event: 'readings_recorded', data: { readOn, water: values.water, electricity: values.electricity } };
}

/**
 * The desk's or the resident's confirmation of every reading of the move; the third confirmation
 * writes them to meter_readings (checked again: nothing may have been read in between).
 */
export async function confirmMoveReadings(tx: Tx, move: Move, actor: Actor, as: 'desk' | 'party', now: Date): Promise<StepOutcome> {
	const rows = await readingsOf(tx, move.id);
	if (rows.length === 0) throw new InputError('', m.moves_readings_missing());
	const column = as === 'desk' ? { deskBy: actor.userId } : { residentBy: actor.userId };
	await tx.update(moveReadings).set(column).where(eq(moveReadings.moveId, move.id));
	const confirmed = (await readingsOf(tx, move.id)).filter((r) => allConfirmed(r) && r.recordedAt === null);
	if (confirmed.length === 0) return { event: 'reading_confirmed', data: { as } };
	const batch: NewReading[] = confirmed.map((r) => ({ unitId: move.unitId, meter: r.meter, readOn: r.readOn, value: r.value }));
	for (const r of batch) await lockMeter(tx, move.unitId, r.meter);
	const problems = await readingProblems(tx, batch, now);
	const shared = await onRecord(tx, batch);
	for (const [i, problem] of problems) if (!shared.has(i)) throw new InputError('', `${batch[i]!.meter}: ${problem.message}`);
	const fresh = batch.filter((_, i) => !shared.has(i));
	if (fresh.length) await insertReadings(tx, fresh, actor.userId);
	await tx.update(moveReadings).set({ recordedAt: now }).where(eq(moveReadings.moveId, move.id));
	for (const r of confirmed) {
		await fileInArchive(tx, {
			unitId: move.unitId,
			occupancyId: move.occupancyId,
			moveId: move.id,
			kind: 'meter_reading',
			sourceType: 'move',
			sourceId: move.id,
			summary: { meter: r.meter, value: r.value, readOn: r.readOn, opening: move.kind === 'in' },
			actor
		});
	}
	return { event: 'readings_filed', data: { as, readings: batch.map((r) => ({ meter: r.meter, value: r.value, readOn: r.readOn })) } };
}

/**
 * The unit's numbered key register (unit_keys): keys and cards signed for at a move-in, returned
 * (or reported missing and priced) at a move-out. Each change is filed in the unit's archive.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { unitKeys } from '../db/schema/index.ts';
import { fileInArchive } from '../archive/file.ts';
import { InputError } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import type { Move } from './access.ts';
import type { StepOutcome } from './step.ts';

export type UnitKey = typeof unitKeys.$inferSelect;
export type UnitKeyKind = UnitKey['kind'];

export async function issueKey(tx: Tx, move: Move, actor: Actor, key: { number: string; kind: UnitKeyKind }): Promise<StepOutcome> {
	let row: UnitKey;
	try {
		[row] = (await tx.transaction((sp) =>
			sp.insert(unitKeys).values({ unitId: move.unitId, number: key.number, kind: key.kind, issuedMoveId: move.id }).returning()
		)) as [UnitKey];
	} catch (err) {
		rethrowUnique(err, { '*': () => new InputError('number', m.moves_key_out({ number: key.number })) });
	}
	await fileInArchive(tx, {
		unitId: move.unitId,
		occupancyId: move.occupancyId,
		moveId: move.id,
		kind: 'key',
		sourceType: 'unit_key',
		sourceId: row.id,
		summary: { number: key.number, kind: key.kind, issued: true },
		actor
	});
	return { event: 'key_issued', data: { keyId: row.id, number: key.number, kind: key.kind } };
}

/** The move-in's keys go to the occupancy it started. */
export async function handKeysTo(tx: Tx, moveId: string, occupancyId: string): Promise<void> {
	await tx
		.update(unitKeys)
		.set({ holderOccupancyId: occupancyId })
		.where(and(eq(unitKeys.issuedMoveId, moveId), isNull(unitKeys.returnedAt)));
}

/** A key back at the desk, or missing with its price (kept as a damage of the move-out). */
export async function returnKey(
	tx: Tx,
	move: Move,
	actor: Actor,
	input: { keyId: string; missingMinor: number | null },
	now: Date
): Promise<StepOutcome> {
	const [key] = await tx
		.select()
		.from(unitKeys)
		.where(and(eq(unitKeys.id, input.keyId), eq(unitKeys.unitId, move.unitId), isNull(unitKeys.returnedAt)));
	if (!key || key.holderOccupancyId !== move.occupancyId) throw new InputError('keyId', m.moves_key_not_held());
	await tx
		.update(unitKeys)
		.set({ returnedAt: now, returnedMoveId: move.id, missingMinor: input.missingMinor })
		.where(eq(unitKeys.id, key.id));
	await fileInArchive(tx, {
		unitId: move.unitId,
		occupancyId: move.occupancyId,
		moveId: move.id,
		kind: 'key',
		sourceType: 'unit_key',
		sourceId: key.id,
		summary: { number: key.number, kind: key.kind, returned: input.missingMinor === null, missingMinor: input.missingMinor },
		actor
	});
	if (input.missingMinor === null) return { event: 'key_returned', data: { keyId: key.id, number: key.number } };
	return {
		event: 'key_missing',
		data: { keyId: key.id, number: key.number, amountMinor: input.missingMinor },
		set: {
			damages: [...move.damages, { description: m.moves_key_missing_damage({ number: key.number }), amountMinor: input.missingMinor }]
		}
	};
}

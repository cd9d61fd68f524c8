/**
 * Move-out (遷出, rule 9): the party (or customer service for it) applies with a date; keys and
 * passes come back against the register; engineering and security inspect (closing readings,
 * power and air-conditioning off, extinguishers returned, damages priced); finance settles (a
 * final energy bill from the closing readings, the deposit refunded minus the damages through
 * the refunds flow); the case completes only when the
 * party owes nothing on the unit — or a manager waived it on the record — and then the occupancy
 * ends, the unit is vacant, a goods release for the furniture is issued and the case is filed
 * in the unit's archive.
 */
import { error } from '@sveltejs/kit';
import { and, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { money, parseAmountMinor } from '#lib/money/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, requireSignedIn } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { bills, moves, occupancies } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { fileInArchive } from '../archive/file.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { actingOccupancy, actorOccupancies, currentOccupancies, unitToday } from '../property/occupancy.ts';
import { closeOccupancy } from '../property/occupancies.ts';
import { visibleUnit } from '../property/units.ts';
import { billsOutstanding } from '../fees/ledger.ts';
import { depositsHeld } from '../fees/deposits.ts';
import { createRefund } from '../fees/refunds.ts';
import { feeSettings } from '../fees/settings.ts';
import { issueFinalEnergyBill } from '../fees/final-bill.ts';
import { damageSchema, forwardingSchema, inspectOutSchema, keyReturnSchema, moveOutApplySchema, reasonSchema } from '#lib/schemas/moves.ts';
import type { Move } from './access.ts';
import { returnKey } from './keys.ts';
import { readingsOf, allConfirmed } from './readings.ts';
import { moveStep, openMove } from './step.ts';
import { partyOf, tellDepartments } from './move-in.ts';
import { issueMoveOutRelease } from '../goods-release/requests.ts';

/**
 * Applies for a move-out. A resident applies for the occupancy it acts for in the unit; customer
 * service names one of the unit's current occupancies (the leasing side's).
 */
export async function applyMoveOut(actor: Actor | null | undefined, input: unknown, now = new Date()): Promise<{ id: string }> {
	requireSignedIn(actor);
	const data = parseInput(moveOutApplySchema, input);
	let occupancy;
	if (actor.kind === 'staff') {
		if (!can(actor, 'moves.manage')) error(403, 'Forbidden');
		const unit = await visibleUnit(actor, data.unitId);
		occupancy = (await currentOccupancies(db(), [unit.id], now)).find((o) => o.id === data.occupancyId);
		if (!occupancy) throw new InputError('occupancyId', m.moves_occupancy_required());
	} else if (actor.kind === 'resident') {
		occupancy = actingOccupancy((await actorOccupancies(db(), actor, now)).filter((o) => o.unitId === data.unitId));
		if (!occupancy) error(404, 'Not found');
	} else error(403, 'Forbidden');
	const leaving = occupancy;
	return db().transaction(async (tx) => {
		const [open] = await tx
			.select({ id: moves.id })
			.from(moves)
			.where(and(eq(moves.occupancyId, leaving.id), eq(moves.kind, 'out'), sql`${moves.state} not in ('done', 'cancelled')`));
		if (open) throw new InputError('plannedOn', m.moves_out_already_applied());
		return openMove(
			tx,
			actor,
			{
				kind: 'out',
				estateId: leaving.estateId,
				unitId: leaving.unitId,
				occupancyId: leaving.id,
				partyUserId: leaving.userId,
				partyCompanyId: leaving.companyId,
				role: leaving.role,
				plannedOn: data.plannedOn,
				forwardingAddress: data.forwardingAddress,
				forwardingPhone: data.forwardingPhone,
				createdBy: actor.userId
			},
			{ data: { kind: 'out', plannedOn: data.plannedOn } }
		);
	});
}

/** A key of the leaving occupancy back at the desk, or missing with its price (a damage). */
export function returnMoveOutKey(actor: Actor | null | undefined, moveId: string, input: unknown, now = new Date()) {
	return moveStep(actor, moveId, 'return_key', (tx, move, who) => {
		const data = parseInput(keyReturnSchema, input);
		let missingMinor: number | null = null;
		if (data.missing) {
			missingMinor = parseAmountMinor(data.price);
			if (missingMinor === null || missingMinor <= 0) throw new InputError('price', m.moves_amount_invalid());
		}
		return returnKey(tx, move, who, { keyId: data.keyId, missingMinor }, now);
	});
}

/** A damage found at the inspection, priced (minor units). */
export function priceMoveOutDamage(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'price_damage', async (_tx, move) => {
		const data = parseInput(damageSchema, input);
		const amountMinor = parseAmountMinor(data.amount);
		if (amountMinor === null || amountMinor <= 0) throw new InputError('amount', m.moves_amount_invalid());
		return {
			event: 'damage_priced',
			note: data.description,
			data: { amountMinor },
			set: { damages: [...move.damages, { description: data.description, amountMinor }] }
		};
	});
}

/** Engineering and security's inspection: power and air-conditioning off, extinguishers back, closing readings taken. */
export function inspectMoveOut(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'inspect', async (tx, move) => {
		const data = parseInput(inspectOutSchema, input);
		if (!data.powerOff) throw new InputError('powerOff', m.moves_check_required());
		if (!data.airConOff) throw new InputError('airConOff', m.moves_check_required());
		if (!data.extinguishersReturned) throw new InputError('extinguishersReturned', m.moves_check_required());
		if ((await readingsOf(tx, move.id)).length === 0) throw new InputError('', m.moves_readings_missing());
		return { event: 'inspected', data, set: { checklist: { ...move.checklist, ...data } } };
	});
}

/** Where the leaving party can be reached: an address and a phone. */
export function leaveForwardingAddress(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'forwarding', async () => {
		const data = parseInput(forwardingSchema, input);
		return { event: 'forwarding_left', data, set: data };
	});
}

/**
 * Finance settles: first the final energy bill from the closing readings (fees/final-bill.ts: what
 * the party used since the last bill, so completion waits until it is paid or waived), then the
 * party's deposit on the unit (if one is held) is refunded minus the priced damages through the
 * refunds flow (fees/refunds.ts createRefund; its approval rules apply). The closing readings must
 * be filed (confirmed by all three) before finance can settle.
 */
export function settleMoveOut(actor: Actor | null | undefined, moveId: string) {
	return moveStep(actor, moveId, 'settle', async (tx, move, who) => {
		const unit = await visibleUnit(who, move.unitId, tx);
		const readings = await readingsOf(tx, move.id);
		if (readings.length === 0 || !readings.every((r) => r.recordedAt !== null)) throw new InputError('', m.moves_readings_missing());
		const [leaving] = move.occupancyId
			? await tx.select({ startsOn: occupancies.startsOn }).from(occupancies).where(eq(occupancies.id, move.occupancyId))
			: [];
		const finalBillId = await issueFinalEnergyBill(tx, {
			unitId: move.unitId,
			party: move.role,
			occupiedFrom: leaving?.startsOn ?? '0001-01-01',
			closingOn: readings[0]!.readOn,
			movedOutOn: move.plannedOn,
			moveId: move.id,
			actorId: who.userId
		});
		const deposit = (await depositsHeld(tx, [move.unitId])).find((d) => d.party === move.role && d.heldMinor > 0);
		let refundId: string | null = null;
		if (deposit) {
			const refund = await createRefund(tx, who, unit, {
				unitId: unit.id,
				kind: 'deposit',
				depositBillId: deposit.billId,
				deductions: move.damages.map((d) => ({ reason: d.description.slice(0, 200), amountMinor: d.amountMinor })),
				reason: m.moves_refund_reason({ unit: unit.number })
			});
			refundId = refund.id;
		}
		const damagesMinor = move.damages.reduce((sum, d) => sum + d.amountMinor, 0);
		return { event: 'settled', data: { refundId, damagesMinor, finalBillId }, set: { refundId } };
	});
}

/** What the leaving party still owes on the unit's open bills of its part of the account (minor units). */
export async function moveOutOwed(executor: Executor, move: Pick<Move, 'unitId' | 'role'>): Promise<number> {
	const open = await executor
		.select({ id: bills.id })
		.from(bills)
		.where(and(eq(bills.unitId, move.unitId), eq(bills.party, move.role), eq(bills.state, 'open')));
	const owed = await billsOutstanding(
		executor,
		open.map((b) => b.id)
	);
	return [...owed.values()].reduce((sum, n) => sum + n, 0);
}

/** A manager lets the move-out complete although money is owed: the reason is on the record. */
export function waiveMoveOutArrears(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'waive', async (tx, move, who) => {
		const data = parseInput(reasonSchema, input);
		const owedMinor = await moveOutOwed(tx, move);
		await recordAudit(tx, {
			actor: who,
			action: 'moves.waive',
			subjectType: 'move',
			subjectId: move.id,
			detail: { owedMinor, reason: data.reason }
		});
		return { event: 'waived', note: data.reason, data: { owedMinor }, set: { waivedBy: who.userId, waivedReason: data.reason } };
	});
}

/**
 * Completes the move-out: refused while the party owes money on the unit unless a manager waived
 * it, and until the closing readings are filed. The occupancy ends on the move-out day (the
 * planned day, or today when completed before it), so from the next day the unit is vacant; the
 * case is filed in the unit's archive.
 */
export function completeMoveOut(actor: Actor | null | undefined, moveId: string, now = new Date()) {
	return moveStep(actor, moveId, 'complete', async (tx, move, who) => {
		const owedMinor = await moveOutOwed(tx, move);
		if (owedMinor > 0 && !move.waivedBy) {
			const { currency } = await feeSettings(tx);
			throw new InputError('', m.moves_out_money_owed({ amount: money(owedMinor, currency) }));
		}
		const readings = await readingsOf(tx, move.id);
		if (readings.length === 0 || !readings.every((r) => allConfirmed(r) && r.recordedAt !== null)) {
			throw new InputError('', m.moves_readings_missing());
		}
		const today = await unitToday(tx, move.unitId, now);
		const endsOn = move.plannedOn < today ? move.plannedOn : today;
		await closeOccupancy(tx, who, move.unitId, { occupancyId: move.occupancyId!, endsOn });
		const party = await partyOf(tx, move);
		await fileInArchive(tx, {
			unitId: move.unitId,
			occupancyId: move.occupancyId,
			moveId: move.id,
			kind: 'move_out',
			sourceType: 'move',
			sourceId: move.id,
			summary: { movedOutOn: endsOn, party: party.name, forwardingAddress: move.forwardingAddress, waived: move.waivedBy !== null },
			actor: who
		});
		await tellDepartments(tx, move, who, 'out');
		// The goods release for the moving-out furniture, issued with the completion (goods-release/).
		const release = await issueMoveOutRelease(tx, {
			unitId: move.unitId,
			occupancyId: move.occupancyId!,
			date: today,
			moveOutId: move.id,
			actor: who
		});
		return {
			event: 'completed',
			data: { endsOn, owedMinor, waived: move.waivedBy !== null, releaseId: release.id, release: release.number },
			set: { doneOn: endsOn }
		};
	});
}

import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { quoteDecisionSchema, quoteReviewSchema, quoteSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { paidServiceItems, repairQuotes } from '../db/schema/index.ts';
import { minorToDecimal } from '#lib/money/index.ts';
import { isUniqueViolation } from '../dictionaries/results.ts';
import { RepairInputError, RepairStateError } from './errors.ts';
import { parseRepairInput } from './intake.ts';
import { staffInEstate } from './people.ts';
import { inEveryLocale, repairReference, tellAboutRepair } from './notices.ts';
import { recordOnOrder, transition } from './transition.ts';
import type { Tx } from '../db/client.ts';
import { issueBill } from '../fees/issue-bill.ts';

export type RepairQuote = typeof repairQuotes.$inferSelect;

/**
 * Work outside the free-service list: the technician quotes items from the paid-service list
 * (prices copied, so a later price change does not alter this quote); a supervisor reviews it.
 */
export async function requestQuote(actor: Actor, repairId: string, raw: unknown): Promise<{ quoteId: string }> {
	const input = parseRepairInput(quoteSchema, raw);
	return transition(actor, repairId, 'quote', async (tx, { order }) => {
		const ids = [...new Set(input.lines.map((l) => l.itemId))];
		const items = await tx
			.select()
			.from(paidServiceItems)
			.where(and(inArray(paidServiceItems.id, ids), eq(paidServiceItems.active, true)));
		const byId = new Map(items.map((i) => [i.id, i]));
		const lines = input.lines.map((line, index) => {
			const item = byId.get(line.itemId);
			if (!item) throw new RepairInputError(`lines[${index}].itemId`, m.repairs_quote_item_required());
			const { code, nameEn, nameZhHans, nameZhHant, unitPriceMinor } = item;
			return { code, nameEn, nameZhHans, nameZhHant, unitPriceMinor, quantity: line.quantity };
		});
		const totalMinor = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
		let quote: RepairQuote;
		try {
			[quote] = (await tx
				.insert(repairQuotes)
				.values({ repairId: order.id, lines, totalMinor, workMinutes: input.workMinutes, note: input.note, createdBy: actor.userId })
				.returning()) as [RepairQuote];
		} catch (err) {
			if (isUniqueViolation(err)) throw new RepairStateError(m.repairs_quote_already_open());
			throw err;
		}
		const supervisors = await staffInEstate(tx, order.estateId, ['engineering_supervisor']);
		await tellAboutRepair(tx, order, 'quote_to_review', { userIds: supervisors.map((s) => s.id), audience: 'staff' }, { total: minorToDecimal(totalMinor) });
		return { note: input.note, data: { quoteId: quote.id, totalMinor, workMinutes: input.workMinutes }, result: { quoteId: quote.id } };
	});
}

async function openQuote(tx: Parameters<Parameters<typeof recordOnOrder>[3]>[0], repairId: string, quoteId: string, state: RepairQuote['state']) {
	const [quote] = isUuid(quoteId)
		? await tx
				.select()
				.from(repairQuotes)
				.where(and(eq(repairQuotes.id, quoteId), eq(repairQuotes.repairId, repairId)))
				.for('update')
		: [];
	if (!quote) error(404, 'Not found');
	if (quote.state !== state) throw new RepairStateError();
	return quote;
}

/** A supervisor approves the quote (it goes to the resident) or rejects it (back to the technician). */
export async function reviewQuote(actor: Actor, repairId: string, quoteId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(quoteReviewSchema, raw);
	return recordOnOrder(actor, repairId, input.decision === 'approve' ? 'quote_approved' : 'quote_rejected', async (tx, { order, capacities }) => {
		if (!capacities.has('supervisor')) error(403, 'Forbidden');
		if (order.state !== 'in_progress') throw new RepairStateError();
		const quote = await openQuote(tx, order.id, quoteId, 'pending_approval');
		const now = new Date();
		if (input.decision === 'approve') {
			await tx.update(repairQuotes).set({ state: 'awaiting_resident', approvedBy: actor.userId, approvedAt: now }).where(eq(repairQuotes.id, quote.id));
			await tellAboutRepair(tx, order, 'quote_for_you', { userIds: [order.requesterId], audience: 'resident' }, { total: minorToDecimal(quote.totalMinor) }, [
				'inbox',
				'email',
				'sms'
			]);
		} else {
			await tx
				.update(repairQuotes)
				.set({ state: 'rejected', decidedBy: actor.userId, decidedAt: now, decisionNote: input.note })
				.where(eq(repairQuotes.id, quote.id));
		}
		await tellAboutRepair(tx, order, 'quote_decided', { userIds: [order.technicianId], audience: 'staff' }, {
			decision: input.decision === 'approve' ? decisionNames.approved : decisionNames.rejected
		});
		return { note: input.note, data: { quoteId: quote.id, totalMinor: quote.totalMinor } };
	});
}

const decisionNames = {
	approved: inEveryLocale(m.repairs_quote_decision_approved),
	rejected: inEveryLocale(m.repairs_quote_decision_rejected),
	accepted: inEveryLocale(m.repairs_quote_decision_accepted),
	declined: inEveryLocale(m.repairs_quote_decision_declined)
};

/** The bill of an accepted quote: its lines at the quoted prices; one bill per quote (issueBill keys it by the quote). */
async function billAcceptedQuote(tx: Tx, quote: RepairQuote, order: { unitId: string; seq: number; occupancyId: string | null }, actor: Actor) {
	if (quote.totalMinor <= 0) return null;
	return issueBill(tx, {
		unitId: order.unitId,
		// A paid service is billed to the occupancy whose repair it is (fees/parties.ts).
		payer: { occupancyId: order.occupancyId },
		source: 'paid_service',
		sourceId: quote.id,
		lines: quote.lines.map((line) => ({
			feeItemId: null,
			nameEn: line.nameEn,
			nameZhHans: line.nameZhHans,
			nameZhHant: line.nameZhHant,
			quantity: String(line.quantity),
			priceMicro: line.unitPriceMinor * 10_000
		})),
		actorId: actor.userId,
		note: `repair ${repairReference(order)}`
	});
}

/** The resident accepts the approved quote (paid work may start) or declines it (it is not done). */
export async function decideQuote(actor: Actor, repairId: string, quoteId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(quoteDecisionSchema, raw);
	return recordOnOrder(actor, repairId, input.decision === 'accept' ? 'quote_accepted' : 'quote_declined', async (tx, { order, capacities }) => {
		if (!capacities.has('resident')) error(403, 'Forbidden');
		if (order.state !== 'in_progress') throw new RepairStateError();
		const quote = await openQuote(tx, order.id, quoteId, 'awaiting_resident');
		await tx
			.update(repairQuotes)
			.set({ state: input.decision === 'accept' ? 'accepted' : 'declined', decidedBy: actor.userId, decidedAt: new Date(), decisionNote: input.note })
			.where(eq(repairQuotes.id, quote.id));
		// An accepted paid service (有償服務) is billed to the unit at once, in this transaction.
		const bill = input.decision === 'accept' ? await billAcceptedQuote(tx, quote, order, actor) : null;
		await tellAboutRepair(tx, order, 'quote_decided', { userIds: [order.technicianId], audience: 'staff' }, {
			decision: input.decision === 'accept' ? decisionNames.accepted : decisionNames.declined
		});
		return { note: input.note, data: { quoteId: quote.id, totalMinor: quote.totalMinor, ...(bill ? { billId: bill.billId } : {}) } };
	});
}

import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { money } from '#lib/money/index.ts';
import { quoteDecisionSchema, quoteReviewSchema, quoteSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError, StaleStateError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { paidServiceItems, repairQuotes } from '../db/schema/index.ts';
import type { Tx } from '../db/client.ts';
import { issueBill } from '../fees/issue-bill.ts';
import type { LoadedRepair } from './access.ts';
import { quoteMachine, quoteStep, type QuoteAction } from './quote-machine.ts';
import { staffInEstate } from './people.ts';
import { inEveryLocale, repairReference, tellAboutRepair } from './notices.ts';
import { takeAction } from './transition.ts';

export type RepairQuote = typeof repairQuotes.$inferSelect;

/** A total as the recipient reads it, in each language. */
const totalText = (minor: number, currency: string) => ({
	en: money(minor, currency, 'en'),
	'zh-Hans': money(minor, currency, 'zh-Hans'),
	'zh-Hant': money(minor, currency, 'zh-Hant')
});

/**
 * Work outside the free-service list: the technician quotes items from the paid-service list
 * (prices copied, so a later price change does not alter this quote); a supervisor reviews it.
 */
export async function requestQuote(actor: Actor, repairId: string, raw: unknown): Promise<{ quoteId: string }> {
	const input = parseInput(quoteSchema, raw);
	return takeAction(actor, repairId, 'quote', async (tx, { order }) => {
		const ids = [...new Set(input.lines.map((l) => l.itemId))];
		const items = await tx
			.select()
			.from(paidServiceItems)
			.where(and(inArray(paidServiceItems.id, ids), eq(paidServiceItems.active, true)));
		const byId = new Map(items.map((i) => [i.id, i]));
		const lines = input.lines.map((line, index) => {
			const item = byId.get(line.itemId);
			if (!item) throw new InputError(`lines[${index}].itemId`, m.repairs_quote_item_required());
			const { code, nameEn, nameZhHans, nameZhHant, unitPriceMinor } = item;
			return { code, nameEn, nameZhHans, nameZhHant, unitPriceMinor, quantity: line.quantity };
		});
		const totalMinor = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
		const [quote] = await tx
			.insert(repairQuotes)
			.values({ repairId: order.id, lines, totalMinor, workMinutes: input.workMinutes, note: input.note, createdBy: actor.userId })
			.returning()
			// Two quotes at once: the index keeping one quote in play per order decides.
			.catch((err: unknown) => rethrowUnique(err, { repair_quotes_one_open: () => new StaleStateError(m.repairs_quote_already_open()) }));
		const supervisors = await staffInEstate(tx, order.estateId, ['engineering_supervisor']);
		await tellAboutRepair(
			tx,
			order,
			'quote_to_review',
			{ userIds: supervisors.map((s) => s.id), audience: 'staff' },
			{
				total: totalText(totalMinor, quote!.currency)
			}
		);
		return {
			note: input.note,
			data: { quoteId: quote!.id, totalMinor, currency: quote!.currency, workMinutes: input.workMinutes },
			result: { quoteId: quote!.id }
		};
	});
}

/** The quote of this order, locked, moved by one step of its machine; 404 for another order's quote. */
async function stepQuote(
	tx: Tx,
	loaded: LoadedRepair,
	quoteId: string,
	step: QuoteAction
): Promise<{ quote: RepairQuote; next: RepairQuote['state'] }> {
	const [quote] = isUuid(quoteId)
		? await tx
				.select()
				.from(repairQuotes)
				.where(and(eq(repairQuotes.id, quoteId), eq(repairQuotes.repairId, loaded.order.id)))
				.for('update')
		: [];
	if (!quote) error(404, 'Not found');
	return { quote, next: quoteMachine.take(quote.state, step, loaded.capacities, m.repairs_state_changed()) };
}

/** A supervisor approves the quote (it goes to the resident) or rejects it (back to the technician). */
export async function reviewQuote(actor: Actor, repairId: string, quoteId: string, raw: unknown): Promise<void> {
	const input = parseInput(quoteReviewSchema, raw);
	const step = input.decision === 'approve' ? 'approve' : 'reject';
	return takeAction(actor, repairId, quoteStep[step], async (tx, loaded) => {
		const { order } = loaded;
		const { quote, next } = await stepQuote(tx, loaded, quoteId, step);
		const now = new Date();
		if (step === 'approve') {
			await tx.update(repairQuotes).set({ state: next, approvedBy: actor.userId, approvedAt: now }).where(eq(repairQuotes.id, quote.id));
			await tellAboutRepair(
				tx,
				order,
				'quote_for_you',
				{ userIds: [order.requesterId], audience: 'resident' },
				{ total: totalText(quote.totalMinor, quote.currency) },
				['inbox', 'email', 'sms']
			);
		} else {
			await tx
				.update(repairQuotes)
				.set({ state: next, decidedBy: actor.userId, decidedAt: now, decisionNote: input.note })
				.where(eq(repairQuotes.id, quote.id));
		}
		await tellAboutRepair(
			tx,
			order,
			'quote_decided',
			{ userIds: [order.technicianId], audience: 'staff' },
			{ decision: decisionNames[step] }
		);
		return { note: input.note, data: { quoteId: quote.id, totalMinor: quote.totalMinor, currency: quote.currency } };
	});
}

const decisionNames: Record<QuoteAction, ReturnType<typeof inEveryLocale>> = {
	approve: inEveryLocale(m.repairs_quote_decision_approved),
	reject: inEveryLocale(m.repairs_quote_decision_rejected),
	accept: inEveryLocale(m.repairs_quote_decision_accepted),
	decline: inEveryLocale(m.repairs_quote_decision_declined)
};

/** The bill of an accepted quote: its lines at the quoted prices; one bill per quote (issueBill keys it by the quote). */
async function billAcceptedQuote(
	tx: Tx,
	quote: RepairQuote,
	order: { unitId: string; seq: number; occupancyId: string | null },
	actor: Actor
) {
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
	const input = parseInput(quoteDecisionSchema, raw);
	const step = input.decision === 'accept' ? 'accept' : 'decline';
	return takeAction(actor, repairId, quoteStep[step], async (tx, loaded) => {
		const { order } = loaded;
		const { quote, next } = await stepQuote(tx, loaded, quoteId, step);
		await tx
			.update(repairQuotes)
			.set({ state: next, decidedBy: actor.userId, decidedAt: new Date(), decisionNote: input.note })
			.where(eq(repairQuotes.id, quote.id));
		// An accepted paid service (有償服務) is billed to the unit at once, in this transaction.
		const bill = step === 'accept' ? await billAcceptedQuote(tx, quote, order, actor) : null;
		await tellAboutRepair(
			tx,
			order,
			'quote_decided',
			{ userIds: [order.technicianId], audience: 'staff' },
			{ decision: decisionNames[step] }
		);
		return {
			note: input.note,
			data: { quoteId: quote.id, totalMinor: quote.totalMinor, currency: quote.currency, ...(bill ? { billId: bill.billId } : {}) }
		};
	});
}

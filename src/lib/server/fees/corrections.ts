/**
 * Bill corrections (rule 6; rule 10: an original record is never edited, a correction is a new
 * entry). A wrong bill stays as it was issued; the desk (fees.manage) corrects it through the
 * ledger, with a reason:
 *   void         the bill is marked void and its charge reversed: a 'reversal' entry of −what it
 *                owed. Only a bill nothing has been paid on (and no checkout is open for): money
 *                received is corrected by a credit note instead. The corrected bill may then be
 *                reissued (issue-bill.ts), once.
 *   credit_note  a numbered credit note (credit_notes, append-only) and a 'credit_note' entry of
 *                −amount on the bill, at most what was billed less earlier credit notes. On an open
 *                bill it lowers what the bill owes; one that covers it settles the bill ('paid'),
 *                and what it credits beyond that — like a credit note on a paid bill — stays on the
 *                party's account as credit (refunds.ts can pay it out).
 *   adjust_line  one line corrected to a new quantity × price. Lower: a credit note for the
 *                difference, as above. Higher: a new one-off bill for the difference.
 *   write_off    what an open bill still owes, as bad debt: a 'write_off' entry on the bill, which
 *                is then 'written_off'. The office's reason is its own record.
 * A correction taking off more than fee_settings.correctionApprovalMinor waits for a manager who
 * did not ask for it (correction-machine.ts, approval.ts); it is applied — ledger, bill state,
 * credit note, events and the audit row — in the one transaction that approves it, after checking
 * that the bill has not changed meanwhile. A deposit bill (money held in trust: deposits.ts) is
 * credited only while it is open, and by no more than it owes; a deposit or renovation fee (which a
 * renovation application waits on) is corrected by credit notes only.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { lineAmount, money, parsePriceMicro, parseQuantity, priceToDecimal } from '#lib/money/index.ts';
import { billReference, correctionReference, creditNoteReference } from '#lib/references.ts';
import { businessToday } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, queryRows, type Executor, type Tx } from '../db/client.ts';
import { billCorrections, billLines, bills, creditNotes, estates, openCheckouts, users, type CorrectedLine } from '../db/schema/index.ts';
import { listEventsWithActors, recordAudit, recordEvent } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { notify } from '../notify/notify.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { visibleUnit, type UnitHeader } from '../property/units.ts';
import { approversToTell, decisionNote, tellApprovalStep, type ApprovalDecisionInput, type ApprovalNotice } from './approval.ts';
import { billMachine, CORRECTION, type BillState } from './bill-machine.ts';
import type { CorrectionKind } from '#lib/schemas/corrections.ts';
import {
	correctionCapacities,
	correctionMachine,
	initialCorrectionState,
	type CorrectionAction,
	type CorrectionState
} from './correction-machine.ts';
import { issueBill, type IssueBillLine } from './issue-bill.ts';
import { billOutstanding, postEntry } from './ledger.ts';
import { billsPaid } from './paid-listeners.ts';
import { partyRecipients, type Party } from './parties.ts';
import { feeSettings } from './settings.ts';

export type BillCorrection = typeof billCorrections.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;

type BillRow = typeof bills.$inferSelect;
type BillSource = BillRow['source'];

const MAX_REASON = 1000;

// ——— What a bill stands at ———

export interface CorrectableLine {
	id: string;
	feeItemId: string | null;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	quantity: string;
	priceMicro: number;
	/** As issued. */
	amountMinor: number;
	/** As it stands after earlier line adjustments: what the next adjustment starts from. */
	currentMinor: number;
}

/** A bill with what was paid, credited and is still owed, and its lines as they stand. */
export interface BillFacts {
	bill: BillRow;
	/** Succeeded payments allocated to it. */
	paidMinor: number;
	/** Credit notes issued against it (including lines lowered). */
	creditedMinor: number;
	/** What it still owes (ledger.ts); 0 once it is not open. */
	owedMinor: number;
	/** Whether an online checkout for it is waiting for the provider. */
	checkoutOpen: boolean;
	lines: CorrectableLine[];
}

async function billFacts(executor: Executor, bill: BillRow): Promise<BillFacts> {
	const [[money_], lines, adjusted, checkout] = await Promise.all([
		queryRows<{ paid: string | number; credited: string | number }>(
			executor,
			sql`select
				coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
					where pa.bill_id = ${bill.id}::uuid and p.state = 'succeeded'), 0)::bigint as paid,
				coalesce((select sum(cn.amount_minor) from credit_notes cn where cn.bill_id = ${bill.id}::uuid), 0)::bigint as credited`
		),
		executor.select().from(billLines).where(eq(billLines.billId, bill.id)).orderBy(asc(billLines.sort), asc(billLines.id)),
		executor
			.select({ line: billCorrections.line })
			.from(billCorrections)
			.where(
				and(
					eq(billCorrections.billId, bill.id),
					eq(billCorrections.kind, 'adjust_line'),
					inArray(billCorrections.state, ['applied', 'reissued'])
				)
			)
			.orderBy(asc(billCorrections.appliedAt), asc(billCorrections.seq)),
		executor.select({ billId: openCheckouts.billId }).from(openCheckouts).where(eq(openCheckouts.billId, bill.id))
	]);
	const current = new Map<string, number>();
	for (const { line } of adjusted) if (line) current.set(line.lineId, line.afterMinor);
	return {
		bill,
		paidMinor: Number(money_!.paid),
		creditedMinor: Number(money_!.credited),
		owedMinor: bill.state === 'open' ? await billOutstanding(executor, bill.id) : 0,
		checkoutOpen: checkout.length > 0,
		lines: lines.map((l) => ({
			id: l.id,
			feeItemId: l.feeItemId,
			nameEn: l.nameEn,
			nameZhHans: l.nameZhHans,
			nameZhHant: l.nameZhHant,
			quantity: l.quantity,
			priceMicro: l.priceMicro,
			amountMinor: l.amountMinor,
			currentMinor: current.get(l.id) ?? l.amountMinor
		}))
	};
}

/** What may still be credited: what was billed less the credit notes already issued (a paid deposit: nothing). */
function creditable(facts: BillFacts): number {
	const { bill } = facts;
	if (bill.source === 'deposit') return bill.state === 'open' ? facts.owedMinor : 0;
	if (bill.state !== 'open' && bill.state !== 'paid') return 0;
	return Math.max(0, bill.totalMinor - facts.creditedMinor);
}

/** Why each kind of correction cannot be asked for this bill now (a message), or null when it can. */
function correctionRefusals(facts: BillFacts): Record<CorrectionKind, string | null> {
	const { bill } = facts;
	const open = bill.state === 'open';
	const paying = facts.checkoutOpen ? m.corrections_refused_checkout() : null;
	const closed = bill.state === 'void' ? m.corrections_refused_void() : m.corrections_refused_written_off();
	// A renovation application waits for its deposit and fees to be paid (renovations/fees.ts): a
	// credit note (which settles what it covers) corrects them, never a void or a write-off.
	const waitedOn = bill.source === 'deposit' || bill.source === 'renovation' ? m.corrections_refused_renovation() : null;
	return {
		void: !open
			? m.corrections_refused_not_open()
			: (waitedOn ??
				(facts.paidMinor > 0 ? m.corrections_refused_void_paid() : facts.owedMinor <= 0 ? m.corrections_refused_nothing_owed() : paying)),
		write_off: !open
			? m.corrections_refused_not_open()
			: (waitedOn ?? (facts.owedMinor <= 0 ? m.corrections_refused_nothing_owed() : paying)),
		credit_note:
			bill.state === 'void' || bill.state === 'written_off'
				? closed
				: creditable(facts) <= 0
					? m.corrections_refused_nothing_to_credit()
					: null,
		adjust_line: bill.state === 'void' || bill.state === 'written_off' ? closed : null
	};
}

// ——— Asking for a correction ———

export interface CorrectionRequestInput {
	billId: string;
	kind: CorrectionKind;
	reason: string;
	/** credit_note: how much to credit. */
	amountMinor?: number | null;
	/** adjust_line: the line, and the quantity and unit price it should have had. */
	lineId?: string | null;
	quantity?: string | null;
	priceMicro?: number | null;
}

/** The bill locked for a correction, if the actor's estates hold it (else 404). */
async function lockBill(tx: Tx, actor: Actor, billId: string): Promise<BillRow> {
	if (!isUuid(billId)) error(404, 'Not found');
	const [bill] = await tx.select().from(bills).where(eq(bills.id, billId)).for('update');
	if (!bill || !canSeeEstate(actor, bill.estateId)) error(404, 'Not found');
	return bill;
}

/** What a correction of this kind would do to the bill as it stands: the amount it takes off (or adds), and the line. */
function workOut(
	facts: BillFacts,
	input: Omit<CorrectionRequestInput, 'billId' | 'reason'>
): { amountMinor: number; line: CorrectedLine | null; raise: boolean } {
	const refused = correctionRefusals(facts)[input.kind];
	if (refused) throw new InputError('kind', refused);
	const most = creditable(facts);
	switch (input.kind) {
		case 'void':
		case 'write_off':
			return { amountMinor: facts.owedMinor, line: null, raise: false };
		case 'credit_note': {
			const amount = input.amountMinor ?? 0;
			if (!Number.isSafeInteger(amount) || amount <= 0) throw new InputError('amount', m.corrections_amount_positive());
			if (amount > most) throw new InputError('amount', m.corrections_amount_too_much({ most: money(most, facts.bill.currency) }));
			return { amountMinor: amount, line: null, raise: false };
		}
		case 'adjust_line': {
			const line = facts.lines.find((l) => l.id === input.lineId);
			if (!line) throw new InputError('lineId', m.corrections_line_required());
			const quantity = input.quantity ? parseQuantity(input.quantity) : null;
			if (quantity === null) throw new InputError('quantity', m.corrections_quantity_invalid());
			const priceMicro = input.priceMicro ?? null;
			if (priceMicro === null || !Number.isSafeInteger(priceMicro) || priceMicro < 0)
				throw new InputError('unitPrice', m.corrections_price_invalid());
			let after: number;
			try {
				after = lineAmount(quantity, priceMicro);
			} catch {
				throw new InputError('unitPrice', m.corrections_price_invalid());
			}
			if (!Number.isSafeInteger(after) || after > 2_147_483_647) throw new InputError('unitPrice', m.corrections_price_invalid());
			const difference = after - line.currentMinor;
			if (difference === 0) throw new InputError('quantity', m.corrections_line_unchanged());
			if (difference < 0 && -difference > most) {
				throw new InputError('quantity', m.corrections_amount_too_much({ most: money(most, facts.bill.currency) }));
			}
			return {
				amountMinor: Math.abs(difference),
				raise: difference > 0,
				line: {
					lineId: line.id,
					nameEn: line.nameEn,
					nameZhHans: line.nameZhHans,
					nameZhHant: line.nameZhHant,
					beforeMinor: line.currentMinor,
					quantity,
					priceMicro,
					afterMinor: after
				}
			};
		}
	}
}

/**
 * Asks for a correction of a bill (fees.manage, the bill in the actor's estates): at or below the
 * threshold (or a line raised) it is applied at once; above it, it waits for a manager, who is told.
 * Input the user must fix is an InputError at its field.
 */
export async function requestCorrection(
	actor: Actor | null | undefined,
	input: CorrectionRequestInput,
	options: { now?: Date } = {}
): Promise<{ correctionId: string; state: CorrectionState }> {
	requireStaff(actor, 'fees.manage');
	const reason = input.reason.trim();
	if (!reason) throw new InputError('reason', m.corrections_reason_required());
	if (reason.length > MAX_REASON) throw new InputError('reason', m.field_too_long({ max: MAX_REASON }));
	const now = options.now ?? new Date();
	return db().transaction(async (tx) => {
		const bill = await lockBill(tx, actor, input.billId);
		const [waiting] = await tx
			.select({ id: billCorrections.id })
			.from(billCorrections)
			.where(and(eq(billCorrections.billId, bill.id), eq(billCorrections.state, 'requested')));
		if (waiting) throw new InputError('kind', m.corrections_refused_waiting());
		const facts = await billFacts(tx, bill);
		const worked = workOut(facts, input);
		const settings = await feeSettings(tx);
		const { state, needsApproval } = initialCorrectionState(worked.raise ? 0 : worked.amountMinor, settings.correctionApprovalMinor);
		const [row] = await tx
			.insert(billCorrections)
			.values({
				kind: input.kind,
				state: 'requested',
				estateId: bill.estateId,
				unitId: bill.unitId,
				billId: bill.id,
				party: bill.party,
				amountMinor: worked.amountMinor,
				currency: bill.currency,
				line: worked.line,
				reason,
				needsApproval,
				requestedBy: actor.userId
			})
			.returning();
		const correction = row!;
		const data = { kind: correction.kind, amountMinor: correction.amountMinor, raise: worked.raise, needsApproval, billId: bill.id };
		await recordEvent(tx, {
			actor,
			subjectType: 'bill_correction',
			subjectId: correction.id,
			kind: 'request',
			to: state,
			note: reason,
			data
		});
		if (needsApproval) {
			await recordAudit(tx, {
				actor,
				action: 'correction.request',
				subjectType: 'bill_correction',
				subjectId: correction.id,
				detail: data
			});
			const approvers = await approversToTell(tx, bill.estateId, 'corrections.approve', actor.userId);
			await tellStaff(tx, approvers, correction, bill, 'approval');
		} else {
			await applyCorrection(tx, actor, correction, bill, now);
		}
		return { correctionId: correction.id, state };
	});
}

// ——— Applying ———

/** Names of a new line in the three languages, from a message. */
function names(message: (locale: Locale) => string): Pick<IssueBillLine, 'nameEn' | 'nameZhHans' | 'nameZhHant'> {
	return { nameEn: message('en'), nameZhHans: message('zh-Hans'), nameZhHant: message('zh-Hant') };
}

/**
 * Applies a correction in the caller's transaction, the bill locked: checks the bill still stands
 * where the request found it (else the request must be asked again), then writes the ledger, the
 * bill's new state, the credit note or the new bill, the events and the audit row.
 */
async function applyCorrection(tx: Tx, actor: Actor, correction: BillCorrection, bill: BillRow, now: Date): Promise<void> {
	const facts = await billFacts(tx, bill);
	let worked: ReturnType<typeof workOut>;
	try {
		worked = workOut(facts, {
			kind: correction.kind,
			amountMinor: correction.amountMinor,
			lineId: correction.line?.lineId,
			quantity: correction.line?.quantity,
			priceMicro: correction.line?.priceMicro
		});
	} catch (err) {
		if (err instanceof InputError) throw new InputError('', m.corrections_bill_changed());
		throw err;
	}
	const raised = correction.line ? correction.line.afterMinor > correction.line.beforeMinor : false;
	if (
		worked.amountMinor !== correction.amountMinor ||
		worked.raise !== raised ||
		worked.line?.beforeMinor !== correction.line?.beforeMinor
	) {
		throw new InputError('', m.corrections_bill_changed());
	}
	const today = businessToday(await estateZoneOf(tx, bill.estateId), now);
	const reference = billReference(bill.seq);
	const entry = {
		unitId: bill.unitId,
		party: bill.party,
		currency: bill.currency,
		effectiveOn: today,
		billId: bill.id,
		createdBy: actor.userId
	};
	const event = {
		actor,
		subjectType: 'bill' as const,
		subjectId: bill.id,
		from: bill.state,
		note: correction.reason,
		data: { correctionId: correction.id }
	};
	let creditNote: CreditNote | null = null;
	let issuedBillId: string | null = null;

	if (correction.kind === 'void') {
		const to = billMachine.take(bill.state, 'void', CORRECTION);
		await postEntry(tx, { ...entry, kind: 'reversal', amountMinor: -correction.amountMinor, note: correction.reason });
		await tx.update(bills).set({ state: to }).where(eq(bills.id, bill.id));
		await recordEvent(tx, { ...event, kind: 'void', to });
	} else if (correction.kind === 'write_off') {
		const to = billMachine.take(bill.state, 'write_off', CORRECTION);
		await postEntry(tx, { ...entry, kind: 'write_off', amountMinor: -correction.amountMinor, note: correction.reason });
		await tx.update(bills).set({ state: to }).where(eq(bills.id, bill.id));
		await recordEvent(tx, { ...event, kind: 'write_off', to });
	} else if (worked.raise) {
		// A line raised: the difference is a new one-off bill of the same party and month.
		const line = correction.line!;
		const issued = await issueBill(tx, {
			unitId: bill.unitId,
			payer: bill.occupancyId ? { occupancyId: bill.occupancyId } : { party: bill.party },
			source: 'manual',
			sourceId: correction.id,
			period: bill.period,
			lines: [
				{
					feeItemId: facts.lines.find((l) => l.id === line.lineId)?.feeItemId ?? null,
					...names((locale) => m.corrections_raise_line_name({ name: localName(line, locale), bill: reference }, { locale })),
					quantity: '1',
					priceMicro: correction.amountMinor * 10_000
				}
			],
			issuedOn: today,
			actorId: actor.userId,
			note: correction.reason
		});
		issuedBillId = issued.billId;
	} else {
		// A credit note: the whole bill's credit, or a line lowered.
		const line = correction.line;
		const lines = [
			{
				...(line
					? names((locale) =>
							m.corrections_lower_line_name(
								{
									name: localName(line, locale),
									before: money(line.beforeMinor, bill.currency, locale),
									after: money(line.afterMinor, bill.currency, locale)
								},
								{ locale }
							)
						)
					: names((locale) => m.corrections_credit_line_name({ bill: reference }, { locale }))),
				amountMinor: correction.amountMinor
			}
		];
		const [note] = await tx
			.insert(creditNotes)
			.values({
				correctionId: correction.id,
				billId: bill.id,
				unitId: bill.unitId,
				estateId: bill.estateId,
				party: bill.party,
				amountMinor: correction.amountMinor,
				currency: bill.currency,
				issuedOn: today,
				reason: correction.reason,
				lines,
				createdBy: actor.userId
			})
			.returning();
		creditNote = note!;
		await postEntry(tx, { ...entry, kind: 'credit_note', amountMinor: -correction.amountMinor, note: creditNoteReference(creditNote.seq) });
		// Covering what an open bill owed settles it; the rest of the credit stays on the account.
		const settles = bill.state === 'open' && correction.amountMinor >= facts.owedMinor;
		const to = billMachine.take(bill.state, settles ? 'settle' : 'credit', CORRECTION);
		if (settles) {
			await tx.update(bills).set({ state: to, paidAt: now }).where(eq(bills.id, bill.id));
			await billsPaid(tx, [bill.id]);
		}
		await recordEvent(tx, { ...event, kind: settles ? 'settle' : 'credit', to, data: { ...event.data, creditNoteId: creditNote.id } });
	}

	await tx.update(billCorrections).set({ state: 'applied', appliedAt: now, issuedBillId }).where(eq(billCorrections.id, correction.id));
	await recordEvent(tx, {
		actor,
		subjectType: 'bill_correction',
		subjectId: correction.id,
		kind: 'apply',
		from: correction.state,
		to: 'applied',
		data: { creditNoteId: creditNote?.id ?? null, issuedBillId }
	});
	await recordAudit(tx, {
		actor,
		action: `bill.${correction.kind}`,
		subjectType: 'bill_correction',
		subjectId: correction.id,
		detail: {
			bill: reference,
			billId: bill.id,
			unitId: bill.unitId,
			amountMinor: correction.amountMinor,
			reason: correction.reason,
			...(creditNote ? { creditNote: creditNoteReference(creditNote.seq) } : {}),
			...(issuedBillId ? { issuedBillId } : {})
		}
	});
	if (correction.kind !== 'write_off') await tellResidents(tx, correction, bill, creditNote);
}

function localName(line: Pick<CorrectedLine, 'nameEn' | 'nameZhHans' | 'nameZhHant'>, locale: Locale): string {
	return (locale === 'zh-Hans' ? line.nameZhHans : locale === 'zh-Hant' ? line.nameZhHant : line.nameEn) || line.nameEn;
}

async function estateZoneOf(executor: Executor, estateId: string): Promise<{ timeZone: string }> {
	const [row] = await executor.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, estateId));
	return { timeZone: row!.timeZone };
}

// ——— Deciding and reissuing ———

/** The correction locked for a change, if the actor's estates hold it (else 404). */
async function lockCorrection(tx: Tx, actor: Actor, correctionId: string): Promise<BillCorrection> {
	if (!isUuid(correctionId)) error(404, 'Not found');
	const [correction] = await tx.select().from(billCorrections).where(eq(billCorrections.id, correctionId)).for('update');
	if (!correction || !canSeeEstate(actor, correction.estateId)) error(404, 'Not found');
	return correction;
}

function take(actor: Actor, correction: BillCorrection, action: CorrectionAction): CorrectionState {
	return correctionMachine.take(correction.state, action, correctionCapacities(actor, correction), m.corrections_state_changed());
}

/**
 * Approves (and so applies) or rejects a waiting correction (corrections.approve, not the
 * requester; a rejection says why). An approval of a bill that changed since the request is
 * refused with a message: the approver rejects it and the desk asks again.
 */
export async function decideCorrection(
	actor: Actor | null | undefined,
	correctionId: string,
	input: ApprovalDecisionInput,
	options: { now?: Date } = {}
): Promise<CorrectionState> {
	requireStaff(actor, 'corrections.approve');
	const note = decisionNote(input, m.corrections_reject_note_required);
	const now = options.now ?? new Date();
	return db().transaction(async (tx) => {
		// The bill first, then the correction: the order requestCorrection locks them in.
		const [head] = isUuid(correctionId)
			? await tx.select({ billId: billCorrections.billId }).from(billCorrections).where(eq(billCorrections.id, correctionId))
			: [];
		if (!head) error(404, 'Not found');
		const bill = await lockBill(tx, actor, head.billId);
		const correction = await lockCorrection(tx, actor, correctionId);
		const to = take(actor, correction, input.decision);
		await tx
			.update(billCorrections)
			.set({ state: to, decidedBy: actor.userId, decidedAt: now, decisionNote: note })
			.where(eq(billCorrections.id, correction.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'bill_correction',
			subjectId: correction.id,
			kind: input.decision,
			from: correction.state,
			to,
			note
		});
		await recordAudit(tx, {
			actor,
			action: `correction.${input.decision}`,
			subjectType: 'bill_correction',
			subjectId: correction.id,
			detail: { bill: billReference(bill.seq), kind: correction.kind, amountMinor: correction.amountMinor, note }
		});
		if (input.decision === 'approve') await applyCorrection(tx, actor, { ...correction, state: 'requested' }, bill, now);
		await tellStaff(
			tx,
			[correction.requestedBy].filter((id) => id !== actor.userId),
			correction,
			bill,
			input.decision === 'approve' ? 'approved' : 'rejected'
		);
		return to;
	});
}

export interface ReissueLineInput {
	/** Decimal strings as typed; a line left at quantity 0 is dropped. */
	quantity: string;
	unitPrice: string;
}

/**
 * Issues the corrected bill after a void (fees.manage): the voided bill's lines with the quantities
 * and prices typed (a line at 0 left out), to the same party (and asking occupancy) and month, as a
 * one-off bill through issue-bill.ts. Once per void.
 */
export async function reissueBill(
	actor: Actor | null | undefined,
	correctionId: string,
	input: { lines: readonly ReissueLineInput[] },
	options: { now?: Date } = {}
): Promise<{ billId: string; seq: number; totalMinor: number }> {
	requireStaff(actor, 'fees.manage');
	const now = options.now ?? new Date();
	return db().transaction(async (tx) => {
		const correction = await lockCorrection(tx, actor, correctionId);
		const to = take(actor, correction, 'reissue');
		const [voided] = await tx.select().from(bills).where(eq(bills.id, correction.billId));
		const lines = await tx.select().from(billLines).where(eq(billLines.billId, voided!.id)).orderBy(asc(billLines.sort), asc(billLines.id));
		if (input.lines.length !== lines.length) throw new InputError('', m.corrections_reissue_lines_changed());
		const issued: IssueBillLine[] = [];
		for (const [i, line] of lines.entries()) {
			const typed = input.lines[i]!;
			const quantity = parseQuantity(typed.quantity);
			if (quantity === null) throw new InputError(`quantity[${i}]`, m.corrections_quantity_invalid());
			const priceMicro = parsePriceMicro(typed.unitPrice);
			if (priceMicro === null) throw new InputError(`unitPrice[${i}]`, m.corrections_price_invalid());
			if (Number(quantity) === 0) continue;
			issued.push({
				feeItemId: line.feeItemId,
				nameEn: line.nameEn,
				nameZhHans: line.nameZhHans,
				nameZhHant: line.nameZhHant,
				quantity,
				priceMicro
			});
		}
		const total = issued.reduce((sum, l) => sum + lineAmount(l.quantity, l.priceMicro), 0);
		if (issued.length === 0 || total <= 0 || total > 2_147_483_647) throw new InputError('', m.corrections_reissue_amount_invalid());
		const zone = await estateZoneOf(tx, voided!.estateId);
		const bill = await issueBill(tx, {
			unitId: voided!.unitId,
			payer: voided!.occupancyId ? { occupancyId: voided!.occupancyId } : { party: voided!.party },
			source: 'manual',
			sourceId: correction.id,
			period: voided!.period,
			lines: issued,
			issuedOn: businessToday(zone, now),
			actorId: actor.userId,
			note: m.corrections_reissue_note({ bill: billReference(voided!.seq) }, { locale: 'en' })
		});
		await tx.update(billCorrections).set({ state: to, issuedBillId: bill.billId }).where(eq(billCorrections.id, correction.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'bill_correction',
			subjectId: correction.id,
			kind: 'reissue',
			from: correction.state,
			to,
			data: { billId: bill.billId, totalMinor: bill.totalMinor }
		});
		await recordAudit(tx, {
			actor,
			action: 'bill.reissue',
			subjectType: 'bill_correction',
			subjectId: correction.id,
			detail: { voided: billReference(voided!.seq), bill: billReference(bill.seq), billId: bill.billId, totalMinor: bill.totalMinor }
		});
		return { billId: bill.billId, seq: bill.seq, totalMinor: bill.totalMinor };
	});
}

// ——— Telling people ———

async function tellStaff(tx: Executor, userIds: readonly string[], correction: BillCorrection, bill: BillRow, notice: ApprovalNotice) {
	await tellApprovalStep(tx, userIds, notice, {
		kind: 'correction',
		subject: { type: 'bill_correction', id: correction.id },
		link: `/staff/fees/corrections/${correction.id}`,
		texts: {
			approval: [m.corrections_notice_approval_title, m.corrections_notice_approval_body],
			approved: [m.corrections_notice_approved_title, m.corrections_notice_approved_body],
			rejected: [m.corrections_notice_rejected_title, m.corrections_notice_rejected_body]
		},
		inputs: (locale: Locale) => ({
			reference: correctionReference(correction.seq),
			bill: billReference(bill.seq),
			kind: kindName(correction.kind, locale),
			amount: money(correction.amountMinor, correction.currency, locale)
		})
	});
}

function kindName(kind: CorrectionKind, locale: Locale): string {
	const names = {
		void: m.corrections_kind_void,
		credit_note: m.corrections_kind_credit_note,
		adjust_line: m.corrections_kind_adjust_line,
		write_off: m.corrections_kind_write_off
	} as const;
	return names[kind]({}, { locale });
}

/** The bill's party among the unit's current residents hears that its bill was voided or credited. */
async function tellResidents(tx: Executor, correction: BillCorrection, bill: BillRow, creditNote: CreditNote | null) {
	const occupants = (await currentOccupancies(tx, [bill.unitId])).filter((o) => o.role === bill.party);
	const userIds = await partyRecipients(tx, occupants);
	if (userIds.length === 0) return;
	const inputs = (locale: Locale) => ({
		bill: billReference(bill.seq),
		number: creditNote ? creditNoteReference(creditNote.seq) : '',
		amount: money(correction.amountMinor, correction.currency, locale)
	});
	const [title, body] =
		correction.kind === 'void'
			? ([m.corrections_notice_voided_title, m.corrections_notice_voided_body] as const)
			: creditNote
				? ([m.corrections_notice_credited_title, m.corrections_notice_credited_body] as const)
				: ([m.corrections_notice_raised_title, m.corrections_notice_raised_body] as const);
	await notify(tx, {
		userIds,
		kind: `bill.${correction.kind}`,
		subject: { type: 'bill', id: bill.id },
		link: `/app/bills/${bill.id}`,
		message: (locale) => ({ title: title(inputs(locale), { locale }), body: body(inputs(locale), { locale }) }),
		channels: ['inbox']
	});
}

// ——— Reading: the desk ———

export interface CorrectionBill {
	id: string;
	seq: number;
	state: BillState;
	source: BillSource;
	period: string | null;
	party: Party;
	totalMinor: number;
	currency: string;
	issuedOn: string;
	dueOn: string;
	firstLine: { nameEn: string; nameZhHans: string; nameZhHant: string };
}

function billSummary(bill: BillRow, lines: readonly Pick<CorrectableLine, 'nameEn' | 'nameZhHans' | 'nameZhHant'>[]): CorrectionBill {
	const first = lines[0];
	return {
		id: bill.id,
		seq: bill.seq,
		state: bill.state,
		source: bill.source,
		period: bill.period,
		party: bill.party,
		totalMinor: bill.totalMinor,
		currency: bill.currency,
		issuedOn: bill.issuedOn,
		dueOn: bill.dueOn,
		firstLine: { nameEn: first?.nameEn ?? '', nameZhHans: first?.nameZhHans ?? '', nameZhHant: first?.nameZhHant ?? '' }
	};
}

export interface CorrectionFormContext {
	unit: UnitHeader;
	bill: CorrectionBill;
	paidMinor: number;
	creditedMinor: number;
	owedMinor: number;
	/** The most a credit note may still take off. */
	creditableMinor: number;
	lines: (CorrectableLine & { quantityText: string; unitPriceText: string })[];
	/** Why each kind cannot be asked now, or null when it can. */
	refusals: Record<CorrectionKind, string | null>;
	/** A correction of this bill waiting for approval. */
	waiting: { id: string; reference: string } | null;
	approvalMinor: number;
}

/** What the correction form offers for a bill (fees.manage, the bill in the actor's estates; else 404). */
export async function correctionFormContext(actor: Actor | null | undefined, billId: string): Promise<CorrectionFormContext> {
	requireStaff(actor, 'fees.manage');
	if (!isUuid(billId)) error(404, 'Not found');
	const [bill] = await db().select().from(bills).where(eq(bills.id, billId));
	if (!bill || !canSeeEstate(actor, bill.estateId)) error(404, 'Not found');
	const [unit, facts, settings, waiting] = await Promise.all([
		visibleUnit(actor, bill.unitId),
		billFacts(db(), bill),
		feeSettings(),
		db()
			.select({ id: billCorrections.id, seq: billCorrections.seq })
			.from(billCorrections)
			.where(and(eq(billCorrections.billId, bill.id), eq(billCorrections.state, 'requested')))
	]);
	const refusals = correctionRefusals(facts);
	if (waiting[0]) for (const kind of Object.keys(refusals) as CorrectionKind[]) refusals[kind] ??= m.corrections_refused_waiting();
	return {
		unit,
		bill: billSummary(bill, facts.lines),
		paidMinor: facts.paidMinor,
		creditedMinor: facts.creditedMinor,
		owedMinor: facts.owedMinor,
		creditableMinor: creditable(facts),
		lines: facts.lines.map((l) => ({ ...l, quantityText: l.quantity, unitPriceText: priceToDecimal(l.priceMicro, bill.currency) })),
		refusals,
		waiting: waiting[0] ? { id: waiting[0].id, reference: correctionReference(waiting[0].seq) } : null,
		approvalMinor: settings.correctionApprovalMinor
	};
}

export interface CorrectionRow {
	id: string;
	reference: string;
	kind: CorrectionKind;
	state: CorrectionState;
	needsApproval: boolean;
	amountMinor: number;
	/** A line adjustment that raised the line: the amount was charged on a new bill. */
	raise: boolean;
	currency: string;
	reason: string;
	bill: { id: string; seq: number; source: BillSource; period: string | null };
	unit: { id: string; label: string };
	requestedByName: string;
	/** The day it was asked for, in its estate. */
	requestedOn: string;
	creditNote: { id: string; number: string; href: string } | null;
	issuedBill: { id: string; seq: number } | null;
}

const CORRECTION_PAGE_SIZE = 50;
const correctionFilters = ['waiting', 'applied', 'rejected', 'all'] as const;
export type CorrectionFilter = (typeof correctionFilters)[number];

/** Where a credit note's PDF is served, for staff and the bill's residents alike. */
export function creditNoteHref(id: string): string {
	return `/files/credit-note/${id}`;
}

async function correctionRows(executor: Executor, where: ReturnType<typeof and>, limit: number, offset = 0): Promise<CorrectionRow[]> {
	const issued = sql`(select seq from bills ib where ib.id = ${billCorrections.issuedBillId})`;
	const rows = await executor
		.select({
			c: billCorrections,
			billSeq: bills.seq,
			billSource: bills.source,
			billPeriod: bills.period,
			unit: sql<string>`(select e.code || ' ' || bd.name || ' ' || u.number from units u join buildings bd on bd.id = u.building_id join estates e on e.id = u.estate_id where u.id = ${billCorrections.unitId})`,
			requestedByName: users.name,
			timeZone: estates.timeZone,
			creditNoteId: creditNotes.id,
			creditNoteSeq: creditNotes.seq,
			issuedSeq: sql<string | number | null>`${issued}`
		})
		.from(billCorrections)
		.innerJoin(bills, eq(bills.id, billCorrections.billId))
		.innerJoin(users, eq(users.id, billCorrections.requestedBy))
		.innerJoin(estates, eq(estates.id, billCorrections.estateId))
		.leftJoin(creditNotes, eq(creditNotes.correctionId, billCorrections.id))
		.where(where)
		.orderBy(
			sql`case ${billCorrections.state} when 'requested' then 0 else 1 end`,
			desc(billCorrections.createdAt),
			desc(billCorrections.seq)
		)
		.limit(limit)
		.offset(offset);
	return rows.map((r) => ({
		id: r.c.id,
		reference: correctionReference(r.c.seq),
		kind: r.c.kind,
		state: r.c.state,
		needsApproval: r.c.needsApproval,
		amountMinor: r.c.amountMinor,
		raise: !!r.c.line && r.c.line.afterMinor > r.c.line.beforeMinor,
		currency: r.c.currency,
		reason: r.c.reason,
		bill: { id: r.c.billId, seq: r.billSeq, source: r.billSource, period: r.billPeriod },
		unit: { id: r.c.unitId, label: r.unit },
		requestedByName: r.requestedByName,
		requestedOn: businessToday({ timeZone: r.timeZone }, r.c.createdAt),
		creditNote: r.creditNoteId
			? { id: r.creditNoteId, number: creditNoteReference(r.creditNoteSeq!), href: creditNoteHref(r.creditNoteId) }
			: null,
		issuedBill: r.c.issuedBillId && r.issuedSeq !== null ? { id: r.c.issuedBillId, seq: Number(r.issuedSeq) } : null
	}));
}

/** Corrections of the actor's estates, those waiting for approval first, each newest first. */
export async function listCorrections(
	actor: Actor | null | undefined,
	query: { filter?: string | null; page?: number } = {}
): Promise<{ rows: CorrectionRow[]; filter: CorrectionFilter; page: number; more: boolean }> {
	requireStaff(actor, 'fees.read');
	const filter: CorrectionFilter = (correctionFilters as readonly string[]).includes(query.filter ?? '')
		? (query.filter as CorrectionFilter)
		: 'waiting';
	const page = Number.isSafeInteger(query.page) && query.page! > 0 ? query.page! : 1;
	const states: CorrectionState[] | null =
		filter === 'waiting' ? ['requested'] : filter === 'applied' ? ['applied', 'reissued'] : filter === 'rejected' ? ['rejected'] : null;
	const rows = await correctionRows(
		db(),
		and(inActorEstates(actor, billCorrections.estateId), states ? inArray(billCorrections.state, states) : undefined),
		CORRECTION_PAGE_SIZE + 1,
		(page - 1) * CORRECTION_PAGE_SIZE
	);
	return { rows: rows.slice(0, CORRECTION_PAGE_SIZE), filter, page, more: rows.length > CORRECTION_PAGE_SIZE };
}

const UNIT_CORRECTIONS = 30;
const UNIT_BILLS_TO_CORRECT = 60;

export interface UnitCorrections {
	rows: CorrectionRow[];
	/** Bills of the unit a correction may be asked for (open and paid, newest first), for the desk's "correct a bill" choice. */
	bills: {
		id: string;
		seq: number;
		state: BillState;
		source: BillSource;
		period: string | null;
		totalMinor: number;
		currency: string;
		party: Party;
	}[];
}

/** The unit's corrections (staff: fees.read, the unit in the actor's estates; else 404) and the bills the desk may correct. */
export async function unitCorrections(actor: Actor | null | undefined, unitId: string): Promise<UnitCorrections> {
	requireStaff(actor, 'fees.read');
	const unit = await visibleUnit(actor, unitId);
	const [rows, correctable] = await Promise.all([
		correctionRows(db(), eq(billCorrections.unitId, unit.id), UNIT_CORRECTIONS),
		db()
			.select({
				id: bills.id,
				seq: bills.seq,
				state: bills.state,
				source: bills.source,
				period: bills.period,
				totalMinor: bills.totalMinor,
				currency: bills.currency,
				party: bills.party
			})
			.from(bills)
			.where(and(eq(bills.unitId, unit.id), inArray(bills.state, ['open', 'paid'])))
			.orderBy(desc(bills.issuedOn), desc(bills.seq))
			.limit(UNIT_BILLS_TO_CORRECT)
	]);
	return { rows, bills: correctable };
}

export interface CorrectionTimelineEntry {
	id: number;
	at: Date;
	kind: string;
	from: string | null;
	to: string | null;
	note: string;
	actorName: string | null;
}

export interface CorrectionDetail {
	correction: CorrectionRow & {
		line: CorrectedLine | null;
		decisionNote: string;
		decidedAt: Date | null;
		appliedAt: Date | null;
	};
	bill: CorrectionBill;
	unit: UnitHeader;
	people: { requestedBy: string | null; decidedBy: string | null };
	timeZone: string;
	timeline: CorrectionTimelineEntry[];
	actions: CorrectionAction[];
	/** For a reissue: the voided bill's lines to start the corrected bill from. */
	lines: (CorrectableLine & { quantityText: string; unitPriceText: string })[];
}

/** One correction (fees.read, in the actor's estates; else 404) with what the actor may do to it. */
export async function correctionDetail(actor: Actor | null | undefined, correctionId: string): Promise<CorrectionDetail> {
	requireStaff(actor, 'fees.read');
	if (!isUuid(correctionId)) error(404, 'Not found');
	const [row] = await correctionRows(db(), eq(billCorrections.id, correctionId), 1);
	const [correction] = await db().select().from(billCorrections).where(eq(billCorrections.id, correctionId));
	if (!row || !correction || !canSeeEstate(actor, correction.estateId)) error(404, 'Not found');
	const [bill] = await db().select().from(bills).where(eq(bills.id, correction.billId));
	const [unit, facts, timeline, names] = await Promise.all([
		visibleUnit(actor, correction.unitId),
		billFacts(db(), bill!),
		listEventsWithActors('bill_correction', correction.id),
		db()
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(inArray(users.id, [correction.requestedBy, ...(correction.decidedBy ? [correction.decidedBy] : [])]))
	]);
	const name = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? null) : null);
	return {
		correction: {
			...row,
			line: correction.line,
			decisionNote: correction.decisionNote,
			decidedAt: correction.decidedAt,
			appliedAt: correction.appliedAt
		},
		bill: billSummary(bill!, facts.lines),
		unit,
		people: { requestedBy: name(correction.requestedBy), decidedBy: name(correction.decidedBy) },
		timeZone: unit.timeZone,
		timeline: timeline.map(({ actorKind: _kind, data: _data, ...entry }) => entry),
		actions: correctionMachine.open(correction.state, correctionCapacities(actor, correction)),
		lines: facts.lines.map((l) => ({ ...l, quantityText: l.quantity, unitPriceText: priceToDecimal(l.priceMicro, bill!.currency) }))
	};
}

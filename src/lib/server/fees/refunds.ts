/**
 * Refunds (退款) of a held deposit (on move-out or renovation completion, minus deductions for
 * damages) or of credit on a unit's account.
 *
 * The rules as data (refund-machine.ts): a request above the approval threshold (fee_settings
 * refundApprovalMinor) starts 'requested' and waits for someone with refunds.approve who is not
 * the requester; at or below it, it is approved at once. An approved refund is paid out by the
 * counter (payments.counter) or finance (fees.manage); only then is it written to the ledger, in
 * the transaction that marks it paid, on the party's part of the account (a deposit's party is
 * its bill's; credit is refunded to the party whose credit it is):
 *   deposit  'deposit_refund' −gross (the deposit released to the account), '+deduction' per
 *            deduction (note = reason), 'refund' +payout — net 0, as payout = gross − deductions;
 *   credit   'refund' +payout, where payout ≤ the party's credit (−its balance).
 * Every change writes an event (subjectType 'refund') and the audit log in its transaction.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { businessToday, parseDate } from '#lib/time/index.ts';
import { db, queryRows, type Executor, type Tx } from '../db/client.ts';
import { bills, estates, refunds, units, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, inActorEstates, requireStaff } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { listEventsWithActors, recordAudit, recordEvent } from '../events/service.ts';
import { notify } from '../notify/notify.ts';
import { visibleUnit, type UnitHeader } from '../property/units.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { refundMethods, type RefundMethod } from '#lib/schemas/refunds.ts';
import { money } from '#lib/money/index.ts';
import { refundReference } from '#lib/references.ts';
import { approversToTell, decisionNote, tellApprovalStep, type ApprovalDecisionInput, type ApprovalNotice } from './approval.ts';
import { depositsHeld, type HeldDeposit } from './deposits.ts';
import { estateZone } from './estate-time.ts';
import { billOutstanding, postEntry, unitBalance } from './ledger.ts';
import { billsPaid } from './paid-listeners.ts';
import { parties, partyRecipients, type Party } from './parties.ts';
import { initialRefundState, refundCapacities, refundMachine, type RefundAction, type RefundState } from './refund-machine.ts';
import { feeSettings } from './settings.ts';
import { fileInArchive } from '../archive/file.ts';
import { partyOccupancy } from '../archive/party-occupancy.ts';

export type Refund = typeof refunds.$inferSelect;
export type RefundKind = Refund['kind'];
export type { RefundAction, RefundState };

// ——— Requesting ———

export interface RefundRequestInput {
	unitId: string;
	kind: RefundKind;
	/** The deposit bill to release (kind deposit). */
	depositBillId?: string | null;
	/** Kind credit: whose credit (the owner's or the renter's part of the account). */
	party?: Party | null;
	/** Kind credit: how much to pay back; absent: all the credit available. */
	amountMinor?: number | null;
	/** Kind deposit: what is kept back, with why (and, set by code only, the open bill it settles). */
	deductions?: readonly { reason: string; amountMinor: number; billId?: string }[];
	reason: string;
}

/** Credit a party of a unit could still be refunded: its credit minus its refunds of credit requested or approved. */
async function creditAvailable(executor: Executor, unitId: string, party: Party): Promise<number> {
	const balance = await unitBalance(executor, unitId, party);
	const [row] = await executor
		.select({ committed: sql<string>`coalesce(sum(${refunds.payoutMinor}), 0)::bigint` })
		.from(refunds)
		.where(
			and(
				eq(refunds.unitId, unitId),
				eq(refunds.party, party),
				eq(refunds.kind, 'credit'),
				inArray(refunds.state, ['requested', 'approved'])
			)
		);
	return Math.max(0, -balance - Number(row!.committed));
}

/** Held deposits of the unit that no refund (other than a rejected one) is for: a deposit is released once, whole. */
async function refundableDeposits(executor: Executor, unitId: string): Promise<HeldDeposit[]> {
	const held = (await depositsHeld(executor, [unitId])).filter((d) => d.heldMinor > 0);
	if (held.length === 0) return [];
	const taken = await executor
		.select({ billId: refunds.depositBillId })
		.from(refunds)
		.where(
			and(
				inArray(
					refunds.depositBillId,
					held.map((d) => d.billId)
				),
				ne(refunds.state, 'rejected')
			)
		);
	const busy = new Set(taken.map((t) => t.billId));
	return held.filter((d) => !busy.has(d.billId));
}

/**
 * Records a refund request (fees.manage, in the unit's estate). Deposit: gross = what is held of
 * that deposit, payout = gross − deductions ≥ 0. Credit: gross = payout ≤ the credit available.
 * Input the user must fix is a InputError at its field.
 */
export async function requestRefund(
	actor: Actor | null | undefined,
	input: RefundRequestInput
): Promise<{ refundId: string; state: RefundState }> {
	requireStaff(actor, 'fees.manage');
	const unit = await visibleUnit(actor, input.unitId);
	const created = await db().transaction((tx) => createRefund(tx, actor, unit, input));
	return { refundId: created.id, state: created.state };
}

/**
 * requestRefund's work in the caller's transaction, for a unit the caller found visible to the
 * actor: what a renovation's acceptance uses to release its deposit. A deduction with a billId
 * (set by such a caller, never typed) settles that bill out of the deposit when paid out.
 */
export async function createRefund(tx: Tx, actor: Actor, unit: UnitHeader, input: RefundRequestInput): Promise<Refund> {
	const reason = input.reason.trim();
	if (!reason || reason.length > 1000) throw new InputError('reason', m.field_required());
	const deductions = (input.deductions ?? []).map((d) => ({
		reason: d.reason.trim(),
		amountMinor: d.amountMinor,
		...(d.billId ? { billId: d.billId } : {})
	}));
	for (const d of deductions) {
		if (!d.reason || d.reason.length > 200) throw new InputError('deductionReason', m.finance_refund_deduction_reason_required());
		if (!Number.isSafeInteger(d.amountMinor) || d.amountMinor <= 0) throw new InputError('deductionAmount', m.finance_amount_positive());
	}
	if (input.kind === 'credit' && deductions.length) throw new InputError('deductionReason', m.finance_refund_deductions_deposit_only());

	// One request at a time per unit: two clerks cannot both promise the same credit or deposit.
	await tx.select({ id: units.id }).from(units).where(eq(units.id, unit.id)).for('update');
	let grossMinor: number;
	let payoutMinor: number;
	let depositBillId: string | null = null;
	let party: Party;
	let currency: string;
	const settings = await feeSettings(tx);
	if (input.kind === 'deposit') {
		const deposit =
			input.depositBillId && isUuid(input.depositBillId)
				? (await refundableDeposits(tx, unit.id)).find((d) => d.billId === input.depositBillId)
				: undefined;
		if (!deposit) throw new InputError('source', m.finance_refund_no_deposit());
		const deducted = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
		if (deducted > deposit.heldMinor) {
			throw new InputError('deductionAmount', m.finance_refund_deductions_too_much({ held: money(deposit.heldMinor, deposit.currency) }));
		}
		grossMinor = deposit.heldMinor;
		payoutMinor = grossMinor - deducted;
		depositBillId = deposit.billId;
		party = deposit.party;
		currency = deposit.currency;
	} else if (input.kind === 'credit') {
		if (!input.party || !parties.includes(input.party)) throw new InputError('source', m.finance_refund_source_required());
		party = input.party;
		const available = await creditAvailable(tx, unit.id, party);
		if (available <= 0) throw new InputError('source', m.finance_refund_no_credit());
		const amount = input.amountMinor ?? available;
		if (!Number.isSafeInteger(amount) || amount <= 0) throw new InputError('amount', m.finance_amount_positive());
		if (amount > available) {
			throw new InputError('amount', m.finance_refund_credit_too_much({ available: money(available, settings.currency) }));
		}
		grossMinor = payoutMinor = amount;
		currency = settings.currency;
	} else {
		throw new InputError('source', m.finance_refund_source_required());
	}
	const { state, needsApproval } = initialRefundState(payoutMinor, settings.refundApprovalMinor);
	const [row] = await tx
		.insert(refunds)
		.values({
			unitId: unit.id,
			estateId: unit.estateId,
			kind: input.kind,
			party,
			depositBillId,
			grossMinor,
			deductions,
			payoutMinor,
			currency,
			reason,
			state,
			needsApproval,
			requestedBy: actor.userId,
			...(needsApproval ? {} : { decidedAt: new Date() })
		})
		.returning();
	const refund = row!;
	const data = { kind: refund.kind, grossMinor, payoutMinor, deductedMinor: grossMinor - payoutMinor, needsApproval };
	await recordEvent(tx, { actor, subjectType: 'refund', subjectId: refund.id, kind: 'request', to: state, note: reason, data });
	await fileInArchive(tx, {
		unitId: unit.id,
		occupancyId: await partyOccupancy(tx, unit.id, party, businessToday(unit)),
		kind: 'refund',
		sourceType: 'refund',
		sourceId: refund.id,
		summary: { reference: refundReference(refund.seq), amountMinor: payoutMinor, currency },
		actor
	});
	await recordAudit(tx, {
		actor,
		action: 'refund.request',
		subjectType: 'refund',
		subjectId: refund.id,
		detail: { unitId: unit.id, ...data }
	});
	if (needsApproval) {
		const approvers = await approversToTell(tx, unit.estateId, 'refunds.approve', actor.userId);
		await tellStaff(tx, approvers, refund, unit, 'approval');
	}
	return refund;
}

// ——— Deciding and paying ———

/** The refund locked for a change, if the actor's estates hold it (else 404). */
async function lockRefund(tx: Tx, actor: Actor, refundId: string): Promise<Refund> {
	if (!isUuid(refundId)) error(404, 'Not found');
	const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
	if (!refund || !canSeeEstate(actor, refund.estateId)) error(404, 'Not found');
	return refund;
}

/** The transition for this actor: 403 when it may never take it (the requester never approves), a StaleStateError when it moved on. */
function take(actor: Actor, refund: Refund, action: RefundAction): RefundState {
	return refundMachine.take(refund.state, action, refundCapacities(actor, refund), m.finance_refund_state_changed());
}

/** Approves or rejects a requested refund (refunds.approve, not the requester; a rejection says why). */
export async function decideRefund(actor: Actor | null | undefined, refundId: string, input: ApprovalDecisionInput): Promise<RefundState> {
	requireStaff(actor, 'refunds.approve');
	const note = decisionNote(input, m.finance_refund_reject_note_required);
	return db().transaction(async (tx) => {
		const refund = await lockRefund(tx, actor, refundId);
		const to = take(actor, refund, input.decision);
		await tx
			.update(refunds)
			.set({ state: to, decidedBy: actor.userId, decidedAt: new Date(), decisionNote: note })
			.where(eq(refunds.id, refund.id));
		await recordEvent(tx, { actor, subjectType: 'refund', subjectId: refund.id, kind: input.decision, from: refund.state, to, note });
		await recordAudit(tx, { actor, action: `refund.${input.decision}`, subjectType: 'refund', subjectId: refund.id, detail: { note } });
		const unit = await visibleUnit(actor, refund.unitId, tx);
		await tellStaff(
			tx,
			[refund.requestedBy].filter((id) => id !== actor.userId),
			{ ...refund, state: to },
			unit,
			input.decision === 'approve' ? 'approved' : 'rejected'
		);
		return to;
	});
}

export interface RefundPayInput {
	method: RefundMethod;
	/** 'YYYY-MM-DD', the day the money went out: not in the future, not before the request. */
	paidOn: string;
}

/**
 * Records the payout of an approved refund (payments.counter or fees.manage) and writes its
 * ledger entries, in one transaction (see the file comment). The deposit or credit is checked
 * again: what changed since the request (a new charge ate the credit) is refused with a message.
 */
export async function markRefundPaid(actor: Actor | null | undefined, refundId: string, input: RefundPayInput): Promise<void> {
	requireStaff(actor, ['payments.counter', 'fees.manage']);
	if (!(refundMethods as readonly string[]).includes(input.method)) throw new InputError('method', m.finance_refund_method_required());
	if (!parseDate(input.paidOn)) throw new InputError('paidOn', m.field_date_invalid());
	await db().transaction(async (tx) => {
		const refund = await lockRefund(tx, actor, refundId);
		const to = take(actor, refund, 'pay');
		// The estate's dates: not after its today, not before the day it was requested there.
		const zone = await estateZone(tx, refund.estateId);
		if (input.paidOn > businessToday(zone)) throw new InputError('paidOn', m.finance_refund_paid_on_future());
		if (input.paidOn < businessToday(zone, refund.createdAt)) throw new InputError('paidOn', m.finance_refund_paid_on_early());
		await tx.select({ id: units.id }).from(units).where(eq(units.id, refund.unitId)).for('update');
		const reference = refundReference(refund.seq);
		const entry = {
			unitId: refund.unitId,
			party: refund.party,
			currency: refund.currency,
			effectiveOn: input.paidOn,
			createdBy: actor.userId
		};
		if (refund.kind === 'deposit') {
			const held = (await depositsHeld(tx, [refund.unitId])).find((d) => d.billId === refund.depositBillId);
			if (!held || held.heldMinor !== refund.grossMinor) throw new InputError('', m.finance_refund_deposit_changed());
			await postEntry(tx, {
				...entry,
				kind: 'deposit_refund',
				amountMinor: -refund.grossMinor,
				billId: refund.depositBillId,
				note: reference
			});
			for (const d of refund.deductions) {
				await postEntry(tx, { ...entry, kind: 'deduction', amountMinor: d.amountMinor, note: d.reason });
				// Kept to settle an open bill (a fine): the bill is paid by it, and owes nothing more.
				if (d.billId) await settleBillFromDeposit(tx, d.billId, d.amountMinor, { ...entry, note: reference });
			}
		} else {
			const balance = await unitBalance(tx, refund.unitId, refund.party);
			if (-balance < refund.payoutMinor)
				throw new InputError('', m.finance_refund_credit_changed({ available: money(Math.max(0, -balance), refund.currency) }));
		}
		if (refund.payoutMinor > 0) await postEntry(tx, { ...entry, kind: 'refund', amountMinor: refund.payoutMinor, note: reference });
		await tx
			.update(refunds)
			.set({ state: to, method: input.method, paidBy: actor.userId, paidOn: input.paidOn })
			.where(eq(refunds.id, refund.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'refund',
			subjectId: refund.id,
			kind: 'pay',
			from: refund.state,
			to,
			data: { method: input.method, paidOn: input.paidOn, payoutMinor: refund.payoutMinor }
		});
		await recordAudit(tx, {
			actor,
			action: 'refund.pay',
			subjectType: 'refund',
			subjectId: refund.id,
			detail: { method: input.method, paidOn: input.paidOn }
		});
		await tellResidents(tx, refund);
	});
}

/**
 * Settles an open bill out of a released deposit: a 'deduction' of −amount on the bill (what it
 * owes goes to zero; with the +amount kept from the deposit, the balance is unchanged) and the
 * bill marked paid. A bill paid meanwhile some other way, or owing another amount, refuses the
 * payout: the refund must be asked again.
 */
async function settleBillFromDeposit(
	tx: Tx,
	billId: string,
	amountMinor: number,
	entry: Omit<Parameters<typeof postEntry>[1], 'kind' | 'amountMinor'>
): Promise<void> {
	const [bill] = await tx.select({ state: bills.state }).from(bills).where(eq(bills.id, billId)).for('update');
	if (!bill || bill.state !== 'open' || (await billOutstanding(tx, billId)) !== amountMinor) {
		throw new InputError('', m.finance_refund_deposit_changed());
	}
	await postEntry(tx, { ...entry, kind: 'deduction', amountMinor: -amountMinor, billId });
	await tx.update(bills).set({ state: 'paid', paidAt: new Date() }).where(eq(bills.id, billId));
	await billsPaid(tx, [billId]);
}

// ——— Telling people ———

async function tellStaff(tx: Executor, userIds: readonly string[], refund: Refund, unit: UnitHeader, notice: ApprovalNotice) {
	await tellApprovalStep(tx, userIds, notice, {
		kind: 'refund',
		subject: { type: 'refund', id: refund.id },
		link: `/staff/fees/refunds/${refund.id}`,
		texts: {
			approval: [m.finance_notice_approval_title, m.finance_notice_approval_body],
			approved: [m.finance_notice_approved_title, m.finance_notice_approved_body],
			rejected: [m.finance_notice_rejected_title, m.finance_notice_rejected_body]
		},
		inputs: (locale: Locale) => ({
			reference: refundReference(refund.seq),
			unit: `${unit.estateCode} ${unit.buildingName} ${unit.number}`,
			amount: money(refund.payoutMinor, refund.currency, locale)
		})
	});
}

/** The refund's party among the unit's current residents (in person, or its company's admins) hears that the money was paid. */
async function tellResidents(tx: Executor, refund: Refund) {
	const occupants = (await currentOccupancies(tx, [refund.unitId])).filter((o) => o.role === refund.party);
	const userIds = await partyRecipients(tx, occupants);
	const inputs = (locale: Locale) => ({
		reference: refundReference(refund.seq),
		amount: money(refund.payoutMinor, refund.currency, locale)
	});
	await notify(tx, {
		userIds,
		kind: 'refund.paid',
		subject: { type: 'refund', id: refund.id },
		link: '/app/bills',
		message: (locale) => ({
			title: m.finance_notice_paid_title(inputs(locale), { locale }),
			body: m.finance_notice_paid_body(inputs(locale), { locale })
		}),
		channels: ['inbox', 'email']
	});
}

// ——— Reading ———

const REFUND_PAGE_SIZE = 50;
export const refundFilters = ['open', 'requested', 'approved', 'paid', 'rejected', 'all'] as const;
export type RefundFilter = (typeof refundFilters)[number];

export interface RefundRow {
	id: string;
	seq: number;
	kind: RefundKind;
	state: RefundState;
	needsApproval: boolean;
	unitId: string;
	unit: string;
	grossMinor: number;
	payoutMinor: number;
	currency: string;
	requestedByName: string;
	createdAt: Date;
	/** The day it was requested, in its estate. */
	requestedOn: string;
	paidOn: string | null;
}

/**
 * Refunds of the actor's estates, the ones waiting for approval first, then approved ones waiting
 * to be paid, each newest first. 'open' (the default) shows those two.
 */
export async function listRefunds(
	actor: Actor | null | undefined,
	query: { filter?: string | null; page?: number } = {}
): Promise<{ rows: RefundRow[]; filter: RefundFilter; page: number; more: boolean }> {
	requireStaff(actor, 'refunds.read');
	const filter: RefundFilter = (refundFilters as readonly string[]).includes(query.filter ?? '') ? (query.filter as RefundFilter) : 'open';
	const page = Number.isSafeInteger(query.page) && query.page! > 0 ? query.page! : 1;
	const states: RefundState[] | null = filter === 'open' ? ['requested', 'approved'] : filter === 'all' ? null : [filter];
	const scope = inActorEstates(actor, refunds.estateId);
	const rows = await db()
		.select({
			id: refunds.id,
			seq: refunds.seq,
			kind: refunds.kind,
			state: refunds.state,
			needsApproval: refunds.needsApproval,
			unitId: refunds.unitId,
			unit: sql<string>`(select e.code || ' ' || b.name || ' ' || u.number from units u join buildings b on b.id = u.building_id join estates e on e.id = u.estate_id where u.id = ${refunds.unitId})`,
			grossMinor: refunds.grossMinor,
			payoutMinor: refunds.payoutMinor,
			currency: refunds.currency,
			requestedByName: users.name,
			createdAt: refunds.createdAt,
			timeZone: estates.timeZone,
			paidOn: refunds.paidOn
		})
		.from(refunds)
		.innerJoin(users, eq(users.id, refunds.requestedBy))
		.innerJoin(estates, eq(estates.id, refunds.estateId))
		.where(and(scope, states ? inArray(refunds.state, states) : undefined))
		.orderBy(
			sql`case ${refunds.state} when 'requested' then 0 when 'approved' then 1 else 2 end`,
			desc(refunds.createdAt),
			desc(refunds.id)
		)
		.limit(REFUND_PAGE_SIZE + 1)
		.offset((page - 1) * REFUND_PAGE_SIZE);
	return {
		rows: rows
			.slice(0, REFUND_PAGE_SIZE)
			.map(({ timeZone, ...row }) => ({ ...row, requestedOn: businessToday({ timeZone }, row.createdAt) })),
		filter,
		page,
		more: rows.length > REFUND_PAGE_SIZE
	};
}

export interface RefundTimelineEntry {
	id: number;
	at: Date;
	kind: string;
	from: string | null;
	to: string | null;
	note: string;
	data: Record<string, unknown>;
	actorName: string | null;
}

export interface RefundDetail {
	refund: Refund & { reference: string; requestedOn: string };
	/** The estate's zone: the timeline's times are its. */
	timeZone: string;
	/** Today in the estate (the payout form starts with it). */
	today: string;
	unit: UnitHeader;
	depositName: { en: string; 'zh-Hans': string; 'zh-Hant': string } | null;
	people: { requestedBy: string | null; decidedBy: string | null; paidBy: string | null };
	timeline: RefundTimelineEntry[];
	actions: RefundAction[];
}

export async function refundDetail(actor: Actor | null | undefined, refundId: string): Promise<RefundDetail> {
	requireStaff(actor, 'refunds.read');
	if (!isUuid(refundId)) error(404, 'Not found');
	const [refund] = await db().select().from(refunds).where(eq(refunds.id, refundId));
	if (!refund || !canSeeEstate(actor, refund.estateId)) error(404, 'Not found');
	const unit = await visibleUnit(actor, refund.unitId);
	const zone = await estateZone(db(), refund.estateId);
	const personIds = [refund.requestedBy, refund.decidedBy, refund.paidBy].filter((id): id is string => !!id);
	const names = new Map(
		(await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds))).map((u) => [u.id, u.name])
	);
	const timeline = (await listEventsWithActors('refund', refund.id)).map(({ actorKind: _kind, ...entry }) => entry);
	let depositName: RefundDetail['depositName'] = null;
	if (refund.depositBillId) {
		const held = (await depositsHeld(db(), [refund.unitId])).find((d) => d.billId === refund.depositBillId);
		if (held) depositName = { en: held.name, 'zh-Hans': held.nameZhHans, 'zh-Hant': held.nameZhHant };
	}
	return {
		refund: { ...refund, reference: refundReference(refund.seq), requestedOn: businessToday(zone, refund.createdAt) },
		timeZone: zone.timeZone,
		today: businessToday(zone),
		unit,
		depositName,
		people: {
			requestedBy: names.get(refund.requestedBy) ?? null,
			decidedBy: refund.decidedBy ? (names.get(refund.decidedBy) ?? null) : null,
			paidBy: refund.paidBy ? (names.get(refund.paidBy) ?? null) : null
		},
		timeline: timeline.map((e) => ({ ...e, data: e.data ?? {} })),
		actions: refundMachine.open(refund.state, refundCapacities(actor, refund))
	};
}

export interface RefundFormContext {
	unit: UnitHeader;
	deposits: HeldDeposit[];
	/** Credit each party could be refunded (parties with none are left out). */
	credits: { party: Party; creditMinor: number }[];
	currency: string;
	approvalMinor: number;
}

/** What a new request for the unit can refund (fees.manage, the unit in the actor's estates). */
export async function refundFormContext(actor: Actor | null | undefined, unitId: string): Promise<RefundFormContext> {
	requireStaff(actor, 'fees.manage');
	const unit = await visibleUnit(actor, unitId);
	const settings = await feeSettings();
	return {
		unit,
		deposits: await refundableDeposits(db(), unit.id),
		credits: (
			await Promise.all(parties.map(async (party) => ({ party, creditMinor: await creditAvailable(db(), unit.id, party) })))
		).filter((c) => c.creditMinor > 0),
		currency: settings.currency,
		approvalMinor: settings.refundApprovalMinor
	};
}

/** Units of the actor's estates whose number matches, to start a request from (fees.manage). */
export async function findUnitsForRefund(actor: Actor | null | undefined, query: string): Promise<{ id: string; label: string }[]> {
	requireStaff(actor, 'fees.manage');
	const q = query
		.trim()
		.slice(0, 20)
		.replace(/[\\%_]/g, (c) => `\\${c}`);
	if (!q) return [];
	const scope =
		actor.estateIds === null
			? sql`true`
			: actor.estateIds.length
				? sql`u.estate_id in (${sql.join(
						actor.estateIds.map((id) => sql`${id}::uuid`),
						sql`, `
					)})`
				: sql`false`;
	return queryRows<{ id: string; label: string }>(
		db(),
		sql`select u.id, e.code || ' ' || b.name || ' ' || u.number as label
			from units u join buildings b on b.id = u.building_id join estates e on e.id = u.estate_id
			where ${scope} and upper(u.number) like upper(${q}) || '%'
			order by e.code, b.name, u.number limit 30`
	);
}

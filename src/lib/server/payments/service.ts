import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import { businessToday } from '#lib/time/index.ts';
import { db, type Tx } from '../db/client.ts';
import { bills, openCheckouts, paymentAllocations, payments, paymentWebhookEvents } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { WebhookRejected, type Checkout, type HeaderReader, type OnlineProviderName, type WebhookEvent } from './provider.ts';
import { paymentProvider } from './providers.ts';
import { billsOutstanding } from '../fees/ledger.ts';
import { lockUnitMoney, paymentUnitIds } from '../fees/money-lock.ts';
import { billMachine, PAYER } from '../fees/bill-machine.ts';
import { billInAccounts, companyAccounts, residentAccounts } from '../fees/parties.ts';
import { requireCompanyAdmin } from '../accounts/company.ts';
import { paymentZone } from './payment-unit.ts';
import { recordEvent } from '../events/service.ts';
import { billReference } from '#lib/references.ts';
import { markEnded, markSucceeded } from './outcome.ts';
import { paymentMachine } from './machine.ts';
import { log } from '../log.ts';

type Locale = 'en' | 'zh-Hans' | 'zh-Hant';
const MAX_BILLS = 50;
/** A company pays the open bills of many units at once (an office tower's floors). */
const MAX_COMPANY_BILLS = 250;

export interface StartPaymentInput {
	billIds: readonly string[];
	/** Made by the page once per "pay" form; repeating the request repeats this key. */
	idempotencyKey: string;
	provider: string;
	/** The app's public origin (event.url.origin): the provider sends the payer back there. */
	origin: string;
}

export interface StartedPayment {
	paymentId: string;
	state: 'pending' | 'succeeded' | 'failed' | 'expired';
	amountMinor: number;
	currency: string;
	/** Where to send the payer; null when the payment is no longer pending. */
	redirectUrl: string | null;
}

type PaymentRow = typeof payments.$inferSelect;

/** Where the provider returns the payer (pages of the lead's: /app/payments/[id]). */
export function returnUrls(origin: string, paymentId: string) {
	const base = `${origin.replace(/\/+$/, '')}/app/payments/${paymentId}`;
	return { successUrl: `${base}?result=success`, cancelUrl: `${base}?result=cancel` };
}

async function allocatedBillIds(paymentId: string): Promise<string[]> {
	const rows = await db()
		.select({ billId: paymentAllocations.billId })
		.from(paymentAllocations)
		.where(eq(paymentAllocations.paymentId, paymentId));
	return rows.map((r) => r.billId).sort();
}

/** A repeated request must be the same request: same bills, same provider, same payer. */
async function requireSameRequest(payment: PaymentRow, billIds: string[], provider: string, payer: Payer): Promise<void> {
	const allocated = await allocatedBillIds(payment.id);
	const samePayer = payment.companyId === (payer.companyId ?? null);
	if (payment.provider !== provider || !samePayer || allocated.join(',') !== [...billIds].sort().join(',')) {
		// The field says which: the page gives the next submission a key of its own.
		throw new InputError('idempotencyKey', m.payments_key_reused());
	}
}

async function paymentByKey(key: string): Promise<PaymentRow | undefined> {
	const [row] = await db().select().from(payments).where(eq(payments.idempotencyKey, key));
	return row;
}

function checkoutDescription(seqs: number[], locale: Locale): string {
	return m.payments_checkout_description({ bills: seqs.map(billReference).join(', ') }, { locale });
}

// Concurrent starts of one payment in this process share one provider call; across processes the
// provider's own idempotency (same key, same parameters) returns the same checkout.
const inFlight = new Map<string, Promise<Checkout>>();

/**
 * Who pays: one party of one unit (a resident, for its own party: the default), or a company for
 * several of its units at once (its admin: startCompanyPayment).
 */
interface Payer {
	companyId?: string;
}

/** The insert met a checkout already open for one of the bills: roll back, then resume that one. */
class CheckoutOpen extends Error {}

/** The pending payment whose checkout holds one of these bills, if any. */
async function openCheckoutOf(billIds: readonly string[]): Promise<PaymentRow | undefined> {
	const [row] = await db()
		.select({ payment: payments })
		.from(openCheckouts)
		.innerJoin(payments, eq(payments.id, openCheckouts.paymentId))
		.where(inArray(openCheckouts.billId, [...billIds]))
		.orderBy(asc(payments.createdAt))
		.limit(1);
	return row?.payment;
}

/**
 * A resident starts paying open bills of one party of one unit online (its own party's: see
 * fees/parties.ts). The idempotency key makes a repeated or concurrent request the same payment:
 * the database decides which row exists (insert … on conflict do nothing, then read) and the
 * provider is asked with the same key and the parameters of that row, so it answers with the same
 * checkout.
 *
 * At most one checkout is open per bill (open_checkouts, keyed by the bill): a second "pay" — with
 * a new key, from another tab or another member of the company — while a checkout for one of its
 * bills is pending RESUMES that checkout (the same page of the provider) instead of opening a
 * second. Resuming rather than replacing, because a checkout cannot be safely withdrawn while the
 * payer may be paying it: the provider may already have taken the money and its webhook be on the
 * way, and expiring it there would then fail or race. So the money for a bill can be asked for only
 * once at a time; when that checkout ends (paid, declined, cancelled, expired) its bills are free.
 */
export async function startPayment(actor: Actor, input: StartPaymentInput): Promise<StartedPayment> {
	requireResident(actor);
	return start(actor, input, {});
}

/**
 * A company's admin pays the open bills of several of the company's units in ONE checkout (the
 * company's total: fees/company-bills.ts). The bills must be the company's own (its occupancies'
 * parties), of one estate and one currency; the payment has no unit or party of its own
 * (payments.company_id), its allocations say which bill gets what, and when it succeeds the ledger
 * splits it across the units' accounts (fees/split-payment.ts) and one receipt lists every bill.
 * Everything else is startPayment's: the idempotency key, and at most one open checkout per bill —
 * a bill already in a pending checkout resumes that checkout instead of opening a second.
 * Anyone outside the company: 404; a member who is not its admin: 403.
 */
export async function startCompanyPayment(actor: Actor, companyId: string, input: StartPaymentInput): Promise<StartedPayment> {
	requireCompanyAdmin(actor, companyId, 'company.pay');
	return start(actor, input, { companyId });
}

async function start(actor: Actor, input: StartPaymentInput, payer: Payer): Promise<StartedPayment> {
	const provider = paymentProvider(input.provider);
	if (!provider) throw new InputError('provider', m.payments_provider_unavailable());
	const billIds = [...new Set(input.billIds)].sort();
	if (billIds.length === 0) throw new InputError('billIds', m.payments_no_bills());
	const most = payer.companyId ? MAX_COMPANY_BILLS : MAX_BILLS;
	if (billIds.length > most || !billIds.every(isUuid)) throw new InputError('billIds', m.payments_bill_not_payable());
	const clientKey = input.idempotencyKey.trim();
	if (clientKey.length < 8 || clientKey.length > 200) throw new Error('startPayment: the idempotency key must be 8–200 characters');
	// Keys are per user, so nobody can land on someone else's payment by reusing a key.
	const key = `pay:${actor.userId}:${clientKey}`;

	let payment = await paymentByKey(key);
	if (payment) await requireSameRequest(payment, billIds, provider.name, payer);
	else payment = await createOrResume(actor, billIds, provider.name, key, payer);

	const started = { paymentId: payment.id, state: payment.state, amountMinor: payment.amountMinor, currency: payment.currency };
	if (payment.state !== 'pending') return { ...started, redirectUrl: null };
	if (payment.checkoutUrl) return { ...started, redirectUrl: payment.checkoutUrl };
	const checkout = await checkoutFor(payment, (actor.locale as Locale | null) ?? 'en', input.origin);
	return { ...started, redirectUrl: checkout.redirectUrl };
}

/** The new payment of these bills, or the pending one whose checkout already holds one of them. */
async function createOrResume(
	actor: Actor,
	billIds: string[],
	providerName: OnlineProviderName,
	key: string,
	payer: Payer
): Promise<PaymentRow> {
	const accounts = payer.companyId ? await companyAccounts(db(), actor, payer.companyId) : await residentAccounts(db(), actor);
	const b = alias(bills, 'b');
	const chosen = await db()
		.select({ id: b.id, unitId: b.unitId, estateId: b.estateId, party: b.party, state: b.state, currency: b.currency })
		.from(b)
		.where(and(inArray(b.id, billIds), sql`${billInAccounts(accounts)}`));
	if (chosen.length !== billIds.length || chosen.some((b) => !billMachine.can(b.state, 'checkout', PAYER))) {
		throw new InputError('billIds', m.payments_bill_not_payable());
	}
	const { unitId, estateId, party, currency } = chosen[0]!;
	if (payer.companyId) {
		// One receipt of one estate, reconciled there, in one currency.
		if (chosen.some((b) => b.estateId !== estateId || b.currency !== currency)) {
			throw new InputError('billIds', m.companypay_one_estate());
		}
	} else if (chosen.some((b) => b.unitId !== unitId || b.currency !== currency || b.party !== party)) {
		throw new InputError('billIds', m.payments_bills_one_unit());
	}
	const owner = payer.companyId ? { unitId: null, party: null, companyId: payer.companyId } : { unitId, party, companyId: null };
	// A checkout that ends between our failed insert and our read frees its bills: try again.
	for (let attempt = 0; attempt < 5; attempt++) {
		let created: PaymentRow | undefined;
		try {
			created = await db().transaction(async (tx) => {
				const owed = await billsOutstanding(tx, billIds);
				if (billIds.some((id) => (owed.get(id) ?? 0) <= 0)) throw new InputError('billIds', m.payments_bill_not_payable());
				const amountMinor = billIds.reduce((sum, id) => sum + owed.get(id)!, 0);
				const [row] = await tx
					.insert(payments)
					.values({ ...owner, provider: providerName, amountMinor, currency, idempotencyKey: key, createdBy: actor.userId })
					.onConflictDoNothing({ target: payments.idempotencyKey })
					.returning();
				if (!row) return undefined;
				await tx
					.insert(paymentAllocations)
					.values(billIds.map((billId) => ({ paymentId: row.id, billId, amountMinor: owed.get(billId)! })));
				// The primary key admits one open checkout per bill. Bills in one order: two overlapping
				// starts wait for each other instead of deadlocking.
				const held = await tx
					.insert(openCheckouts)
					.values(billIds.map((billId) => ({ billId, paymentId: row.id })))
					.onConflictDoNothing()
					.returning({ billId: openCheckouts.billId });
				if (held.length !== billIds.length) throw new CheckoutOpen();
				await recordEvent(tx, {
					actor,
					subjectType: 'payment',
					subjectId: row.id,
					kind: 'start',
					to: 'pending',
					data: { provider: providerName, amountMinor, currency, billIds, ...(payer.companyId ? { companyId: payer.companyId } : {}) }
				});
				return row;
			});
		} catch (err) {
			if (!(err instanceof CheckoutOpen)) throw err;
			const open = await openCheckoutOf(billIds);
			if (open) return open;
			continue;
		}
		if (created) return created;
		// Another request with this key won the insert (and has committed: the insert waited for it).
		const same = await paymentByKey(key);
		if (!same) throw new Error('startPayment: the payment of this key vanished');
		await requireSameRequest(same, billIds, providerName, payer);
		return same;
	}
	throw new InputError('billIds', m.payments_provider_failed());
}

/** The provider's checkout of a pending payment: created once (the provider keys it by the payment's key), then stored. */
async function checkoutFor(payment: PaymentRow, locale: Locale, origin: string): Promise<Checkout> {
	const providerName = payment.provider;
	const provider = paymentProvider(providerName);
	if (!provider) throw new InputError('provider', m.payments_provider_unavailable());
	let pending = inFlight.get(payment.id);
	if (!pending) {
		pending = (async () => {
			const seqs = await db()
				.select({ seq: bills.seq, unitId: bills.unitId })
				.from(paymentAllocations)
				.innerJoin(bills, eq(bills.id, paymentAllocations.billId))
				.where(eq(paymentAllocations.paymentId, payment.id))
				.orderBy(asc(bills.seq));
			const checkout = await provider.createCheckout({
				paymentId: payment.id,
				amountMinor: payment.amountMinor,
				currency: payment.currency,
				// A company's checkout may hold a hundred bills: it says how many, not which.
				description: payment.companyId
					? m.companypay_checkout_description({ bills: seqs.length, units: new Set(seqs.map((s) => s.unitId)).size }, { locale })
					: checkoutDescription(
							seqs.map((s) => s.seq),
							locale
						),
				...returnUrls(origin, payment.id),
				idempotencyKey: payment.idempotencyKey
			});
			await db()
				.update(payments)
				.set({ providerRef: checkout.providerRef, checkoutUrl: checkout.redirectUrl })
				.where(and(eq(payments.id, payment.id), sql`${payments.providerRef} is null`));
			return checkout;
		})();
		inFlight.set(payment.id, pending);
		void pending.then(
			() => inFlight.delete(payment.id),
			() => inFlight.delete(payment.id)
		);
	}
	try {
		return await pending;
	} catch (error) {
		if (error instanceof InputError) throw error;
		log().error({ err: error, provider: providerName, paymentId: payment.id }, 'payments: checkout failed');
		throw new InputError('', m.payments_provider_failed());
	}
}

const WEBHOOK = new Set(['webhook'] as const);

export type WebhookResult =
	| { status: 404 }
	| { status: 400; reason: WebhookRejected['reason'] }
	| { status: 200; result: 'applied' | 'duplicate' | 'ignored' | 'unknown_payment' | 'no_change' };

/** The payment the event names, locked — after its units' money lock (fees/money-lock.ts), taken first. */
async function paymentOfEvent(tx: Tx, provider: OnlineProviderName, event: WebhookEvent): Promise<PaymentRow | undefined> {
	const named =
		event.paymentId && isUuid(event.paymentId) ? and(eq(payments.id, event.paymentId), eq(payments.provider, provider)) : undefined;
	const byRef = event.providerRef ? and(eq(payments.provider, provider), eq(payments.providerRef, event.providerRef)) : undefined;
	for (const where of [named, byRef]) {
		if (!where) continue;
		const [found] = await tx.select({ id: payments.id }).from(payments).where(where);
		if (!found) continue;
		await lockUnitMoney(tx, await paymentUnitIds(tx, found.id));
		const [row] = await tx.select().from(payments).where(eq(payments.id, found.id)).for('update');
		return row;
	}
	return undefined;
}

/**
 * A provider's webhook: verified on the raw body before anything is written, recorded by event id
 * in the same transaction as its effect (a replay finds the row and changes nothing), and the only
 * way an online payment becomes succeeded — applied on the ledger with its events and receipt
 * (outcome.ts markSucceeded), or failed/expired with its event.
 */
export async function handleWebhook(providerName: string, rawBody: string, headers: HeaderReader): Promise<WebhookResult> {
	const provider = paymentProvider(providerName);
	if (!provider) return { status: 404 };
	let event: WebhookEvent;
	try {
		event = await provider.parseWebhook(rawBody, headers);
	} catch (error) {
		if (error instanceof WebhookRejected) return { status: 400, reason: error.reason };
		return { status: 400, reason: 'malformed' };
	}
	return db().transaction(async (tx) => {
		const recorded = await tx
			.insert(paymentWebhookEvents)
			.values({ provider: provider.name, eventId: event.eventId, type: event.type, payload: event.payload })
			.onConflictDoNothing()
			.returning({ eventId: paymentWebhookEvents.eventId });
		if (recorded.length === 0) return { status: 200, result: 'duplicate' } as const;
		if (event.outcome === 'ignored') return { status: 200, result: 'ignored' } as const;
		const payment = await paymentOfEvent(tx, provider.name, event);
		if (!payment) {
			log().warn({ provider: provider.name, eventId: event.eventId, type: event.type }, 'payments: the event names no payment of ours');
			return { status: 200, result: 'unknown_payment' } as const;
		}
		const action = event.outcome === 'succeeded' ? 'succeed' : event.outcome === 'failed' ? 'fail' : 'expire';
		if (!paymentMachine.can(payment.state, action, WEBHOOK)) return { status: 200, result: 'no_change' } as const;
		const data = { eventId: event.eventId, eventType: event.type };
		if (event.outcome === 'succeeded') {
			// The day the money came in, in the estate of the unit it paid for.
			const receivedOn = businessToday(await paymentZone(tx, payment.id));
			await tx
				.update(payments)
				.set({ receivedOn, providerRef: payment.providerRef ?? event.providerRef })
				.where(eq(payments.id, payment.id));
			await markSucceeded(tx, { payment, by: 'webhook', effectiveOn: receivedOn, actor: null, data });
		} else {
			await markEnded(tx, payment, event.outcome, data);
		}
		return { status: 200, result: 'applied' } as const;
	});
}

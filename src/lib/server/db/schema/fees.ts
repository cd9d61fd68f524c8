import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	numeric,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { residentCompanies, users } from './accounts.ts';
import { estates, occupancies, occupancyRole, units, unitUse } from './property.ts';
import { files } from './files.ts';

/** What a fee is charged for, and how its amount is worked out. */
export const feeKind = pgEnum('fee_kind', ['management', 'water', 'electricity', 'deposit', 'paid_service', 'renovation', 'other']);
/** per_m2_month: price × unit area per month; per_reading: price × metered consumption; fixed: price once. */
export const feeBasis = pgEnum('fee_basis', ['per_m2_month', 'per_reading', 'fixed', 'per_m2']);

/**
 * Whom a fee item bills: the owner; the occupant (whoever lives or works there — the renter when
 * the unit is let, else the owner); or the party that asked for it (a paid service follows the
 * repair's occupancy, a deposit or renovation fee the applicant, chosen when the bill is issued).
 */
export const feePayer = pgEnum('fee_payer', ['owner', 'occupant', 'requester']);

/** Fee items (收費項目): dictionary data an admin or finance edits. */
export const feeItems = pgTable('fee_items', {
	id: uuid().primaryKey().defaultRandom(),
	code: text().notNull().unique(),
	kind: feeKind().notNull(),
	basis: feeBasis().notNull(),
	/** Only units of this use are billed (e.g. a management fee for offices); null: every unit. */
	unitUse: unitUse(),
	nameEn: text().notNull(),
	nameZhHans: text().notNull(),
	nameZhHant: text().notNull(),
	payer: feePayer().notNull(),
	/** Included in the monthly billing run. */
	periodic: boolean().notNull().default(false),
	active: boolean().notNull().default(true),
	sort: integer().notNull().default(0),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/**
 * A fee item's price from a date on (the latest one effective at a period's start applies).
 * Minor units per basis unit: fen per m² per month, fen per kWh or m³, or fen once. Prices per m²
 * may carry fractions of a fen (e.g. 3.805/m²), so they are kept in ten-thousandths of the minor
 * unit and bills round each line half-up to whole minor units.
 */
export const feePrices = pgTable(
	'fee_prices',
	{
		id: uuid().primaryKey().defaultRandom(),
		feeItemId: uuid()
			.notNull()
			.references(() => feeItems.id),
		estateId: uuid().references(() => estates.id),
		/** Price in 1/10000 of the minor unit: 3.80 CNY/m² = 380 fen = 3 800 000. */
		priceMicro: bigint({ mode: 'number' }).notNull(),
		currency: text().notNull().default('CNY'),
		effectiveFrom: date().notNull(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('fee_prices_item_estate_from').on(t.feeItemId, t.estateId, t.effectiveFrom),
		check('fee_prices_positive', sql`${t.priceMicro} >= 0`)
	]
);

export const meterKind = pgEnum('meter_kind', ['water', 'electricity']);

/** A meter reading of a unit (抄表); consumption is the difference between two readings. */
export const meterReadings = pgTable(
	'meter_readings',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		meter: meterKind().notNull(),
		readOn: date().notNull(),
		value: numeric({ precision: 14, scale: 2 }).notNull(),
		recordedBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('meter_readings_unit_meter_day').on(t.unitId, t.meter, t.readOn), check('meter_readings_value', sql`${t.value} >= 0`)]
);

export const meterChangeKind = pgEnum('meter_change_kind', ['replacement', 'rollover']);

/**
 * A meter replaced (a new meter with its start reading) or rolled over (its register passed its
 * maximum and began again at zero), on a day. Readings dated before the day are the old meter's,
 * readings on or after it the new one's; consumption across the change is
 *   (final − the last reading before) + (a reading after − start),
 * so a period's consumption is its two readings' difference plus (final − start) of every change
 * between them. A rollover's final value is where the register turns over (e.g. 100000), its start 0.
 */
export const meterChanges = pgTable(
	'meter_changes',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		meter: meterKind().notNull(),
		kind: meterChangeKind().notNull(),
		changedOn: date().notNull(),
		/** The old meter's final reading (a rollover: the value its register turns over at). */
		finalValue: numeric({ precision: 14, scale: 2 }).notNull(),
		/** The new meter's first reading (a rollover: 0). */
		startValue: numeric({ precision: 14, scale: 2 }).notNull(),
		note: text().notNull().default(''),
		recordedBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('meter_changes_unit_meter_day').on(t.unitId, t.meter, t.changedOn),
		check('meter_changes_values', sql`${t.finalValue} >= 0 and ${t.startValue} >= 0`),
		check('meter_changes_rollover', sql`${t.kind} <> 'rollover' or (${t.startValue} = 0 and ${t.finalValue} > 0)`)
	]
);

/**
 * open: owes (or may owe) money; paid: settled (by payments, a deposit or a credit note);
 * void: cancelled by a correction (it stays, its charge reversed); written_off: what it still owed
 * was written off as bad debt (fees/corrections.ts).
 */
export const billState = pgEnum('bill_state', ['open', 'paid', 'void', 'written_off']);
export const billSource = pgEnum('bill_source', ['billing_run', 'paid_service', 'deposit', 'renovation', 'manual']);

/**
 * A bill (繳費通知單) of a unit, billed to one party of it: the owner or the renter (the fee item
 * says which). A billing-run bill is unique per unit, period and party, so running the run twice
 * adds nothing; a bill from another source (a repair quote, a deposit) is unique per source row.
 * What is owed is derived from the ledger, never stored on the bill.
 */
export const bills = pgTable(
	'bills',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		source: billSource().notNull(),
		/** Whom the bill is for: the unit's owner or its renter (residents see only their party's bills). */
		party: occupancyRole().notNull(),
		/** The occupancy that asked for it (a paid service follows its repair's); null: the party as a whole. */
		occupancyId: uuid().references(() => occupancies.id),
		/** 'YYYY-MM' for billing-run bills. */
		period: text(),
		/** The row a non-periodic bill comes from, e.g. a repair quote's id. */
		sourceId: uuid(),
		state: billState().notNull().default('open'),
		totalMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		issuedOn: date().notNull(),
		dueOn: date().notNull(),
		paidAt: timestamp({ withTimezone: true }),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('bills_seq').on(t.seq),
		uniqueIndex('bills_unit_period_party')
			.on(t.unitId, t.period, t.party)
			.where(sql`${t.source} = 'billing_run'`),
		uniqueIndex('bills_source_row')
			.on(t.source, t.sourceId)
			.where(sql`${t.sourceId} is not null`),
		index('bills_unit_issued').on(t.unitId, t.issuedOn, t.id),
		index('bills_estate_period').on(t.estateId, t.period),
		index('bills_open_due')
			.on(t.dueOn)
			.where(sql`${t.state} = 'open'`),
		check('bills_total', sql`${t.totalMinor} >= 0`),
		check('bills_period', sql`${t.period} is null or ${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
	]
);

/** The readings a metered bill line was worked out from (bill_lines.readings). */
export interface BilledReadings {
	previous: { on: string; value: string };
	current: { on: string; value: string };
	changes: { on: string; kind: 'replacement' | 'rollover'; finalValue: string; startValue: string }[];
}

/** The lines of a bill, with names and prices copied at issue time. */
export const billLines = pgTable(
	'bill_lines',
	{
		id: uuid().primaryKey().defaultRandom(),
		billId: uuid()
			.notNull()
			.references(() => bills.id),
		feeItemId: uuid().references(() => feeItems.id),
		nameEn: text().notNull(),
		nameZhHans: text().notNull(),
		nameZhHant: text().notNull(),
		/** m², kWh, m³ or a count, as shown on the bill. */
		quantity: numeric({ precision: 14, scale: 2 }).notNull(),
		priceMicro: bigint({ mode: 'number' }).notNull(),
		amountMinor: integer().notNull(),
		sort: integer().notNull().default(0),
		/** A metered line's readings as billed: the one before the period, the last in it, and any meter changes between. */
		readings: jsonb().$type<BilledReadings>()
	},
	(t) => [index('bill_lines_bill').on(t.billId)]
);

export const ledgerKind = pgEnum('ledger_kind', [
	'charge',
	'payment',
	'refund',
	'deduction',
	'write_off',
	'deposit_held',
	'deposit_refund',
	/** A credit note against a bill (fees/corrections.ts): negative, on the bill. */
	'credit_note',
	/** The reversal of a voided bill's charge: negative, on the bill. */
	'reversal'
]);

/**
 * The unit's account (一戶一賬): every charge, payment, refund, deduction and write-off as an entry
 * in integer minor units. Positive amounts are owed by the unit, negative ones paid or credited;
 * the balance is the sum. Each entry is of one party (owner or renter), so a resident's balance is
 * its party's part while finance sees the whole. Append-only: a correction is a new entry.
 */
export const ledgerEntries = pgTable(
	'ledger_entries',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		kind: ledgerKind().notNull(),
		/** Whose part of the account: the bill's, payment's or refund's party. */
		party: occupancyRole().notNull(),
		amountMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		billId: uuid().references(() => bills.id),
		paymentId: uuid(),
		/** The business date (a back-dated counter payment keeps the day it was received). */
		effectiveOn: date().notNull(),
		note: text().notNull().default(''),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('ledger_entries_unit').on(t.unitId, t.effectiveOn, t.id),
		index('ledger_entries_bill').on(t.billId),
		index('ledger_entries_payment').on(t.paymentId),
		check('ledger_entries_nonzero', sql`${t.amountMinor} <> 0`)
	]
);

export const paymentProvider = pgEnum('payment_provider', ['counter', 'stripe', 'sandbox']);
export const paymentState = pgEnum('payment_state', ['pending', 'succeeded', 'failed', 'expired']);

/**
 * A payment attempt for one or more bills of a unit — or, a company's, of several of its units
 * (companyId; no unit or party of its own). Online payments start pending and only a verified
 * webhook marks them succeeded; the idempotency key makes a repeated "pay" the same payment.
 */
export const payments = pgTable(
	'payments',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The unit paid for; null for a company's payment of several units' bills (companyId). */
		unitId: uuid().references(() => units.id),
		provider: paymentProvider().notNull(),
		state: paymentState().notNull().default('pending'),
		/**
		 * The party paying: all the bills it pays are this party's, and its credit stays with it.
		 * Null for a company's payment: each bill's own party takes its part.
		 */
		party: occupancyRole(),
		/** A company's one payment of the open bills of several of its units (its admin's checkout). */
		companyId: uuid().references(() => residentCompanies.id),
		amountMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		idempotencyKey: text().notNull(),
		/** The provider's id (Stripe Checkout Session, sandbox session). */
		providerRef: text(),
		/** Where the payer pays (the provider's page): a second "pay" of the same bills resumes it. */
		checkoutUrl: text(),
		/** cash, bank_transfer, pos, card, alipay, wechat_pay … */
		method: text().notNull().default(''),
		/** The paper receipt number of a counter payment. */
		counterReceiptNo: text(),
		receivedOn: date(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		settledAt: timestamp({ withTimezone: true })
	},
	(t) => [
		uniqueIndex('payments_idempotency').on(t.idempotencyKey),
		uniqueIndex('payments_provider_ref')
			.on(t.provider, t.providerRef)
			.where(sql`${t.providerRef} is not null`),
		index('payments_unit_created').on(t.unitId, t.createdAt),
		index('payments_company_created')
			.on(t.companyId, t.createdAt)
			.where(sql`${t.companyId} is not null`),
		check('payments_amount', sql`${t.amountMinor} > 0`),
		check(
			'payments_payer',
			sql`(${t.companyId} is null and ${t.unitId} is not null and ${t.party} is not null) or (${t.companyId} is not null and ${t.unitId} is null and ${t.party} is null)`
		)
	]
);

/** Which bills a payment pays, and how much of each. */
export const paymentAllocations = pgTable(
	'payment_allocations',
	{
		paymentId: uuid()
			.notNull()
			.references(() => payments.id),
		billId: uuid()
			.notNull()
			.references(() => bills.id),
		amountMinor: integer().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.paymentId, t.billId] }),
		index('payment_allocations_bill').on(t.billId),
		check('payment_allocations_amount', sql`${t.amountMinor} > 0`)
	]
);

/**
 * The bills an online checkout is open for: at most one per bill (the primary key), so a second
 * "pay" cannot open a second checkout while the first may still be paid. A row lives while its
 * payment is pending and is removed in the transaction that ends it.
 */
export const openCheckouts = pgTable(
	'open_checkouts',
	{
		billId: uuid()
			.primaryKey()
			.references(() => bills.id),
		paymentId: uuid()
			.notNull()
			.references(() => payments.id)
	},
	(t) => [index('open_checkouts_payment').on(t.paymentId)]
);

/** Provider webhook events already handled, by the provider's event id: a replay changes nothing. */
export const paymentWebhookEvents = pgTable(
	'payment_webhook_events',
	{
		provider: paymentProvider().notNull(),
		eventId: text().notNull(),
		type: text().notNull(),
		payload: jsonb().$type<Record<string, unknown>>().notNull(),
		receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.provider, t.eventId] })]
);

/** A receipt (收據) for a succeeded payment, numbered, with its PDF. */
export const receipts = pgTable(
	'receipts',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		paymentId: uuid()
			.notNull()
			.references(() => payments.id),
		fileId: uuid().references(() => files.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('receipts_payment').on(t.paymentId), uniqueIndex('receipts_seq').on(t.seq)]
);

/**
 * Finance settings (one row): the currency new prices and bills use, the days after a bill's due
 * date on which arrears reminders (催繳) go out, the days a bill is due after issue, and the refund
 * amount above which a manager must approve.
 */
export const feeSettings = pgTable(
	'fee_settings',
	{
		id: boolean().primaryKey().default(true),
		currency: text().notNull().default('CNY'),
		dueDays: integer().notNull().default(15),
		reminderDays: integer()
			.array()
			.notNull()
			.default(sql`'{3,15,30}'::integer[]`),
		refundApprovalMinor: integer().notNull().default(100000),
		/** A bill correction (void, credit note, lower line, write-off) taking off more than this needs a manager's approval. */
		correctionApprovalMinor: integer().notNull().default(100000),
		updatedBy: uuid().references(() => users.id),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('fee_settings_single_row', sql`${t.id}`),
		check('fee_settings_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
		check('fee_settings_due_days', sql`${t.dueDays} between 1 and 120`),
		check('fee_settings_refund_threshold', sql`${t.refundApprovalMinor} >= 0`),
		check('fee_settings_correction_threshold', sql`${t.correctionApprovalMinor} >= 0`)
	]
);

/** An arrears reminder sent for a bill at one step of the schedule (days after due): at most once each. */
export const arrearsReminders = pgTable(
	'arrears_reminders',
	{
		billId: uuid()
			.notNull()
			.references(() => bills.id),
		daysOverdue: integer().notNull(),
		outstandingMinor: integer().notNull(),
		sentAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.billId, t.daysOverdue] })]
);

export const refundKind = pgEnum('refund_kind', ['deposit', 'credit']);
export const refundState = pgEnum('refund_state', ['requested', 'approved', 'rejected', 'paid']);

/**
 * A refund (退款) of a held deposit (on move-out or renovation completion, minus deductions for
 * damages) or of credit on the account. Above the threshold in fee_settings a manager approves
 * it; the ledger entries are written only when it is paid out.
 */
export const refunds = pgTable(
	'refunds',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		kind: refundKind().notNull(),
		/** Whose deposit or credit: the deposit bill's party, or the party whose credit is refunded. */
		party: occupancyRole().notNull(),
		/** The deposit bill released (kind deposit). */
		depositBillId: uuid().references(() => bills.id),
		/** What is released: the deposit held, or the credit refunded. */
		grossMinor: integer().notNull(),
		/**
		 * Each deduction with its reason, e.g. [{ reason: 'Broken window', amountMinor: 35000 }]; with
		 * billId, it settles what that open bill owes (a renovation fine) out of the deposit.
		 */
		deductions: jsonb().$type<{ reason: string; amountMinor: number; billId?: string }[]>().notNull().default([]),
		/** Paid out: gross − deductions. */
		payoutMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		reason: text().notNull(),
		state: refundState().notNull().default('requested'),
		needsApproval: boolean().notNull(),
		requestedBy: uuid()
			.notNull()
			.references(() => users.id),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		decisionNote: text().notNull().default(''),
		method: text().notNull().default(''),
		paidBy: uuid().references(() => users.id),
		paidOn: date(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('refunds_seq').on(t.seq),
		index('refunds_unit').on(t.unitId, t.createdAt),
		index('refunds_state').on(t.state, t.createdAt),
		uniqueIndex('refunds_deposit_once')
			.on(t.depositBillId)
			.where(sql`${t.depositBillId} is not null and ${t.state} <> 'rejected'`),
		check('refunds_amounts', sql`${t.grossMinor} > 0 and ${t.payoutMinor} >= 0 and ${t.payoutMinor} <= ${t.grossMinor}`)
	]
);

export const correctionKind = pgEnum('correction_kind', ['void', 'credit_note', 'adjust_line', 'write_off']);
export const correctionState = pgEnum('correction_state', ['requested', 'applied', 'rejected', 'reissued']);

/** A line adjustment: the bill line corrected, what it came to before and what it should come to. */
export interface CorrectedLine {
	lineId: string;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	/** What the line came to before this adjustment (its amount with earlier adjustments). */
	beforeMinor: number;
	quantity: string;
	priceMicro: number;
	/** quantity × price, half-up: what the line should come to. */
	afterMinor: number;
}

/**
 * A correction of a bill (rule 6; a bill is never edited): void it, credit part of it, adjust a
 * line, or write off what it still owes — each with a reason. Above the threshold in fee_settings
 * it waits for a manager who did not ask for it; applied, it writes the ledger in the same
 * transaction (fees/corrections.ts). A voided bill may then be reissued corrected (state reissued).
 */
export const billCorrections = pgTable(
	'bill_corrections',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		kind: correctionKind().notNull(),
		state: correctionState().notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		billId: uuid()
			.notNull()
			.references(() => bills.id),
		/** The bill's party: whose part of the account it corrects. */
		party: occupancyRole().notNull(),
		/** What it takes off the bill (reversed, credited, written off), or a line's increase (charged on a new bill). */
		amountMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		/** adjust_line: the line and its corrected quantity and price. */
		line: jsonb().$type<CorrectedLine>(),
		reason: text().notNull(),
		needsApproval: boolean().notNull(),
		requestedBy: uuid()
			.notNull()
			.references(() => users.id),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		decisionNote: text().notNull().default(''),
		appliedAt: timestamp({ withTimezone: true }),
		/** The bill this correction issued: the corrected bill after a void, or a line's increase. */
		issuedBillId: uuid().references(() => bills.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('bill_corrections_seq').on(t.seq),
		index('bill_corrections_unit').on(t.unitId, t.createdAt),
		index('bill_corrections_bill').on(t.billId),
		index('bill_corrections_state').on(t.state, t.createdAt),
		index('bill_corrections_issued_bill').on(t.issuedBillId),
		// One correction of a bill waits at a time: two requests cannot both count on what it owes.
		uniqueIndex('bill_corrections_one_waiting')
			.on(t.billId)
			.where(sql`${t.state} = 'requested'`),
		check('bill_corrections_amount', sql`${t.amountMinor} > 0`)
	]
);

/**
 * A credit note (貸項通知單): the numbered document a credit against a bill issues, with its lines.
 * Append-only like the ledger (drizzle-extra/fee-corrections.sql): a wrong credit note is
 * corrected by another document, never edited.
 */
export const creditNotes = pgTable(
	'credit_notes',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		correctionId: uuid()
			.notNull()
			.references(() => billCorrections.id),
		billId: uuid()
			.notNull()
			.references(() => bills.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		party: occupancyRole().notNull(),
		/** What it credits, positive (the ledger entry is its negative). */
		amountMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		issuedOn: date().notNull(),
		reason: text().notNull(),
		lines: jsonb().$type<{ nameEn: string; nameZhHans: string; nameZhHant: string; amountMinor: number }[]>().notNull(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('credit_notes_seq').on(t.seq),
		uniqueIndex('credit_notes_correction').on(t.correctionId),
		index('credit_notes_bill').on(t.billId),
		index('credit_notes_unit').on(t.unitId, t.issuedOn),
		check('credit_notes_amount', sql`${t.amountMinor} > 0`)
	]
);

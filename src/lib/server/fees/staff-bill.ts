/**
 * One bill as the finance desk sees it (/staff/fees/bills/[id], linked from the unit account and
 * the bill list): its unit and party, its lines with the readings a metered line was billed from,
 * every payment against it — how, when, who took it at the counter (or paid it online, for a
 * company), with its receipt — the write-offs and deductions on it, and its timeline. Staff see
 * bills of their estates only (fees.read); any other bill is "not found".
 */
import { error } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { businessToday } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireEstate, requireStaff } from '../auth/guards.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { listEventsWithActors } from '../events/service.ts';
import { receiptsForPayments } from '../receipts/queries.ts';
import { billsOutstanding } from './ledger.ts';
import { billLinesForDisplay, type BillLine } from './bill-lines.ts';
import type { BillState } from './bill-machine.ts';
import type { Party } from './parties.ts';
import type { BillSource } from './staff-bills.ts';

export interface StaffBillPayment {
	paymentId: string;
	provider: 'counter' | 'stripe' | 'sandbox';
	state: 'pending' | 'succeeded' | 'failed' | 'expired';
	method: string;
	/** The part of the payment that went to this bill, and the whole payment. */
	amountMinor: number;
	paymentMinor: number;
	/** The business day the money came in; null while pending. */
	paidOn: string | null;
	/** The counter's paper receipt number. */
	counterReceiptNo: string | null;
	/** Who took it at the counter, or who paid online. */
	byName: string | null;
	/** A company's one payment of several units' bills. */
	companyName: string | null;
	receipt: { number: string; href: string } | null;
}

export interface StaffBillDetail {
	bill: {
		id: string;
		seq: number;
		source: BillSource;
		period: string | null;
		state: BillState;
		party: Party;
		totalMinor: number;
		outstandingMinor: number;
		currency: string;
		issuedOn: string;
		dueOn: string;
		paidAt: Date | null;
		overdue: boolean;
	};
	unit: { id: string; number: string; buildingName: string; estateCode: string; estateName: string; timeZone: string };
	lines: BillLine[];
	payments: StaffBillPayment[];
	adjustments: { kind: 'write_off' | 'deduction'; amountMinor: number; effectiveOn: string; note: string }[];
	timeline: { id: number; at: Date; kind: string; note: string; actorName: string | null }[];
}

export async function staffBill(actor: Actor, billId: string, executor: Executor = db()): Promise<StaffBillDetail> {
	requireStaff(actor, 'fees.read');
	if (!isUuid(billId)) error(404, 'Not found');
	const [row] = await queryRows<{
		id: string;
		seq: string | number;
		source: BillSource;
		period: string | null;
		state: BillState;
		party: Party;
		total_minor: string | number;
		currency: string;
		issued_on: string;
		due_on: string;
		paid_at: string | Date | null;
		estate_id: string;
		unit_id: string;
		unit_number: string;
		building_name: string;
		estate_code: string;
		estate_name: string;
		time_zone: string;
	}>(
		executor,
		sql`select b.id, b.seq, b.source, b.period, b.state, b.party, b.total_minor, b.currency, b.issued_on::text as issued_on,
				b.due_on::text as due_on, b.paid_at, b.estate_id, un.id as unit_id, un.number as unit_number, bd.name as building_name,
				e.code as estate_code, e.name as estate_name, e.time_zone
			from bills b join units un on un.id = b.unit_id join buildings bd on bd.id = un.building_id join estates e on e.id = un.estate_id
			where b.id = ${billId}::uuid`
	);
	// Another estate's bill is reported exactly like a missing one.
	if (!row) error(404, 'Not found');
	requireEstate(actor, row.estate_id);
	const [outstanding, lines, payments, adjustments, events] = await Promise.all([
		billsOutstanding(executor, [row.id]),
		billLinesForDisplay(executor, row.id),
		queryRows<{
			payment_id: string;
			provider: StaffBillPayment['provider'];
			state: StaffBillPayment['state'];
			method: string;
			amount_minor: string | number;
			payment_minor: string | number;
			received_on: string | null;
			settled_at: string | Date | null;
			counter_receipt_no: string | null;
			by_name: string | null;
			company_name: string | null;
		}>(
			executor,
			sql`select p.id as payment_id, p.provider, p.state, p.method, pa.amount_minor, p.amount_minor as payment_minor,
					p.received_on::text as received_on, p.settled_at, p.counter_receipt_no, u.name as by_name, c.name as company_name
				from payment_allocations pa join payments p on p.id = pa.payment_id
				left join users u on u.id = p.created_by
				left join resident_companies c on c.id = p.company_id
				where pa.bill_id = ${row.id}::uuid and p.state in ('succeeded', 'pending')
				order by p.created_at, p.id`
		),
		queryRows<{ kind: 'write_off' | 'deduction'; amount_minor: string | number; effective_on: string; note: string }>(
			executor,
			sql`select kind, amount_minor, effective_on::text as effective_on, note from ledger_entries
				where bill_id = ${row.id}::uuid and kind in ('write_off', 'deduction') order by effective_on, id`
		),
		listEventsWithActors('bill', row.id, executor)
	]);
	const receipts = new Map(
		(
			await receiptsForPayments(
				actor,
				payments.filter((p) => p.state === 'succeeded').map((p) => p.payment_id)
			)
		).map((r) => [r.paymentId, r])
	);
	const zone = { timeZone: row.time_zone };
	const owed = row.state === 'open' ? (outstanding.get(row.id) ?? 0) : 0;
	return {
		bill: {
			id: row.id,
			seq: Number(row.seq),
			source: row.source,
			period: row.period,
			state: row.state,
			party: row.party,
			totalMinor: Number(row.total_minor),
			outstandingMinor: owed,
			currency: row.currency,
			issuedOn: row.issued_on,
			dueOn: row.due_on,
			paidAt: row.paid_at ? new Date(row.paid_at) : null,
			overdue: owed > 0 && row.due_on < businessToday(zone)
		},
		unit: {
			id: row.unit_id,
			number: row.unit_number,
			buildingName: row.building_name,
			estateCode: row.estate_code,
			estateName: row.estate_name,
			timeZone: row.time_zone
		},
		lines,
		payments: payments.map((p) => {
			const receipt = receipts.get(p.payment_id);
			return {
				paymentId: p.payment_id,
				provider: p.provider,
				state: p.state,
				method: p.method,
				amountMinor: Number(p.amount_minor),
				paymentMinor: Number(p.payment_minor),
				paidOn: p.received_on ?? (p.settled_at ? businessToday(zone, new Date(p.settled_at)) : null),
				counterReceiptNo: p.counter_receipt_no,
				byName: p.by_name,
				companyName: p.company_name,
				receipt: receipt ? { number: receipt.number, href: receipt.href } : null
			};
		}),
		adjustments: adjustments.map((a) => ({ kind: a.kind, amountMinor: Number(a.amount_minor), effectiveOn: a.effective_on, note: a.note })),
		timeline: events.map((e) => ({ id: e.id, at: e.at, kind: e.kind, note: e.note, actorName: e.actorName }))
	};
}

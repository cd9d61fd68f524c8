// Bill corrections: a wrong bill is never edited — it is voided (and reissued), credited, adjusted
// or written off through the ledger, with a reason, approved by a second manager above the limit.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, queryRows } from '../db/client.ts';
import { auditLog, billCorrections, bills, creditNotes, events, ledgerEntries, notifications } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { actorFor, makeEstate, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { inputErrorOf, thrown } from '../../../../tests/request-event.ts';
import { StaleStateError } from '#lib/server/kernel/input-error.ts';
import { correctionCapacities, correctionMachine } from './correction-machine.ts';
import {
	correctionDetail,
	correctionFormContext,
	decideCorrection,
	listCorrections,
	reissueBill,
	requestCorrection,
	unitCorrections
} from './corrections.ts';
import { creditNotePdf, myBillCorrections } from './credit-notes.ts';
import { issueBill } from './issue-bill.ts';
import { billsOutstanding, unitBalance } from './ledger.ts';
import { myBill, residentBillsPage } from './resident.ts';
import { DEFAULT_FEE_SETTINGS, feeSettings, saveFeeSettings } from './settings.ts';
import { fixtureToday } from './test-fixtures.ts';

const today = fixtureToday();

let place: Awaited<ReturnType<typeof makeEstate>>;
let unitId: string;
let resident: Actor;
let neighbour: Actor;
let finance: Actor;
let manager: Actor;
let otherManager: Actor;
let service: Actor;
let otherEstateManager: Actor;

beforeAll(async () => {
	place = await makeEstate();
	const unit = await makeUnit(place, '12A');
	unitId = unit.id;
	const owner = await makeUser('Chan Tai Man');
	await occupy(unitId, { userId: owner.id });
	resident = await actorFor(owner.id);
	const other = await makeUnit(place, '8C');
	const neighbourUser = await makeUser('Neighbour');
	await occupy(other.id, { userId: neighbourUser.id });
	neighbour = await actorFor(neighbourUser.id);
	const estateIds = [place.estate.id];
	finance = await actorFor((await makeStaff('Finance Fong', ['finance'], estateIds)).id);
	manager = await actorFor((await makeStaff('Manager Mok', ['manager'], estateIds)).id);
	otherManager = await actorFor((await makeStaff('Manager Ma', ['manager'], estateIds)).id);
	service = await actorFor((await makeStaff('Desk Tse', ['customer_service'], estateIds)).id);
	const elsewhere = await makeEstate('Elsewhere Court');
	otherEstateManager = await actorFor((await makeStaff('Manager Far', ['manager'], [elsewhere.estate.id])).id);
	expect((await feeSettings()).correctionApprovalMinor).toBe(100_000);
});

/** A one-off management-fee bill of the unit: `quantity` m² at `price` (minor units) per m². */
async function bill(quantity: string, priceMinor: number, name = 'Management fee') {
	return db().transaction((tx) =>
		issueBill(tx, {
			unitId,
			payer: { party: 'owner' },
			source: 'manual',
			period: '2026-11',
			lines: [{ feeItemId: null, nameEn: name, nameZhHans: '管理费', nameZhHant: '管理費', quantity, priceMicro: priceMinor * 10_000 }],
			issuedOn: today,
			actorId: null
		})
	);
}

/**
 * The ledger balances: the sum of the unit's entries is what its open bills still owe, less the
 * credit held (payments not allocated to a bill, credit notes beyond what their bill owed).
 */
async function expectBalanced(creditMinor = 0) {
	const open = await db()
		.select({ id: bills.id })
		.from(bills)
		.where(and(eq(bills.unitId, unitId), eq(bills.state, 'open')));
	const owed = [
		...(
			await billsOutstanding(
				db(),
				open.map((b) => b.id)
			)
		).values()
	].reduce((sum, v) => sum + v, 0);
	const [entries] = await queryRows<{ sum: string }>(
		db(),
		sql`select coalesce(sum(amount_minor), 0)::bigint as sum from ledger_entries where unit_id = ${unitId}::uuid`
	);
	expect(Number(entries!.sum)).toBe(await unitBalance(db(), unitId));
	expect(await unitBalance(db(), unitId)).toBe(owed - creditMinor);
}

const entriesOf = (billId: string) =>
	db()
		.select({ kind: ledgerEntries.kind, amountMinor: ledgerEntries.amountMinor, note: ledgerEntries.note })
		.from(ledgerEntries)
		.where(eq(ledgerEntries.billId, billId))
		.orderBy(asc(ledgerEntries.id));

const auditOf = (subjectId: string) =>
	db()
		.select({ action: auditLog.action, actorId: auditLog.actorId })
		.from(auditLog)
		.where(eq(auditLog.subjectId, subjectId))
		.orderBy(asc(auditLog.id));

describe('the correction rules as data', () => {
	it('offer approval to a manager who did not ask, and the reissue to the desk after a void', () => {
		const byFinance = { requestedBy: finance.userId, kind: 'write_off' as const };
		expect(correctionMachine.open('requested', correctionCapacities(manager, byFinance))).toEqual(['approve', 'reject']);
		// Four eyes: whoever asked never approves, manager or not.
		expect(correctionMachine.open('requested', correctionCapacities(manager, { ...byFinance, requestedBy: manager.userId }))).toEqual([]);
		expect(correctionMachine.open('requested', correctionCapacities(finance, byFinance))).toEqual([]);
		expect(correctionMachine.open('applied', correctionCapacities(finance, { ...byFinance, kind: 'void' }))).toEqual(['reissue']);
		expect(correctionMachine.open('applied', correctionCapacities(finance, byFinance))).toEqual([]);
	});
});

describe('voiding a wrong bill and reissuing it', () => {
	it('keeps the bill, marked void with a reversing entry, and issues the corrected bill through issue-bill', async () => {
		// 120 m² billed where the unit has 102: 120 × 3.80 = 456.00.
		const wrong = await bill('120', 380);
		const { correctionId, state } = await requestCorrection(finance, {
			billId: wrong.billId,
			kind: 'void',
			reason: 'Billed on 120 m²; the flat is 102 m².'
		});
		expect(state).toBe('applied'); // 456.00 is within the 1 000.00 limit
		const [voided] = await db().select().from(bills).where(eq(bills.id, wrong.billId));
		expect(voided).toMatchObject({ state: 'void', totalMinor: 45_600 });
		expect(await entriesOf(wrong.billId)).toEqual([
			{ kind: 'charge', amountMinor: 45_600, note: '' },
			{ kind: 'reversal', amountMinor: -45_600, note: 'Billed on 120 m²; the flat is 102 m².' }
		]);
		await expectBalanced();

		const reissued = await reissueBill(finance, correctionId, { lines: [{ quantity: '102', unitPrice: '3.80' }] });
		expect(reissued.totalMinor).toBe(38_760);
		const [fresh] = await db().select().from(bills).where(eq(bills.id, reissued.billId));
		expect(fresh).toMatchObject({ state: 'open', party: 'owner', period: '2026-11', source: 'manual', sourceId: correctionId });
		await expectBalanced();
		expect(await unitBalance(db(), unitId)).toBe(38_760);
		// Reissued once only.
		expect(
			await inputErrorOf(() => reissueBill(finance, correctionId, { lines: [{ quantity: '102', unitPrice: '3.80' }] }))
		).toBeInstanceOf(StaleStateError);
		expect(await auditOf(correctionId)).toEqual([
			{ action: 'bill.void', actorId: finance.userId },
			{ action: 'bill.reissue', actorId: finance.userId }
		]);
		const kinds = await db().select({ kind: events.kind }).from(events).where(eq(events.subjectId, wrong.billId)).orderBy(asc(events.id));
		expect(kinds.map((k) => k.kind)).toEqual(['issue', 'void']);

		// The resident sees the void with its reason, and the bill that replaced it.
		const detail = await myBill(resident, wrong.billId);
		expect(detail.bill.state).toBe('void');
		expect(detail.bill.outstandingMinor).toBe(0);
		const seen = await myBillCorrections(resident, { billId: wrong.billId });
		expect(seen).toMatchObject([
			{
				kind: 'void',
				reason: 'Billed on 120 m²; the flat is 102 m².',
				issuedBill: { id: reissued.billId, seq: reissued.seq },
				creditNote: null
			}
		]);
		// … and on the corrected bill's page, the void it replaces.
		expect((await myBillCorrections(resident, { billId: reissued.billId })).map((c) => c.id)).toEqual([correctionId]);
		expect(await myBillCorrections(neighbour, { billId: wrong.billId })).toEqual([]);
		const notices = await db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, resident.userId));
		expect(notices.map((n) => n.kind)).toContain('bill.void');
	});

	it('refuses to void a bill money was received on: a credit note corrects it instead', async () => {
		const partly = await bill('10', 1_000); // 100.00
		await recordCounterPayment(finance, {
			unitId,
			amountMinor: 4_000,
			method: 'cash',
			receiptNo: 'CORR-1',
			receivedOn: today,
			allocations: [{ billId: partly.billId, amountMinor: 4_000 }]
		});
		const refused = await inputErrorOf(() => requestCorrection(finance, { billId: partly.billId, kind: 'void', reason: 'Wrong' }));
		expect(refused.field).toBe('kind');
		const context = await correctionFormContext(finance, partly.billId);
		expect(context.refusals.void).toBe(refused.message);
		expect(context.refusals.credit_note).toBeNull();
		// Credit the whole bill: 60.00 settles what it owes, 40.00 (already paid) stays as credit.
		const { state } = await requestCorrection(finance, {
			billId: partly.billId,
			kind: 'credit_note',
			amountMinor: 10_000,
			reason: 'Not ours to bill'
		});
		expect(state).toBe('applied');
		const [settled] = await db().select().from(bills).where(eq(bills.id, partly.billId));
		expect(settled!.state).toBe('paid');
		await expectBalanced(4_000);
		// Nothing left to credit; the next request is refused at its field.
		expect(
			(
				await inputErrorOf(() =>
					requestCorrection(finance, { billId: partly.billId, kind: 'credit_note', amountMinor: 1, reason: 'Again' })
				)
			).field
		).toBe('kind');
	});
});

describe('a credit note', () => {
	it('reduces what the resident owes, with its own number, a ledger entry and a PDF only its readers open', async () => {
		const before = await residentBillsPage(resident);
		const target = await bill('80', 1_000); // 800.00
		const { correctionId } = await requestCorrection(finance, {
			billId: target.billId,
			kind: 'credit_note',
			amountMinor: 12_000,
			reason: 'Lift closed for three weeks: 120.00 off, as agreed with the owners’ committee.'
		});
		const [note] = await db().select().from(creditNotes).where(eq(creditNotes.correctionId, correctionId));
		expect(note).toMatchObject({ billId: target.billId, amountMinor: 12_000, party: 'owner', issuedOn: today });
		expect(await entriesOf(target.billId)).toEqual([
			{ kind: 'charge', amountMinor: 80_000, note: '' },
			{ kind: 'credit_note', amountMinor: -12_000, note: `CN${String(note!.seq).padStart(6, '0')}` }
		]);
		const detail = await myBill(resident, target.billId);
		expect(detail.bill).toMatchObject({ state: 'open', totalMinor: 80_000, outstandingMinor: 68_000 });
		const after = await residentBillsPage(resident);
		expect(after.units[0]!.dueMinor - before.units[0]!.dueMinor).toBe(68_000);
		const listed = await myBillCorrections(resident, { unitIds: [unitId] });
		expect(listed[0]).toMatchObject({
			kind: 'credit_note',
			amountMinor: 12_000,
			creditNote: { id: note!.id, href: `/files/credit-note/${note!.id}` }
		});
		await expectBalanced(4_000);

		const pdf = await creditNotePdf(resident, note!.id, { locale: 'zh-Hant' });
		expect(Buffer.from(pdf.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		expect(pdf.filename).toMatch(/^credit-note-CN\d{6}\.pdf$/);
		expect((await creditNotePdf(finance, note!.id, { locale: 'en' })).pdf.byteLength).toBeGreaterThan(1000);
		expect((await thrown(() => creditNotePdf(neighbour, note!.id, { locale: 'en' }))).status).toBe(404);
		expect((await thrown(() => creditNotePdf(otherEstateManager, note!.id, { locale: 'en' }))).status).toBe(404);

		// A credit note is a document: never edited, never removed.
		await expect(db().update(creditNotes).set({ amountMinor: 1 }).where(eq(creditNotes.id, note!.id))).rejects.toThrow();
		await expect(db().delete(creditNotes).where(eq(creditNotes.id, note!.id))).rejects.toThrow();
	});

	it('adjusts a line: lower, a credit note for the difference; higher, a new bill for it', async () => {
		const target = await bill('100', 400); // 400.00
		const context = await correctionFormContext(finance, target.billId);
		const lineId = context.lines[0]!.id;
		await requestCorrection(finance, {
			billId: target.billId,
			kind: 'adjust_line',
			lineId,
			quantity: '95',
			priceMicro: 4_000_000,
			reason: 'Area is 95 m²'
		});
		expect((await myBill(resident, target.billId)).bill.outstandingMinor).toBe(38_000);
		expect((await correctionFormContext(finance, target.billId)).lines[0]!.currentMinor).toBe(38_000);
		const raised = await requestCorrection(finance, {
			billId: target.billId,
			kind: 'adjust_line',
			lineId,
			quantity: '95',
			priceMicro: 4_200_000,
			reason: 'The 2026 price is 4.20'
		});
		const [correction] = await db().select().from(billCorrections).where(eq(billCorrections.id, raised.correctionId));
		expect(correction).toMatchObject({ state: 'applied', amountMinor: 1_900, needsApproval: false });
		const [extra] = await db().select().from(bills).where(eq(bills.id, correction!.issuedBillId!));
		expect(extra).toMatchObject({ state: 'open', totalMinor: 1_900, period: '2026-11' });
		expect(
			(
				await inputErrorOf(() =>
					requestCorrection(finance, {
						billId: target.billId,
						kind: 'adjust_line',
						lineId,
						quantity: '95',
						priceMicro: 4_200_000,
						reason: 'x'
					})
				)
			).field
		).toBe('quantity');
		await expectBalanced(4_000);
	});
});

describe('writing off a balance', () => {
	it('waits above the limit for a manager who did not ask, then writes it off in one transaction', async () => {
		const debt = await bill('100', 2_500); // 2 500.00, above the 1 000.00 limit
		const balanceBefore = await unitBalance(db(), unitId);
		const { correctionId, state } = await requestCorrection(manager, {
			billId: debt.billId,
			kind: 'write_off',
			reason: 'Tenant left in 2025; judgment unenforceable.'
		});
		expect(state).toBe('requested');
		// Not written off without the approval: the ledger and the bill are untouched.
		expect(await entriesOf(debt.billId)).toEqual([{ kind: 'charge', amountMinor: 250_000, note: '' }]);
		expect((await db().select().from(bills).where(eq(bills.id, debt.billId)))[0]!.state).toBe('open');
		expect(await unitBalance(db(), unitId)).toBe(balanceBefore);
		await expectBalanced(4_000);
		// The other managers are told; a second request for the bill waits its turn.
		const told = await db()
			.select({ userId: notifications.userId })
			.from(notifications)
			.where(eq(notifications.kind, 'correction.approval'));
		expect(told.map((t) => t.userId)).toEqual([otherManager.userId]);
		expect(
			(await inputErrorOf(() => requestCorrection(finance, { billId: debt.billId, kind: 'credit_note', amountMinor: 100, reason: 'x' })))
				.field
		).toBe('kind');

		// Four eyes: the requester cannot approve; finance may not approve at all; another estate does not see it.
		expect((await thrown(() => decideCorrection(manager, correctionId, { decision: 'approve', note: '' }))).status).toBe(403);
		expect((await thrown(() => decideCorrection(finance, correctionId, { decision: 'approve', note: '' }))).status).toBe(403);
		expect((await thrown(() => decideCorrection(otherEstateManager, correctionId, { decision: 'approve', note: '' }))).status).toBe(404);
		expect((await inputErrorOf(() => decideCorrection(otherManager, correctionId, { decision: 'reject', note: ' ' }))).field).toBe('note');

		expect(await decideCorrection(otherManager, correctionId, { decision: 'approve', note: 'Agreed at the finance meeting.' })).toBe(
			'applied'
		);
		expect((await db().select().from(bills).where(eq(bills.id, debt.billId)))[0]!.state).toBe('written_off');
		expect(await entriesOf(debt.billId)).toEqual([
			{ kind: 'charge', amountMinor: 250_000, note: '' },
			{ kind: 'write_off', amountMinor: -250_000, note: 'Tenant left in 2025; judgment unenforceable.' }
		]);
		expect(await unitBalance(db(), unitId)).toBe(balanceBefore - 250_000);
		await expectBalanced(4_000);
		expect(await auditOf(correctionId)).toEqual([
			{ action: 'correction.request', actorId: manager.userId },
			{ action: 'correction.approve', actorId: otherManager.userId },
			{ action: 'bill.write_off', actorId: otherManager.userId }
		]);
		// Decided once.
		expect(await inputErrorOf(() => decideCorrection(otherManager, correctionId, { decision: 'approve', note: '' }))).toBeInstanceOf(
			StaleStateError
		);

		// The resident reads that it was written off, not the office's reason.
		const detail = await myBill(resident, debt.billId);
		expect(detail.bill).toMatchObject({ state: 'written_off', outstandingMinor: 0 });
		expect(detail.adjustments).toEqual([{ kind: 'write_off', amountMinor: -250_000, effectiveOn: today, note: '' }]);
		expect(await myBillCorrections(resident, { billId: debt.billId })).toMatchObject([{ kind: 'write_off', reason: null }]);
		// Staff see it, with its reason, on the unit account.
		const onAccount = await unitCorrections(finance, unitId);
		expect(onAccount.rows.find((r) => r.id === correctionId)).toMatchObject({
			state: 'applied',
			reason: 'Tenant left in 2025; judgment unenforceable.'
		});
	});

	it('refuses a bill that changed while the request waited; a rejection leaves the ledger alone', async () => {
		const debt = await bill('50', 3_000); // 1 500.00
		const { correctionId } = await requestCorrection(finance, { billId: debt.billId, kind: 'write_off', reason: 'Uncollectable' });
		await recordCounterPayment(finance, {
			unitId,
			amountMinor: 50_000,
			method: 'cash',
			receiptNo: 'CORR-2',
			receivedOn: today,
			allocations: [{ billId: debt.billId, amountMinor: 50_000 }]
		});
		const changed = await inputErrorOf(() => decideCorrection(manager, correctionId, { decision: 'approve', note: '' }));
		expect(changed.field).toBe('');
		expect((await db().select().from(billCorrections).where(eq(billCorrections.id, correctionId)))[0]!.state).toBe('requested');
		expect(await decideCorrection(manager, correctionId, { decision: 'reject', note: 'Part paid since: ask again.' })).toBe('rejected');
		expect(await entriesOf(debt.billId)).toEqual([{ kind: 'charge', amountMinor: 150_000, note: '' }]);
		await expectBalanced(4_000);
		await saveFeeSettings(manager, { ...DEFAULT_FEE_SETTINGS, correctionApprovalMinor: 200_000 });
		expect((await requestCorrection(finance, { billId: debt.billId, kind: 'write_off', reason: 'Uncollectable' })).state).toBe('applied');
		await saveFeeSettings(manager, { ...DEFAULT_FEE_SETTINGS });
		await expectBalanced(4_000);
	});
});

describe('who may correct', () => {
	it('keeps corrections to the desk of the estate: others get 403 or 404', async () => {
		const target = await bill('1', 10_000);
		expect((await thrown(() => requestCorrection(service, { billId: target.billId, kind: 'void', reason: 'x' }))).status).toBe(403);
		expect((await thrown(() => requestCorrection(resident, { billId: target.billId, kind: 'void', reason: 'x' }))).status).toBe(403);
		expect((await thrown(() => requestCorrection(otherEstateManager, { billId: target.billId, kind: 'void', reason: 'x' }))).status).toBe(
			404
		);
		expect((await thrown(() => correctionFormContext(otherEstateManager, target.billId))).status).toBe(404);
		const { correctionId } = await requestCorrection(finance, { billId: target.billId, kind: 'void', reason: 'Duplicate' });
		expect((await correctionDetail(service, correctionId)).correction.kind).toBe('void');
		expect((await thrown(() => correctionDetail(otherEstateManager, correctionId))).status).toBe(404);
		expect((await thrown(() => reissueBill(service, correctionId, { lines: [{ quantity: '1', unitPrice: '1' }] }))).status).toBe(403);
		expect((await thrown(() => reissueBill(otherEstateManager, correctionId, { lines: [{ quantity: '1', unitPrice: '1' }] }))).status).toBe(
			404
		);
		expect((await thrown(() => unitCorrections(otherEstateManager, unitId))).status).toBe(404);
		expect((await listCorrections(otherEstateManager, { filter: 'all' })).rows).toEqual([]);
		expect((await listCorrections(finance, { filter: 'all' })).rows.length).toBeGreaterThan(3);
		expect(
			(await inputErrorOf(() => requestCorrection(finance, { billId: target.billId, kind: 'credit_note', amountMinor: 5, reason: ' ' })))
				.field
		).toBe('reason');
	});
});

// Receipts from a succeeded payment to the payer: the issue job (PDF stored, payer told in their
// language with the PDF attached), the file route and receiptsForPayments, scoped by the actor.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { billLines, files, notifications, outbox, receipts, users } from '../db/schema/index.ts';
import { jobHandlers } from '../boot/job-handlers.ts';
import { runDueJobs, type JobHandlers } from '../jobs/queue.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { useStorage } from '../storage/configured.ts';
import { useMailTransport } from '../notify/email.ts';
import { actorFor, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';
import { fixtureToday } from '../fees/test-fixtures.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { startPayment } from '../payments/service.ts';
import { completeSandbox } from '../payments/sandbox-complete.ts';
import { setPaymentProvider } from '../payments/providers.ts';
import { sandboxProvider } from '../payments/sandbox.ts';
import { openBill, payingUnit } from '../payments/test-fixtures.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { GET as receiptRoute } from '../../../routes/files/receipt/[id]/+server.ts';
import { issueReceiptJob } from './issue.ts';
import { receiptNumber } from './number.ts';
import { receiptsForPayments } from './queries.ts';
import type { Actor } from '../auth/actor.ts';

const handlers = jobHandlers as JobHandlers;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-receipts-'));
type SentMail = { to: string; subject: string; text: string; attachments?: { filename: string; contentType: string; content: Buffer }[] };
let sent: SentMail[] = [];

beforeAll(() => {
	useStorage(localDirectoryStorage(dir));
	setPaymentProvider('sandbox', sandboxProvider('receipts-test-secret'));
});
afterAll(() => {
	setPaymentProvider('sandbox', undefined);
	fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
	sent = [];
	useMailTransport({ sendMail: async (mail: unknown) => void sent.push(mail as SentMail) } as never);
});
afterEach(() => useMailTransport(undefined));

/** A resident reading Traditional Chinese pays a bill of two lines online (sandbox). */
async function paidOnline() {
	const place = await payingUnit();
	await db().update(users).set({ locale: 'zh-Hant' }).where(eq(users.id, place.resident.userId));
	const bill = await openBill(place.unit, 45000);
	await db()
		.insert(billLines)
		.values([
			{
				billId: bill.id,
				nameEn: 'Management fee 2026-10',
				nameZhHans: '物业管理费 2026年10月',
				nameZhHant: '管理費 2026年10月',
				quantity: '87.35',
				priceMicro: 3_800_000,
				amountMinor: 33193,
				sort: 1
			},
			{
				billId: bill.id,
				nameEn: 'Water',
				nameZhHans: '水费',
				nameZhHant: '水費',
				quantity: '1',
				priceMicro: 118_070_000,
				amountMinor: 11807,
				sort: 2
			}
		]);
	const started = await startPayment(place.resident, {
		billIds: [bill.id],
		idempotencyKey: randomUUID(),
		provider: 'sandbox',
		origin: 'http://localhost:3000'
	});
	await completeSandbox(started.redirectUrl!.split('/').pop()!, 'succeeded');
	const [receipt] = await db().select().from(receipts).where(eq(receipts.paymentId, started.paymentId));
	return { ...place, bill, paymentId: started.paymentId, receipt: receipt! };
}

async function runJobs() {
	// The issue job schedules the notify.deliver job: a second round sends the email.
	await runDueJobs({ handlers, workerId: 'receipts-test' });
	await runDueJobs({ handlers, workerId: 'receipts-test' });
}

const receiptRow = async (id: string) => (await db().select().from(receipts).where(eq(receipts.id, id)))[0]!;
const inboxOf = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId));

async function getReceipt(actor: Actor | null, id: string) {
	return receiptRoute(fakeEvent({ actor, path: `/files/receipt/${id}`, params: { id } }));
}

describe('the receipts.issue job', () => {
	it('stores the PDF and tells the payer once, in their language, with the PDF attached to the email', async () => {
		const { resident, receipt } = await paidOnline();
		await runJobs();
		const stored = await receiptRow(receipt.id);
		expect(stored.fileId).not.toBeNull();
		const [file] = await db().select().from(files).where(eq(files.id, stored.fileId!));
		expect(file).toMatchObject({
			contentType: 'application/pdf',
			subjectType: 'receipt',
			subjectId: receipt.id,
			uploadedBy: resident.userId
		});

		const number = receiptNumber(receipt.seq);
		const inbox = await inboxOf(resident.userId);
		expect(inbox.map((n) => ({ kind: n.kind, title: n.title, link: n.link }))).toEqual([
			{ kind: 'receipt.issued', title: `收據 ${number}`, link: `/files/receipt/${receipt.id}` }
		]);
		expect(inbox[0]!.body).toContain('CNY 450.00');
		expect(sent).toHaveLength(1);
		expect(sent[0]!.subject).toBe(`收據 ${number}`);
		expect(sent[0]!.attachments?.map((a) => [a.filename, a.contentType])).toEqual([[`receipt-${number}.pdf`, 'application/pdf']]);
		expect(sent[0]!.attachments![0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(sent[0]!.attachments![0]!.content.byteLength).toBe(file!.bytes);
		// The outbox keeps the record of the email.
		expect(await db().select().from(outbox).where(eq(outbox.recipient, sent[0]!.to))).toHaveLength(1);

		// Jobs run at least once: running it again stores nothing more and tells nobody twice.
		const job = { id: randomUUID() } as never;
		await issueReceiptJob({ receiptId: receipt.id }, { job, now: new Date(), db: db() });
		await runJobs();
		expect((await receiptRow(receipt.id)).fileId).toBe(stored.fileId);
		expect(
			await db()
				.select()
				.from(files)
				.where(and(eq(files.subjectType, 'receipt'), eq(files.subjectId, receipt.id)))
		).toHaveLength(1);
		expect(await inboxOf(resident.userId)).toHaveLength(1);
		expect(sent).toHaveLength(1);
	});

	it("tells the payment's party of the unit about a counter payment, which staff recorded: the owners of the owner's bill, not the renter", async () => {
		const { unit, resident, finance } = await payingUnit();
		const renter = await makeUser('Renter Lee');
		await occupy(unit.id, { userId: renter.id }, 'renter');
		const coOwner = await makeUser('Co-owner Ho');
		await occupy(unit.id, { userId: coOwner.id }, 'owner');
		const formerOwner = await makeUser('Former Owner');
		await occupy(unit.id, { userId: formerOwner.id }, 'owner', '2010-01-01', '2020-12-31');
		const bill = await openBill(unit, 1200);
		const { paymentId } = await recordCounterPayment(finance, {
			unitId: unit.id,
			billIds: [bill.id],
			amountMinor: 1200,
			method: 'cash',
			receiptNo: 'P-1',
			receivedOn: fixtureToday()
		});
		await runJobs();
		const [receipt] = await db().select().from(receipts).where(eq(receipts.paymentId, paymentId));
		expect(receipt!.fileId).not.toBeNull();
		expect((await inboxOf(resident.userId)).map((n) => n.title)).toEqual([`Receipt ${receiptNumber(receipt!.seq)}`]);
		expect(await inboxOf(coOwner.id)).toHaveLength(1);
		expect(await inboxOf(renter.id)).toEqual([]);
		expect(await inboxOf(formerOwner.id)).toEqual([]);
		expect(await inboxOf(finance.userId)).toEqual([]);
	});
});

describe('GET /files/receipt/[id]', () => {
	it('serves the PDF inline to the paying resident, rendering and storing it when the job has not run yet', async () => {
		const { resident, receipt } = await paidOnline();
		expect(receipt.fileId).toBeNull();
		const response = await getReceipt(resident, receipt.id);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(`inline; filename="receipt-${receiptNumber(receipt.seq)}.pdf"`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toMatch(/^private\b/);
		// Chromium's PDF viewer does not run under a CSP sandbox.
		expect(response.headers.get('content-security-policy')).not.toContain('sandbox');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const stored = await receiptRow(receipt.id);
		expect(stored.fileId).not.toBeNull();

		// The job then uses the stored file instead of making another.
		await runJobs();
		expect((await receiptRow(receipt.id)).fileId).toBe(stored.fileId);
		expect(await db().select().from(files).where(eq(files.subjectId, receipt.id))).toHaveLength(1);
		expect(sent[0]!.attachments![0]!.content.equals(bytes)).toBe(true);
	});

	it('answers 404 to a neighbour, staff without fees.read or of another estate, a visitor and a bad id; finance staff of the estate get it', async () => {
		const { place, receipt } = await paidOnline();
		const neighbourUnit = await makeUnit(place, '8C');
		const neighbour = await makeUser('Neighbour');
		await occupy(neighbourUnit.id, { userId: neighbour.id });
		const engineer = await makeStaff('Engineer', ['engineering'], [place.estate.id]);
		const elsewhere = await payingUnit('3C');
		const service = await makeStaff('Desk', ['customer_service'], [place.estate.id]);

		for (const actor of [await actorFor(neighbour.id), await actorFor(engineer.id), elsewhere.finance, elsewhere.resident, null]) {
			expect((await thrown(() => getReceipt(actor, receipt.id))).status).toBe(404);
		}
		const desk = await actorFor(service.id);
		expect((await thrown(() => getReceipt(desk, 'not-a-uuid'))).status).toBe(404);
		expect((await thrown(() => getReceipt(desk, randomUUID()))).status).toBe(404);
		expect((await getReceipt(desk, receipt.id)).status).toBe(200);
	});
});

describe('receiptsForPayments', () => {
	it('gives number and link of the receipts the actor may see, and nothing of other units', async () => {
		const mine = await paidOnline();
		const theirs = await paidOnline();
		const pending = await payingUnit('4D');
		const bill = await openBill(pending.unit, 100);
		const notPaid = await startPayment(pending.resident, {
			billIds: [bill.id],
			idempotencyKey: randomUUID(),
			provider: 'sandbox',
			origin: 'http://localhost:3000'
		});

		const expected = {
			paymentId: mine.paymentId,
			receiptId: mine.receipt.id,
			number: receiptNumber(mine.receipt.seq),
			href: `/files/receipt/${mine.receipt.id}`
		};
		expect(await receiptsForPayments(mine.resident, [mine.paymentId, theirs.paymentId, 'junk'])).toEqual([expected]);
		expect(await receiptsForPayments(mine.finance, [mine.paymentId, theirs.paymentId])).toEqual([expected]);
		expect(await receiptsForPayments(pending.resident, [notPaid.paymentId, mine.paymentId])).toEqual([]);
		const admin = await makeStaff('Admin', ['admin']);
		expect(
			(await receiptsForPayments(await actorFor(admin.id), [mine.paymentId, theirs.paymentId])).map((r) => r.paymentId).sort()
		).toEqual([mine.paymentId, theirs.paymentId].sort());
	});
});

describe('receipt numbers', () => {
	it('print the sequence with six digits, more when needed', () => {
		expect(receiptNumber(123)).toBe('R-000123');
		expect(receiptNumber(1_234_567)).toBe('R-1234567');
	});
});

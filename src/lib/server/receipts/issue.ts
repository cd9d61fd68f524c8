/**
 * Issuing a receipt (收據) for a succeeded payment, in two steps:
 *
 * 1. createReceipt, in the transaction that marks the payment succeeded: the numbered receipts row
 *    (one per payment, however often a webhook is replayed) and a durable 'receipts.issue' job.
 * 2. the job, after commit: renders the PDF, stores it (receipts.fileId) and tells the payers
 *    (inbox + email with the PDF attached) in their language. It runs at least once, so each step
 *    checks what is already done: the file is stored once, the payers are told once.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db as appDb, type Db, type Executor } from '../db/client.ts';
import { files, notifications, receipts } from '../db/schema/index.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { storeFile, type FileRow } from '../files/service.ts';
import { notify } from '../notify/notify.ts';
import { receiptDocument } from './document.ts';
import { moneyWithCode } from '#lib/money/index.ts';
import { receiptFilename, receiptHref } from './number.ts';
import { renderReceiptPdf } from './pdf.ts';

const RECEIPT_ISSUE_JOB = 'receipts.issue';
const RECEIPT_NOTIFICATION_KIND = 'receipt.issued';

export interface ReceiptsIssuePayload {
	receiptId: string;
}

/**
 * The payment's receipt row and its issue job, in the caller's transaction (the one that marks the
 * payment succeeded). A second call for the same payment returns the same receipt and adds nothing.
 */
export async function createReceipt(tx: Executor, paymentId: string): Promise<{ receiptId: string; created: boolean }> {
	const [row] = await tx
		.insert(receipts)
		.values({ paymentId })
		.onConflictDoNothing({ target: receipts.paymentId })
		.returning({ id: receipts.id });
	if (!row) {
		const [existing] = await tx.select({ id: receipts.id }).from(receipts).where(eq(receipts.paymentId, paymentId));
		return { receiptId: existing!.id, created: false };
	}
	await scheduleJob(tx, {
		kind: RECEIPT_ISSUE_JOB,
		payload: { receiptId: row.id },
		runAt: new Date(),
		dedupeKey: `${RECEIPT_ISSUE_JOB}:${row.id}`
	});
	return { receiptId: row.id, created: true };
}

async function fileRow(executor: Executor, fileId: string): Promise<FileRow> {
	const [file] = await executor.select().from(files).where(eq(files.id, fileId));
	if (!file) throw new Error(`The file ${fileId} of a receipt is missing.`);
	return file;
}

/**
 * The receipt's stored PDF, rendered and stored now if it is not yet (the job does this first; the
 * file route does it when someone opens a receipt before the job ran). Two callers at once both
 * render, but only the one that stores first under the row lock keeps its file.
 */
export async function ensureReceiptFile(receiptId: string, database: Db = appDb()): Promise<FileRow> {
	const [receipt] = await database.select({ fileId: receipts.fileId }).from(receipts).where(eq(receipts.id, receiptId));
	if (!receipt) throw new Error(`No receipt ${receiptId}.`);
	if (receipt.fileId) return fileRow(database, receipt.fileId);

	const document = await receiptDocument(database, receiptId);
	if (!document.ownerId) throw new Error(`Receipt ${receiptId}: nobody to record its file for (no payer, no creator).`);
	const pdf = await renderReceiptPdf(document.pdf);
	return database.transaction(async (tx) => {
		const [locked] = await tx.select({ fileId: receipts.fileId }).from(receipts).where(eq(receipts.id, receiptId)).for('update');
		if (locked!.fileId) return fileRow(tx, locked!.fileId);
		const file = await storeFile(
			tx,
			{ data: pdf, contentType: 'application/pdf', ownerId: document.ownerId! },
			{ type: 'receipt', id: receiptId }
		);
		await tx.update(receipts).set({ fileId: file.id }).where(eq(receipts.id, receiptId));
		return file;
	});
}

/** The 'receipts.issue' job: store the PDF, then tell the payers once (see the file comment). */
export const issueReceiptJob: JobHandler<ReceiptsIssuePayload> = async ({ receiptId }, { db }) => {
	const file = await ensureReceiptFile(receiptId, db);
	await db.transaction(async (tx) => {
		// The lock makes a second run wait for the first and then see its notifications.
		await tx.select({ id: receipts.id }).from(receipts).where(eq(receipts.id, receiptId)).for('update');
		const [told] = await tx
			.select({ id: notifications.id })
			.from(notifications)
			.where(
				and(
					eq(notifications.subjectType, 'receipt'),
					eq(notifications.subjectId, receiptId),
					eq(notifications.kind, RECEIPT_NOTIFICATION_KIND)
				)
			)
			.limit(1);
		if (told) return;
		const document = await receiptDocument(tx, receiptId);
		const amount = moneyWithCode(document.pdf.totalMinor, document.pdf.currency);
		await notify(tx, {
			userIds: document.payerIds,
			kind: RECEIPT_NOTIFICATION_KIND,
			subject: { type: 'receipt', id: receiptId },
			link: receiptHref(receiptId),
			message: (locale) => ({
				title: m.receipts_issued_title({ number: document.number }, { locale }),
				body: m.receipts_issued_body({ amount, unit: document.pdf.unitLabel, number: document.number }, { locale })
			}),
			channels: ['inbox', 'email'],
			attachments: [{ fileId: file.id, filename: receiptFilename(document.seq), contentType: 'application/pdf' }]
		});
	});
};

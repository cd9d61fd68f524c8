import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { notifications, renovationApplications } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { useStorage } from '../storage/configured.ts';
import { submittedApplication } from './testing/approved-application.ts';
import { addDocument } from './documents.ts';
import { applicationComments, applicationDocuments } from './queries.ts';
import { renovationBoard, sheetPage, staffRenovationPage } from './review-queries.ts';
import {
	answerComment,
	approveDrawings,
	approveFireSafety,
	closeComment,
	codeSheet,
	pinComment,
	registerApplication,
	requestRevision,
	resubmit
} from './review.ts';
import { drawingPdf } from './testing/drawings.ts';
import { renovationBills, renovationBillsPaid } from './fees.ts';
import { onBillsPaid } from '../fees/paid-listeners.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { renovationBoardTables, renovationBoardXlsx } from './board-export.ts';
import { renovationReference } from '#lib/references.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-renovation-review-'));
let member: Actor;
let desk: Actor;
let engineer: Actor;
let security: Actor;
let otherEstateEngineer: Actor;
let cashier: Actor;
let applicationId: string;

const pdf = () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const state = async () =>
	(
		await db()
			.select({ state: renovationApplications.state })
			.from(renovationApplications)
			.where(eq(renovationApplications.id, applicationId))
	)[0]!.state;
const sheetsOf = async (revision: number) =>
	(await applicationDocuments(applicationId)).filter((d) => d.kind === 'drawing' && d.revision === revision);

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	const a = await submittedApplication({ areaM2: '86.5', sheets: 3 });
	({ applicationId, member, desk, engineer, security, cashier } = a);
	otherEstateEngineer = await fx.staffActor(['engineering'], [(await fx.estate()).id]);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the drawing review, from registration to the fire-safety approval', () => {
	it('shows the submitted application on the desk’s board as waiting for it, and not to another estate’s engineer', async () => {
		expect((await renovationBoard(desk)).mine.map((a) => a.id)).toContain(applicationId);
		expect((await renovationBoard(engineer)).mine.map((a) => a.id)).not.toContain(applicationId);
		await expect(staffRenovationPage(otherEstateEngineer, applicationId)).rejects.toMatchObject({ status: 404 });
		await registerApplication(desk, applicationId);
		expect(await state()).toBe('engineering_review');
		expect((await renovationBoard(engineer)).mine.map((a) => a.id)).toContain(applicationId);
	});

	it('refuses to return the drawings with nothing to answer, and to approve them before every sheet is coded', async () => {
		await expect(requestRevision(engineer, applicationId, 'request_revision')).rejects.toMatchObject({ field: '' });
		await expect(approveDrawings(engineer, applicationId)).rejects.toMatchObject({ field: '' });
	});

	it('pins a numbered comment on sheet 2, codes it "revise and resubmit", and returns revision 1 for a new one', async () => {
		const [, second] = await sheetsOf(1);
		const number = await pinComment(engineer, applicationId, second!.id, {
			x: '0.42',
			y: '0.61',
			body: 'Show the fire door rating on this wall.'
		});
		expect(number).toBe(1);
		await expect(pinComment(engineer, applicationId, second!.id, { x: '1.5', y: '0.5', body: 'Off the sheet' })).rejects.toMatchObject({
			field: 'x'
		});
		await codeSheet(engineer, applicationId, second!.id, 'revise_and_resubmit');
		await requestRevision(engineer, applicationId, 'request_revision');
		expect(await state()).toBe('revising');
		const page = await sheetPage(member, applicationId, second!.id);
		expect(page.comments.map((c) => [c.number, c.x, c.y, c.status])).toEqual([[1, 0.42, 0.61, 'open']]);
		expect(page.actions).toContain('answer_comment');
	});

	it('refuses the resubmission until revision 2 is uploaded and the comment answered, then sends it back to review', async () => {
		await expect(resubmit(member, applicationId)).rejects.toMatchObject({ message: expect.stringContaining('revision 2') as unknown });
		await addDocument(member, applicationId, { kind: 'drawing', name: 'plans rev 2.pdf', data: await drawingPdf(3, 'Level 12 rev 2') });
		await expect(resubmit(member, applicationId)).rejects.toMatchObject({ message: expect.stringContaining('#1') as unknown });
		const [comment] = await applicationComments(applicationId);
		await answerComment(member, applicationId, comment!.id, 'Added FRR 120/120/120 to the door schedule on sheet 2.');
		await resubmit(member, applicationId);
		expect(await state()).toBe('engineering_review');
		// Both revisions of sheet 2 are kept, and the comment is carried to the new one.
		const [, second] = await sheetsOf(2);
		const page = await sheetPage(engineer, applicationId, second!.id);
		expect(page.revisions.map((r) => r.revision)).toEqual([1, 2]);
		expect(page.comments.map((c) => [c.number, c.status, c.answer])).toEqual([
			[1, 'answered', 'Added FRR 120/120/120 to the door schedule on sheet 2.']
		]);
	});

	it('closes the answered comment, codes every sheet of revision 2 and approves; security then approves fire safety', async () => {
		const [comment] = await applicationComments(applicationId);
		await closeComment(engineer, applicationId, comment!.id);
		const sheets = await sheetsOf(2);
		for (const sheet of sheets) await codeSheet(engineer, applicationId, sheet.id, sheet.sheet === 2 ? 'approved_as_noted' : 'approved');
		// Revision 1's sheets are history: they cannot be coded any more.
		const [old] = await sheetsOf(1);
		await expect(codeSheet(engineer, applicationId, old!.id, 'approved')).rejects.toMatchObject({ field: 'documentId' });
		await approveDrawings(engineer, applicationId);
		expect(await state()).toBe('fire_review');
		await approveFireSafety(security, applicationId);
		expect(await state()).toBe('fees');
		const page = await staffRenovationPage(desk, applicationId);
		// Each step told whoever it waits for: the department's staff in the inbox, the applicant side in the inbox and by email.
		const told = await db()
			.select({ userId: notifications.userId, kind: notifications.kind, title: notifications.title })
			.from(notifications)
			.where(eq(notifications.subjectId, applicationId));
		const kindsFor = (actor: Actor) => told.filter((n) => n.userId === actor.userId).map((n) => n.kind);
		expect(kindsFor(desk)).toContain('renovation.submitted');
		expect(kindsFor(engineer)).toEqual(expect.arrayContaining(['renovation.engineering_review']));
		expect(kindsFor(otherEstateEngineer)).toEqual([]);
		expect(kindsFor(member)).toEqual(expect.arrayContaining(['renovation.revising', 'renovation.fees']));
		expect(kindsFor(security)).toContain('renovation.fire_review');
		expect(told.find((n) => n.userId === member.userId && n.kind === 'renovation.revising')?.title).toMatch(
			/^Renovation application Z\d{6}: Returned/
		);
		// The board's workbook lists it, in the reader's language, under the step it is at.
		const tables = await renovationBoardTables(security, 'zh-Hant');
		const row = tables.flatMap((t) => t.rows).find((r) => r[0] === renovationReference(page.application.seq));
		expect(row?.[2]).toBe('繳費');
		expect((await renovationBoardXlsx(security, 'en')).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
		expect(page.timeline.map((e) => e.kind)).toEqual(
			expect.arrayContaining([
				'register',
				'pin_comment',
				'code_sheet',
				'request_revision',
				'answer_comment',
				'resubmit',
				'close_comment',
				'approve_drawings',
				'approve_fire_safety'
			])
		);
	});
});

describe('the renovation fees', () => {
	it('were issued on the fire-safety approval from the schedule: a deposit bill and a fee bill on the area', async () => {
		const fees = await renovationBills(db(), applicationId);
		const deposit = fees.find((b) => b.source === 'deposit');
		const fee = fees.find((b) => b.source === 'renovation');
		expect(deposit).toMatchObject({ state: 'open', totalMinor: 500_000 });
		// 86.5 m² at 15.00 a m²; the worker pass is not part of it.
		expect(fee).toMatchObject({ state: 'open', totalMinor: 129_750 });
	});

	it('moves on to the commitments once both bills are paid and the insurance policy is uploaded, whichever comes last', async () => {
		onBillsPaid(renovationBillsPaid);
		const fees = await renovationBills(db(), applicationId);
		const unitId = (await staffRenovationPage(desk, applicationId)).application.unitId;
		await recordCounterPayment(cashier, {
			unitId,
			method: 'bank_transfer',
			receiptNo: `R-${applicationId.slice(0, 8)}`,
			receivedOn: (await staffRenovationPage(desk, applicationId)).application.createdAt.toISOString().slice(0, 10),
			amountMinor: fees.reduce((sum, b) => sum + b.totalMinor, 0),
			billIds: fees.map((b) => b.id)
		});
		expect((await renovationBills(db(), applicationId)).map((b) => b.state)).toEqual(['paid', 'paid']);
		// Paid, but no insurance yet: it waits.
		expect(await state()).toBe('fees');
		await addDocument(member, applicationId, { kind: 'insurance', name: 'policy.pdf', data: pdf() });
		expect(await state()).toBe('commitments');
	});
});

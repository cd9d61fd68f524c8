import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { archiveEntries, events, surveyRecipients, users } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { answerSurvey, surveyLink } from './answering.ts';
import { printLetters } from './letters.ts';
import { annualAnswers, sentSurvey } from './testing.ts';

/** The first page of the PDF drawn as a PNG (pdftoppm), and the link its QR code carries. */
async function qrOfFirstPage(pdf: Uint8Array): Promise<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'letters-'));
	fs.writeFileSync(path.join(dir, 'letters.pdf'), pdf);
	execFileSync('pdftoppm', [
		'-r',
		'100',
		'-png',
		'-singlefile',
		'-f',
		'1',
		'-l',
		'1',
		path.join(dir, 'letters.pdf'),
		path.join(dir, 'page')
	]);
	const { data, info } = await sharp(path.join(dir, 'page.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
	fs.rmSync(dir, { recursive: true });
	expect(qr, 'the letter carries a QR code').not.toBeNull();
	return qr!.data;
}

describe('printed letters with a QR code', () => {
	it('prints a building’s letters whose QR code opens the survey, while the emailed link keeps working', async () => {
		const { surveyId, token, buildingId, manager } = await sentSurvey();
		const { pdf, filename } = await printLetters(manager, surveyId, buildingId, 'unanswered');
		expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
		expect(filename).toMatch(/^S\d+-Block-A-letters\.pdf$/);
		const link = await qrOfFirstPage(pdf);
		expect(link.startsWith(`${config().origin}/s/`)).toBe(true);
		const letterToken = link.slice(`${config().origin}/s/`.length);
		expect(letterToken).not.toBe(token);
		expect((await surveyLink(letterToken)).status).toBe('open');
		// Both links open the same answers: saved from the letter, resumed from the email.
		await answerSurvey(letterToken, { overall: 2 }, { submit: false });
		expect((await surveyLink(token)).answers).toEqual({ overall: 2 });
		const [event] = await db()
			.select({ data: events.data })
			.from(events)
			.where(and(eq(events.subjectId, surveyId), eq(events.kind, 'print_letters')));
		expect(event!.data).toMatchObject({ letters: 1, who: 'unanswered' });
		// Each letter printed is filed in its unit's file, in the addressee's part: a paper letter to the resident.
		const [recipient] = await db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
		const filed = await db()
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.sourceId, surveyId), eq(archiveEntries.kind, 'letter')))
			.orderBy(asc(archiveEntries.id));
		// The emailed invitation first (sent by the job), then the printed letter (by the office).
		expect(filed).toMatchObject([
			{
				occupancyId: recipient!.occupancyId,
				sourceType: 'survey',
				actorId: null,
				summary: { delivery: [{ name: 'Resident', channels: ['inbox', 'email'] }] }
			},
			{
				occupancyId: recipient!.occupancyId,
				sourceType: 'survey',
				actorId: manager.userId,
				summary: { delivery: [{ name: 'Resident', channels: ['paper'] }] }
			}
		]);
	});

	it('gives new codes when printed again: the earlier letter stops working', async () => {
		const { surveyId, buildingId, manager } = await sentSurvey();
		const first = await qrOfFirstPage((await printLetters(manager, surveyId, buildingId, 'unanswered')).pdf);
		const second = await qrOfFirstPage((await printLetters(manager, surveyId, buildingId, 'unanswered')).pdf);
		expect(second).not.toBe(first);
		const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
		await expect(surveyLink(tokenOf(first))).rejects.toMatchObject({ status: 404 });
		expect((await surveyLink(tokenOf(second))).status).toBe('open');
	});

	it('prints for those not emailed only when asked so, and says when nobody is left to print for', async () => {
		const { surveyId, token, buildingId, manager, resident } = await sentSurvey();
		// The invitation reached the resident by email: no letter "for those not emailed".
		await expect(printLetters(manager, surveyId, buildingId, 'not_emailed')).rejects.toMatchObject({ field: 'who' });
		await db().update(surveyRecipients).set({ emailed: false }).where(eq(surveyRecipients.surveyId, surveyId));
		await db().update(users).set({ locale: 'zh-Hant' }).where(eq(users.id, resident.id));
		expect((await printLetters(manager, surveyId, buildingId, 'not_emailed')).pdf.length).toBeGreaterThan(1000);
		// Once answered, nobody in the building is waiting for a letter.
		expect(await answerSurvey(token, annualAnswers, { submit: true })).toEqual({ outcome: 'submitted' });
		await expect(printLetters(manager, surveyId, buildingId, 'unanswered')).rejects.toMatchObject({ field: 'who' });
	});

	it('answers 404 to another estate’s manager and for a building of another estate', async () => {
		const { surveyId, buildingId, manager } = await sentSurvey();
		const other = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		await expect(printLetters(other, surveyId, buildingId, 'unanswered')).rejects.toMatchObject({ status: 404 });
		const elsewhere = await fx.building((await fx.estate()).id, 'Z');
		await expect(printLetters(manager, surveyId, elsewhere.id, 'unanswered')).rejects.toMatchObject({ status: 404 });
	});
});

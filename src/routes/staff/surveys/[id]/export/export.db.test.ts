import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '#lib/server/auth/actor.ts';
import { db } from '#lib/server/db/client.ts';
import { notifications, surveys, surveyTemplates } from '#lib/server/db/schema/index.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { readXlsx, type ReadSheet } from '#lib/server/reports/xlsx-read.ts';
import { answerSurvey } from '#lib/server/surveys/answering.ts';
import { createSurvey, sendBatch, sendSurvey } from '#lib/server/surveys/sending.ts';
import { ensureDefaultSurveyTemplates } from '#lib/server/surveys/templates.ts';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import type { Answers } from '#lib/surveys/definition.ts';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { GET } from './+server.ts';

let manager: Actor;
let stranger: Actor;
let security: Actor;
let surveyId: string;
let anonymousId: string;
const residentNames: string[] = [];

const grid = (repairs: number) => ({ customer_service: 4, repairs, security: 5, cleaning: 4, greening: 3, value: 2 });
const given: Answers[] = [
	{ overall: 5, areas: grid(4), fees_level: 'about_right', recommend: 10, improve: ['response', 'fees'], comments: '=HYPERLINK("x")' },
	{ overall: 2, overall_why: 'Noise', areas: grid(1), fees_level: 'too_high', recommend: 6 },
	{ overall: 4, areas: grid(4), fees_level: 'too_high', recommend: 8, improve: ['fees'] }
];

/** A survey of the estate's three households, sent, with every household answering one of `given`. */
async function answered(templateId: string, { anonymous = false } = {}): Promise<string> {
	const id = await createSurvey(manager, templateId);
	if (anonymous) await db().update(surveys).set({ anonymous }).where(eq(surveys.id, id));
	await sendSurvey(manager, id);
	while (await sendBatch(db(), id));
	const links = await db().select({ link: notifications.link }).from(notifications).where(eq(notifications.subjectId, id));
	expect(links).toHaveLength(3);
	for (const [i, { link }] of links.entries()) {
		expect(await answerSurvey(link.slice('/s/'.length), given[i]!, { submit: true })).toEqual({ outcome: 'submitted' });
	}
	return id;
}

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	const templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const e = await fx.estate();
	const b = await fx.building(e.id, 'A');
	for (const unit of await fx.unitsIn(b, 3, 'residential')) {
		const name = `Export Resident ${residentNames.length + 1}`;
		residentNames.push(name);
		await fx.occupy(unit.id, { userId: (await fx.residentUser(name)).id });
	}
	manager = await fx.staffActor(['manager'], [e.id]);
	security = await fx.staffActor(['security'], [e.id]);
	stranger = await fx.staffActor(['manager'], [(await fx.estate()).id]);
	surveyId = await answered(templateId);
	anonymousId = await answered(templateId, { anonymous: true });
});

const exportOf = (actor: Actor | null, id: string, query: string) =>
	GET(fakeEvent({ actor, path: `/staff/surveys/${id}/export?${query}`, params: { id } }));

/** A sheet's rows as arrays of cells (header first), from what readXlsx gives back. */
function rowsOf(sheet: ReadSheet): (string | number | undefined)[][] {
	const rows: (string | number | undefined)[][] = [];
	for (const [ref, value] of sheet.cells) {
		const [, column, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
		const c = [...column!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
		(rows[Number(row) - 1] ??= [])[c] = value;
	}
	return rows;
}

describe('/staff/surveys/[id]/export', () => {
	it('downloads every response as XLSX: one row each, one column per question and grid row, the same numbers', async () => {
		const response = await exportOf(manager, surveyId, 'format=xlsx&what=responses');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="survey-S\d{6}-responses\.xlsx"$/);
		const [sheet] = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheet!.name).toBe('Responses');
		const [header, ...rows] = rowsOf(sheet!);
		expect(header!.slice(0, 3)).toEqual(['Estate', 'Building', 'Submitted on']);
		expect(header).toHaveLength(3 + 12);
		expect(rows).toHaveLength(3);
		const column = (title: string) => rows.map((row) => row[header!.indexOf(title)]);
		const scores = (title: string) => column(title).sort((a, b) => Number(a) - Number(b));
		expect(scores('Overall, how satisfied are you with our management services?')).toEqual([2, 4, 5]);
		expect(scores('How satisfied are you with each service? — Repairs')).toEqual([1, 4, 4]);
		expect(scores('How likely are you to recommend us to a friend or a business partner?')).toEqual([6, 8, 10]);
		expect(column('The management fee is…').sort()).toEqual(['About right', 'Too high', 'Too high']);
		expect(column('What should we improve first?').filter(Boolean).sort()).toEqual([
			'Fees and billing',
			'Response times; Fees and billing'
		]);
		// Text is kept as text, never a formula.
		expect(column('Your comments and suggestions').filter(Boolean)).toEqual(['=HYPERLINK("x")']);
		expect(rows.every((row) => row[1] === 'Block A')).toBe(true);
	});

	it('downloads the figures as XLSX with the counts answered', async () => {
		const response = await exportOf(manager, surveyId, 'format=xlsx&what=summary');
		const sheets = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheets.map((s) => s.name)).toEqual(['Summary', 'Questions', 'Distribution', 'Estates and buildings', 'Tags']);
		const summary = new Map(rowsOf(sheets[0]!).map((row) => [row[0], row[1]]));
		expect(summary.get('Responses')).toBe(3);
		expect(summary.get('Sent to')).toBe(3);
		expect(summary.get('Response rate (%)')).toBe(100);
		// NPS: one promoter (10), one passive (8), one detractor (6) → 0.
		expect(summary.get('NPS')).toBe(0);
		const questions = rowsOf(sheets[1]!);
		const repairs = questions.find((row) => row[1] === 'Repairs')!;
		// Repairs 4, 1, 4: mean 3, index 50, below the target 4.
		expect(repairs.slice(2, 6)).toEqual([3, 3, 50, 'Yes']);
		const distribution = rowsOf(sheets[2]!);
		const feeCounts = distribution.filter((row) => row[0] === 'The management fee is…').map((row) => [row[2], row[3]]);
		expect(feeCounts).toEqual([
			['Too high', 2],
			['About right', 1],
			['Low for what we get', 0]
		]);
	});

	it('downloads a CSV with a BOM, headers in the staff member’s language', async () => {
		const response = await exportOf(manager, surveyId, 'format=csv&what=responses');
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).split('\r\n');
		expect(lines[1]!.startsWith('Estate,Building,Submitted on,')).toBe(true);
		// Title line, header, three responses, and the closing line break.
		expect(lines.filter(Boolean)).toHaveLength(5);
		// A text a spreadsheet would run as a formula is quoted with an apostrophe.
		expect(lines.some((line) => line.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
	});

	it('names nobody, in a named survey as in an anonymous one', async () => {
		for (const id of [surveyId, anonymousId]) {
			const response = await exportOf(manager, id, 'format=xlsx&what=responses');
			const cells = readXlsx(new Uint8Array(await response.arrayBuffer())).flatMap((s) => [...s.cells.values()].map(String));
			expect(cells.filter((cell) => residentNames.some((name) => cell.includes(name)))).toEqual([]);
			expect(cells.filter((cell) => /recipient|user|name|email/i.test(cell))).toEqual([]);
		}
	});

	it('answers 404 to another estate’s staff, 403 without the permission, 401 signed out, 400 for an unknown format', async () => {
		expect((await thrown(() => exportOf(stranger, surveyId, 'format=xlsx&what=responses'))).status).toBe(404);
		expect((await thrown(() => exportOf(stranger, surveyId, 'format=csv&what=summary'))).status).toBe(404);
		expect((await thrown(() => exportOf(security, surveyId, 'format=xlsx'))).status).toBe(403);
		expect((await thrown(() => exportOf(null, surveyId, 'format=xlsx'))).status).toBe(401);
		expect((await thrown(() => exportOf(manager, surveyId, 'format=pdf'))).status).toBe(400);
		expect((await thrown(() => exportOf(manager, surveyId, 'what=everything'))).status).toBe(400);
		expect((await thrown(() => exportOf(manager, 'nope', 'format=xlsx'))).status).toBe(404);
	});
});

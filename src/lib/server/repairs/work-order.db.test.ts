// The printed work order (工程維修單): one A4 page however long the description and the history,
// served by GET /staff/repairs/[id]/sheet to whoever may open the order's page and to nobody else.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { db } from '../db/client.ts';
import { repairKinds } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { listPaidServiceItems } from '../dictionaries/service-items.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { file, phoneJpeg } from '../files/test-images.ts';
import { fileRepair } from './intake.ts';
import { assignRepair } from './desk.ts';
import { confirmOnSite, receiveOrder, recordMaterial } from './work.ts';
import { requestQuote } from './quotes.ts';
import { commentOnRepair } from './resident.ts';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { GET as sheetRoute } from '../../../routes/staff/repairs/[id]/sheet/+server.ts';

/** Where the PDFs are written for a person to render and look at (pdftoppm -png -r 60). */
const SHOTS = process.env.PRINT_SHOTS_DIR;

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The PDF's page count and its text, read back with pdf.js. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
	const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const pdf = await getDocument({
		data: bytes.slice(),
		isEvalSupported: false,
		standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
		cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
		cMapPacked: true,
		verbosity: 0
	}).promise;
	try {
		const page = await pdf.getPage(1);
		const content = await page.getTextContent();
		const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
		return { pages: pdf.numPages, text };
	} finally {
		await pdf.destroy();
	}
}

/** The route's answer as `actor`, in `locale` (the request's language, as the hook sets it). */
function getSheet(actor: Actor | null, id: string, locale = 'en'): Promise<Response> {
	return paraglideMiddleware(new Request('http://lobby.test/', { headers: { cookie: `PARAGLIDE_LOCALE=${locale}` } }), () =>
		sheetRoute(fakeEvent({ actor, path: `/staff/repairs/${id}/sheet`, params: { id } }))
	);
}

async function statusOf(run: () => Promise<unknown>): Promise<number> {
	try {
		const answer = await run();
		return answer instanceof Response ? answer.status : 200;
	} catch (err) {
		return (err as { status?: number }).status ?? 500;
	}
}

let estateId: string;
let unitId: string;
let resident: Actor;
let desk: Actor;
let tech: Actor;
let otherTech: Actor;
let otherDesk: Actor;
let lead: Actor;
let kindId: string;

const LONG =
	'Water drips under the kitchen sink and has soaked the cabinet floor; the neighbour below sees a stain on the ceiling. ' +
	'廚房洗手盆下方滴水，櫃底已濕透，樓下住戶天花板出現水漬，請盡快派師傅檢查喉管及接駁位。\n\n';

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	kindId = (await db().select().from(repairKinds)).find((k) => k.code === 'water_leak')!.id;
	const e = await fx.estate();
	estateId = e.id;
	const other = await fx.estate();
	const b = await fx.building(estateId, 'A');
	const [u] = await fx.unitsIn(b, 1);
	unitId = u!.id;
	const r = await fx.residentUser('陳大文 Chan Tai Man');
	await fx.occupy(unitId, { userId: r.id });
	resident = await fx.actorOf(r.id);
	desk = await fx.staffActor(['customer_service'], [estateId]);
	tech = await fx.staffActor(['engineering'], [estateId]);
	lead = await fx.staffActor(['engineering_supervisor'], [estateId]);
	otherTech = await fx.staffActor(['engineering'], [estateId]);
	otherDesk = await fx.staffActor(['customer_service'], [other.id]);
	if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});

async function fileOrder(description: string, photos: File[] = []) {
	return fileRepair(
		resident,
		{
			unitId,
			kindId,
			location: 'unit',
			locationDetail: 'kitchen sink 廚房洗手盆',
			description,
			contactName: '陳大文 Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: true,
			accessNotes: 'Cat at home; keys with the guard at the lobby 貓在家，鎖匙在大堂保安處',
			appointment: 'call',
			slotId: ''
		} as never,
		photos
	);
}

/** An order with everything on it, as long as it gets: description, materials, a quote, photos, 40 messages. */
async function busyOrder() {
	const jpeg = await phoneJpeg({ width: 800, height: 600 });
	// As long as a description may be (2000 characters).
	const filed = await fileOrder(LONG.repeat(20).slice(0, 2000), [file(jpeg, 'a.jpg'), file(jpeg, 'b.jpg')]);
	await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
	await receiveOrder(tech, filed.id);
	await confirmOnSite(tech, filed.id);
	for (let i = 1; i <= 7; i++) {
		await recordMaterial(tech, filed.id, {
			name: `Tap washer ${i} 水龍頭墊圈`,
			quantity: String(i),
			source: i % 2 ? 'resident' : 'estate',
			accepted: i % 2 ? (i % 3 ? 'yes' : 'no') : '',
			note: i === 1 ? 'A very long note about the washer that the resident bought at the hardware shop downstairs last week' : ''
		});
	}
	const [paid] = await listPaidServiceItems(db(), { activeOnly: true });
	await requestQuote(tech, filed.id, { lines: [{ itemId: paid!.id, quantity: 2 }], workMinutes: 60, note: '' });
	for (let i = 1; i <= 40; i++) {
		await commentOnRepair(resident, filed.id, { comment: `Message ${i}: still dripping 仍然滴水 — ${'please hurry '.repeat(i % 5)}` });
	}
	return filed;
}

describe('GET /staff/repairs/[id]/sheet', () => {
	it('prints a busy order on exactly one A4 page, in the reader’s language, saying what it shortened', async () => {
		const order = await busyOrder();
		// The engineering lead reads every order of the estate; the assigned technician prints it on site.
		for (const [actor, locale] of [
			[desk, 'en'],
			[tech, 'zh-Hant'],
			[lead, 'zh-Hans']
		] as const) {
			const response = await getSheet(actor, order.id, locale);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="work-order-R\d{6}\.pdf"$/);
			expect(response.headers.get('cache-control')).toBe('private, no-store');
			const bytes = new Uint8Array(await response.arrayBuffer());
			if (SHOTS) fs.writeFileSync(path.join(SHOTS, `work-order-busy-${locale}.pdf`), bytes);
			const { pages, text } = await readPdf(bytes);
			expect(pages).toBe(1);
			const squeezed = text.replace(/\s+/g, '');
			if (locale === 'en') {
				expect(text).toContain('Work order');
				expect(text).toContain('Shortened to fit the page');
				expect(text).toMatch(/\d+ earlier entries not shown/);
				expect(text).toContain('Message 40');
				expect(text).not.toContain('Message 1:');
				expect(text).toContain("Technician's signature");
				expect(text).toContain('Tap washer 1');
			} else if (locale === 'zh-Hant') {
				expect(squeezed).toContain('工程維修單');
				expect(squeezed).toContain('技術員簽名');
				expect(squeezed).toContain('為容納於一頁已截短');
			} else {
				expect(squeezed).toContain('工程维修单');
			}
		}
	}, 60_000);

	it('prints a fresh order (nothing recorded yet) on one page with its photos and lines to write on', async () => {
		const jpeg = await phoneJpeg({ width: 800, height: 600 });
		const order = await fileOrder('Lights flicker in the corridor.', [file(jpeg, 'a.jpg'), file(jpeg, 'b.jpg')]);
		const response = await getSheet(desk, order.id, 'zh-Hant');
		const bytes = new Uint8Array(await response.arrayBuffer());
		if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'work-order-fresh-zh-Hant.pdf'), bytes);
		const { pages, text } = await readPdf(bytes);
		expect(pages).toBe(1);
		const squeezed = text.replace(/\s+/g, '');
		expect(squeezed).not.toContain('已截短');
		expect(squeezed).toContain('維修前2');
		// The photos go in as small thumbnails, not the stored 2048 px JPEGs.
		expect(bytes.byteLength).toBeLessThan(250_000);
	});

	it('answers 404 to staff of another estate, a technician not on the order and a made-up id; a resident is refused', async () => {
		const order = await fileOrder('Door lock stuck.');
		await assignRepair(desk, order.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
		expect(await statusOf(() => getSheet(otherDesk, order.id))).toBe(404);
		expect(await statusOf(() => getSheet(otherTech, order.id))).toBe(404);
		expect(await statusOf(() => getSheet(desk, randomUUID()))).toBe(404);
		expect(await statusOf(() => getSheet(desk, 'not-an-id'))).toBe(404);
		expect(await statusOf(() => getSheet(resident, order.id))).toBe(403);
		expect(await statusOf(() => getSheet(null, order.id))).toBeGreaterThanOrEqual(401);
		expect(await statusOf(() => getSheet(tech, order.id))).toBe(200);
	});
});

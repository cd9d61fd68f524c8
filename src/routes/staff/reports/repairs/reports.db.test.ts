import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '#lib/server/reports/xlsx-read.ts';
import { actorFor, completedRepair, makeCallbackEstate, makeKind, type CallbackEstate } from '#lib/server/callbacks/testing.ts';
import { makeStaff } from '#lib/server/residents/test-fixtures.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { load } from './+page.server.ts';
import { GET } from './export/+server.ts';

let place: CallbackEstate;
let other: CallbackEstate;
let manager: Actor;

beforeAll(async () => {
	place = await makeCallbackEstate('Export Estate');
	other = await makeCallbackEstate('Other Estate');
	const kind = await makeKind({}, 'export_kind');
	// Created and signed off at the same instant, so it is in this month whatever the day.
	const now = new Date();
	await completedRepair(place, kind.id, now, { createdAt: now });
	manager = await actorFor(place.staff.manager!.id);
});

const exportOf = (actor: Actor | null, query: string) => GET(fakeEvent({ actor, path: `/staff/reports/repairs/export?${query}` }));

describe('/staff/reports/repairs', () => {
	it('shows this month for the actor’s estates', async () => {
		const data = await load(fakeEvent({ actor: manager, path: '/staff/reports/repairs' }));
		expect(data.estates.map((e) => e.id)).toEqual([place.estate.id]);
		expect(data.kpis.orders).toBe(1);
		expect(data.callbacks.total).toBe(1);
		expect(data.previousMonth < data.month && data.month < data.nextMonth).toBe(true);
	});

	it('refuses people without repairs.stats and estates that are not theirs', async () => {
		const finance = await actorFor((await makeStaff('Finance', ['finance'], [place.estate.id])).id);
		expect((await thrown(() => load(fakeEvent({ actor: finance, path: '/staff/reports/repairs' })))).status).toBe(403);
		const path = `/staff/reports/repairs?estate=${other.estate.id}`;
		expect((await thrown(() => load(fakeEvent({ actor: manager, path })))).status).toBe(404);
	});
});

describe('/staff/reports/repairs/export', () => {
	it('downloads a CSV with a BOM, an attachment name and the same numbers', async () => {
		const response = await exportOf(manager, `format=csv&estate=${place.estate.id}&month=2026-11`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const code = place.estate.code.replace(/[^A-Za-z0-9-]+/g, '-');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="repair-statistics-${code}-2026-11.csv"`);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		expect(text).toContain('Month,2026-11');
		expect(text).toContain('Orders,');
	});

	it('downloads an XLSX workbook that opens with the report’s sheets', async () => {
		const response = await exportOf(manager, 'format=xlsx');
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="repair-statistics-all-estates-\d{4}-\d{2}\.xlsx"$/);
		const sheets = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheets.map((s) => s.name)).toEqual(['Summary', 'By kind', 'Callback shares']);
		const summary = sheets[0]!;
		const orders = [...summary.cells].find(([ref, value]) => ref.startsWith('A') && value === 'Orders')![0].slice(1);
		expect(summary.cells.get(`B${orders}`)).toBe(1);
		expect(sheets[1]!.cells.get('B2')).toBe('export_kind');
	});

	it('applies the same permission and scope checks as the page', async () => {
		const finance = await actorFor((await makeStaff('Finance 2', ['finance'], [place.estate.id])).id);
		expect((await thrown(() => exportOf(finance, 'format=csv'))).status).toBe(403);
		expect((await thrown(() => exportOf(null, 'format=csv'))).status).toBe(401);
		expect((await thrown(() => exportOf(manager, `format=csv&estate=${other.estate.id}`))).status).toBe(404);
		expect((await thrown(() => exportOf(manager, 'format=pdf'))).status).toBe(400);
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { listUnits, unitListFilters, UNIT_PAGE_SIZE, type UnitListFilters } from './unit-list.ts';
import { listEstates } from './estates.ts';
import { encodeCursor } from './cursor.ts';
import * as fx from './testing/fixtures.ts';

const noFilters: UnitListFilters = { q: '', estateId: null, buildingId: null, use: null, occupancy: null, cursor: null };

async function allPages(actor: Actor, filters: Partial<UnitListFilters> = {}) {
	const seen: Awaited<ReturnType<typeof listUnits>>['rows'] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const page = await listUnits(actor, { ...noFilters, ...filters, cursor });
		expect(page.rows.length).toBeLessThanOrEqual(UNIT_PAGE_SIZE);
		seen.push(...page.rows);
		cursor = page.nextCursor;
		pages++;
	} while (cursor && pages < 100);
	return { rows: seen, pages };
}

let estateA: Awaited<ReturnType<typeof fx.estate>>;
let estateB: Awaited<ReturnType<typeof fx.estate>>;
let admin: Actor;
let staffA: Actor;
let unitsA: Awaited<ReturnType<typeof fx.unitsIn>>;
let unitsB: Awaited<ReturnType<typeof fx.unitsIn>>;
let shopsA: Awaited<ReturnType<typeof fx.unitsIn>>;

beforeAll(async () => {
	estateA = await fx.estate('LIST-A');
	estateB = await fx.estate('LIST-B');
	// Building code "A" exists in both estates: the order is by code, so their units interleave.
	const a1 = await fx.building(estateA.id, 'A');
	const a2 = await fx.building(estateA.id, 'B');
	const b1 = await fx.building(estateB.id, 'A');
	unitsA = await fx.unitsIn(a1, 120);
	shopsA = await fx.unitsIn(a2, 25, 'retail');
	unitsB = await fx.unitsIn(b1, 15);
	admin = await fx.staffActor(['admin']);
	staffA = await fx.staffActor(['customer_service'], [estateA.id]);

	const chan = await fx.residentUser('陳大文', 'chan.taiman@example.test');
	const wong = await fx.residentUser('Wong Siu Ming', 'wong@harbour.example.test');
	const gone = await fx.residentUser('Lee Former', 'lee.former@example.test');
	const acme = await fx.company('Acme Trading Ltd');
	await fx.occupy(unitsA[0]!.id, { userId: chan.id });
	await fx.occupy(unitsA[1]!.id, { userId: wong.id }, 'renter');
	await fx.occupy(shopsA[0]!.id, { companyId: acme.id }, 'renter');
	await fx.occupy(unitsB[0]!.id, { userId: chan.id });
	await fx.occupy(unitsA[2]!.id, { userId: gone.id }, 'owner', '2020-01-01', '2021-12-31');
});

describe('the staff unit list', () => {
	it('returns every unit exactly once across pages, in building code, floor, number, id order', async () => {
		const { rows, pages } = await allPages(admin);
		expect(rows).toHaveLength(160);
		expect(pages).toBe(4);
		expect(new Set(rows.map((r) => r.id)).size).toBe(160);
		const keys = rows.map((r) => [r.buildingCode, r.floorLevel, r.number, r.id] as const);
		const cmp = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
		const sorted = [...keys].sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]) || cmp(x[2], y[2]) || cmp(x[3], y[3]));
		expect(keys).toEqual(sorted);
		// Both estates have a building "A": their units interleave by floor and number, then id.
		expect(new Set(rows.slice(0, 40).map((r) => r.estateCode))).toEqual(new Set(['LIST-A', 'LIST-B']));
		// Floors in numeric order: 2A before 10A, although "10A" < "2A" as text.
		const blockA = rows.filter((r) => r.estateCode === 'LIST-A' && r.buildingCode === 'A').map((r) => r.number);
		expect(blockA.indexOf('2A')).toBeLessThan(blockA.indexOf('10A'));
	});

	it('keeps staff inside their estates on every page', async () => {
		const { rows } = await allPages(staffA);
		expect(rows).toHaveLength(145);
		expect(rows.every((r) => r.estateCode === 'LIST-A')).toBe(true);
		const none = await fx.staffActor(['customer_service'], []);
		expect((await listUnits(none, noFilters)).rows).toEqual([]);
	});

	it('does not let a forged cursor or filter reach another estate', async () => {
		const page = await listUnits(staffA, { ...noFilters, estateId: estateB.id });
		expect(page.rows).toEqual([]);
		const forged = encodeCursor({ buildingCode: '', floorLevel: -100, number: '', id: '00000000-0000-0000-0000-000000000000' });
		const fromStart = await listUnits(staffA, { ...noFilters, cursor: forged });
		expect(fromStart.rows.every((r) => r.estateCode === 'LIST-A')).toBe(true);
	});

	it('reads a tampered cursor as the first page', async () => {
		const first = await listUnits(admin, noFilters);
		const tampered = await listUnits(admin, { ...noFilters, cursor: 'garbage!!' });
		expect(tampered.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
	});

	it('filters by estate, building, use and occupancy', async () => {
		expect((await allPages(admin, { estateId: estateB.id })).rows).toHaveLength(15);
		expect((await allPages(admin, { buildingId: shopsA[0]!.buildingId })).rows).toHaveLength(25);
		expect((await allPages(admin, { use: 'retail' })).rows.map((r) => r.id).sort()).toEqual(shopsA.map((u) => u.id).sort());
		const occupied = (await allPages(admin, { occupancy: 'occupied' })).rows.map((r) => r.id).sort();
		expect(occupied).toEqual([unitsA[0]!.id, unitsA[1]!.id, shopsA[0]!.id, unitsB[0]!.id].sort());
		// An ended occupancy leaves the unit vacant.
		const vacant = (await allPages(admin, { occupancy: 'vacant', estateId: estateA.id })).rows.map((r) => r.id);
		expect(vacant).toHaveLength(145 - 3);
		expect(vacant).toContain(unitsA[2]!.id);
	});

	it('searches unit number prefixes without regard to case', async () => {
		const rows = (await allPages(admin, { q: '6a' })).rows;
		// 6A in estate A's block A and nowhere else (block B has floors 1-3, estate B floors 1-2).
		expect(rows.map((r) => [r.estateCode, r.buildingCode, r.number])).toEqual([['LIST-A', 'A', '6A']]);
		expect((await allPages(admin, { q: '1' })).rows.every((r) => r.number.startsWith('1'))).toBe(true);
	});

	it('searches current occupants by part of their name, email or company name', async () => {
		const byChinese = (await allPages(admin, { q: '大文' })).rows.map((r) => r.id).sort();
		expect(byChinese).toEqual([unitsA[0]!.id, unitsB[0]!.id].sort());
		expect((await allPages(staffA, { q: '大文' })).rows.map((r) => r.id)).toEqual([unitsA[0]!.id]);
		expect((await allPages(admin, { q: 'HARBOUR.example' })).rows.map((r) => r.id)).toEqual([unitsA[1]!.id]);
		expect((await allPages(admin, { q: 'siu min' })).rows.map((r) => r.id)).toEqual([unitsA[1]!.id]);
		expect((await allPages(admin, { q: 'trading' })).rows.map((r) => r.id)).toEqual([shopsA[0]!.id]);
		expect((await allPages(admin, { q: 'Former' })).rows).toEqual([]);
		// LIKE wildcards in the search are literal characters.
		expect((await allPages(admin, { q: '%' })).rows).toEqual([]);
	});

	it('shows each unit with its current occupants', async () => {
		const page = await listUnits(admin, { ...noFilters, q: 'trading' });
		expect(page.rows[0]).toMatchObject({ use: 'retail', occupants: [{ name: 'Acme Trading Ltd', role: 'renter', isCompany: true }] });
	});

	it('refuses residents and contractors', async () => {
		const resident = await fx.actorOf((await fx.residentUser()).id);
		const contractor = await fx.contractorActor();
		for (const actor of [resident, contractor]) {
			await expect(listUnits(actor, noFilters)).rejects.toMatchObject({ status: 403 });
			await expect(listEstates(actor)).rejects.toMatchObject({ status: 403 });
		}
	});
});

describe('unit list filters from the query string', () => {
	it('drop values that are not valid instead of failing', () => {
		const filters = unitListFilters(
			new URLSearchParams({ q: '  12  ', estate: 'nope', building: estateIdLike, use: 'castle', occupancy: 'vacant', cursor: 'x' })
		);
		expect(filters).toEqual({ q: '12', estateId: null, buildingId: estateIdLike, use: null, occupancy: 'vacant', cursor: 'x' });
	});
});

const estateIdLike = '0b7c2f52-4a0e-4a53-9a53-1d2b3c4d5e6f';

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { householdMembers, users } from '../db/schema/index.ts';
import { makeKind, makeOrder } from '../callbacks/testing.ts';
import { repairReference } from '../repairs/notices.ts';
import * as fx from '../property/testing/fixtures.ts';
import { findCaller, type FindAnswer } from './find.ts';

let service: Actor;
let finance: Actor;
let otherEstateService: Actor;
let technician: Actor;
type Unit = Awaited<ReturnType<typeof fx.unitsIn>>[number];
let unit12A: Unit;
let unit12AOfB: Unit;
let repair: { id: string; seq: number };
let chanId: string;

const group = (answer: FindAnswer, kind: string) => answer.groups.find((g) => g.kind === kind);
const titles = (answer: FindAnswer, kind: string) => group(answer, kind)?.items.map((i) => i.title) ?? [];

beforeAll(async () => {
	const estate = await fx.estate('FD-A');
	const other = await fx.estate('FD-B');
	const blockA = await fx.building(estate.id, 'A', 'Block A A座');
	const blockB = await fx.building(estate.id, 'B', 'Block B B座');
	const otherA = await fx.building(other.id, 'A', 'Block A A座');
	// Floors of ten units numbered 1A…1J, 2A…: the 111th unit is 12A.
	const inA = await fx.unitsIn(blockA, 120);
	const inB = await fx.unitsIn(blockB, 120);
	const inOther = await fx.unitsIn(otherA, 120);
	unit12A = inA.find((u) => u.number === '12A')!;
	unit12AOfB = inB.find((u) => u.number === '12A')!;

	const chan = await fx.residentUser('Chan Tai Man 陳大文', 'chan.taiman@example.test');
	chanId = chan.id;
	await db().update(users).set({ phone: '+852 5123 4567' }).where(eq(users.id, chan.id));
	const home = await fx.occupy(unit12A.id, { userId: chan.id }, 'owner', '2015-06-01');
	await db()
		.insert(householdMembers)
		.values({ unitId: unit12A.id, occupancyId: home.id, name: 'Lee Mei Ling 李美玲', relation: 'Spouse 配偶', phone: '6234 5678' });
	// The same name in the other estate: its staff find that one, never this one.
	const namesake = await fx.residentUser('Chan Tai Man 陳大文', 'namesake@example.test');
	await fx.occupy(inOther.find((u) => u.number === '12A')!.id, { userId: namesake.id });

	const acme = await fx.company('Acme Trading Ltd 雅確貿易有限公司');
	await fx.occupy(unit12AOfB.id, { companyId: acme.id }, 'renter');
	// Twelve people of one name: more than a group shows.
	for (let i = 1; i <= 12; i++) {
		const wong = await fx.residentUser(`Wong Many ${i}`);
		await fx.occupy(inB[i]!.id, { userId: wong.id });
	}

	const kind = await makeKind();
	repair = await makeOrder({ estate, unit: unit12A }, { kindId: kind.id });

	service = await fx.staffActor(['customer_service'], [estate.id]);
	finance = await fx.staffActor(['finance'], [estate.id]);
	otherEstateService = await fx.staffActor(['customer_service'], [other.id]);
	technician = await fx.staffActor(['engineering'], [estate.id]);
});

describe('finding a caller', () => {
	it('finds the occupant of 12A by his phone however it is typed, and opens his unit', async () => {
		for (const typed of ['5123 4567', '+852 5123 4567', '51234567', '852-5123-4567', '(852) 5123 4567']) {
			const answer = await findCaller(service, typed);
			expect(answer.problem, typed).toBeNull();
			const people = group(answer, 'people')!;
			expect(people.items, typed).toEqual([
				expect.objectContaining({
					title: 'Chan Tai Man 陳大文',
					href: `/staff/registry/units/${unit12A.id}`,
					place: 'FD-A · Block A A座 · 12A',
					tag: { kind: 'occupant', role: 'owner' }
				})
			]);
		}
	});

	it('finds him by name in Chinese, in either script, and in English', async () => {
		for (const typed of ['陳大文', '陈大文', 'chan tai man', 'CHAN  TAI', '大文']) {
			const people = group(await findCaller(service, typed), 'people');
			expect(
				people?.items.map((i) => i.key),
				typed
			).toEqual([`${chanId}/${unit12A.id}`]);
		}
	});

	it('finds him by email, whatever its case', async () => {
		expect(titles(await findCaller(service, 'Chan.TaiMan@Example.TEST'), 'people')).toEqual(['Chan Tai Man 陳大文']);
		expect(titles(await findCaller(service, 'chan.taiman@'), 'people')).toEqual(['Chan Tai Man 陳大文']);
	});

	it('finds a household member by phone, for those who read the registry', async () => {
		const people = group(await findCaller(service, '+852 6234 5678'), 'people')!;
		expect(people.items).toEqual([
			expect.objectContaining({ title: 'Lee Mei Ling 李美玲', tag: { kind: 'household', relation: 'Spouse 配偶' } })
		]);
		expect(group(await findCaller(finance, '+852 6234 5678'), 'people')).toBeUndefined();
	});

	it('finds units as staff type them, with their occupants', async () => {
		expect(group(await findCaller(service, '12A'), 'units')!.items.map((i) => i.place)).toEqual([
			'FD-A · Block A A座 · 12A',
			'FD-A · Block B B座 · 12A'
		]);
		for (const typed of ['A座12A', 'Block A 12A', 'A-12A', 'a 12a', 'A座12樓A室']) {
			const units = group(await findCaller(service, typed), 'units');
			expect(units?.items, typed).toEqual([
				expect.objectContaining({ href: `/staff/registry/units/${unit12A.id}`, detail: 'Chan Tai Man 陳大文' })
			]);
		}
	});

	it('finds a company by its name in either script', async () => {
		for (const typed of ['雅确贸易', '雅確', 'acme trading']) {
			const companies = group(await findCaller(service, typed), 'companies');
			expect(
				companies?.items.map((i) => i.href),
				typed
			).toEqual([`/staff/registry/units/${unit12AOfB.id}`]);
		}
	});

	it('finds a repair by its reference, and an open one by the phone given on it', async () => {
		const reference = repairReference(repair);
		for (const typed of [reference, reference.toLowerCase(), `R${repair.seq}`]) {
			expect(group(await findCaller(service, typed), 'repairs')?.items, typed).toEqual([
				expect.objectContaining({ href: `/staff/repairs/${repair.id}`, tag: { kind: 'repair', state: 'received' } })
			]);
		}
		expect(group(await findCaller(service, '9876 5432'), 'repairs')?.items.map((i) => i.key)).toEqual([repair.id]);
	});

	it('shows a few of each kind and says when there are more', async () => {
		const people = group(await findCaller(service, 'Wong Many'), 'people')!;
		expect(people.items).toHaveLength(10);
		expect(people.more).toBe(true);
		expect(group(await findCaller(service, '陳大文'), 'people')!.more).toBe(false);
	});
});

describe('what each staff member may find', () => {
	it('finds nothing of another estate', async () => {
		for (const typed of ['+852 5123 4567', 'chan.taiman@example.test', repairReference(repair), 'A座12A', '雅确']) {
			const answer = await findCaller(otherEstateService, typed);
			expect(JSON.stringify(answer), typed).not.toContain(unit12A.id);
			expect(JSON.stringify(answer), typed).not.toContain(unit12AOfB.id);
			expect(JSON.stringify(answer), typed).not.toContain(repair.id);
		}
		// Its own estate's namesake, not ours.
		expect(group(await findCaller(otherEstateService, '陳大文'), 'people')!.items.map((i) => i.key)).not.toContain(
			`${chanId}/${unit12A.id}`
		);
	});

	it('gives finance no repairs, and the unit account instead of the registry', async () => {
		const byReference = await findCaller(finance, repairReference(repair));
		expect(group(byReference, 'repairs')).toBeUndefined();
		const byPhone = await findCaller(finance, '+852 5123 4567');
		expect(byPhone.groups.map((g) => g.kind)).toEqual(['people']);
		expect(group(byPhone, 'people')!.items.map((i) => i.href)).toEqual([`/staff/fees/units/${unit12A.id}`]);
	});

	it('gives a technician only the orders assigned to them', async () => {
		expect(group(await findCaller(technician, repairReference(repair)), 'repairs')).toBeUndefined();
	});

	it('refuses residents', async () => {
		const chan = await fx.actorOf(chanId);
		await expect(findCaller(chan, '12A')).rejects.toMatchObject({ status: 403 });
	});
});

describe('what anyone may type', () => {
	it('says when there is nothing or too little to look for, without an error', async () => {
		expect(await findCaller(service, '')).toEqual({ q: '', problem: 'empty', groups: [] });
		expect(await findCaller(service, null)).toMatchObject({ problem: 'empty' });
		expect(await findCaller(service, 'c')).toMatchObject({ problem: 'too_short' });
		expect(await findCaller(service, '%%')).toMatchObject({ problem: 'too_short' });
	});

	it('treats wildcards and pattern characters as text', async () => {
		for (const typed of ['Ch%n', 'C_an', 'Chan%', '%an T', '.*', '陳.文', '[陳]', "O'Brien", 'a\\b', '(大文)', '+852%', 'R%', '%@%']) {
			const answer = await findCaller(service, typed);
			expect(
				answer.groups.flatMap((g) => g.items),
				typed
			).toEqual([]);
		}
	});
});

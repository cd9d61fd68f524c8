import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, queryRows } from '../../db/client.ts';
import {
	auditLog,
	buildings,
	companyMembers,
	events,
	floors,
	occupancies,
	residentCompanies,
	units,
	users
} from '../../db/schema/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { InputError } from '../../kernel/input-error.ts';
import * as fx from '../testing/fixtures.ts';
import { importColumns } from './csv.ts';
import { importRegistryCsv } from './service.ts';

type Row = Partial<Record<(typeof importColumns)[number], string>>;

function csv(rows: Row[]): Uint8Array {
	const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const lines = rows.map((r) => importColumns.map((c) => field(r[c] ?? '')).join(','));
	return new TextEncoder().encode([importColumns.join(','), ...lines].join('\r\n') + '\r\n');
}

function unitRow(number: string, extra: Row = {}): Row {
	return {
		estate_code: 'IMP',
		building_code: 'T1',
		building_name: 'Tower One',
		floor: number.replace(/\D+$/, ''),
		unit_number: number,
		area_m2: '80',
		use: 'residential',
		...extra
	};
}

const person = (name: string, email: string, role = 'owner', start = '2024-01-01'): Row => ({
	resident_name: name,
	resident_email: email,
	occupancy_role: role,
	occupancy_start: start
});

const upload = (bytes: Uint8Array) => ({ name: 'units.csv', bytes });

async function tableCounts() {
	const [row] = await queryRows<Record<string, number>>(
		db(),
		sql`select
			(select count(*)::int from units) as units, (select count(*)::int from buildings) as buildings,
			(select count(*)::int from floors) as floors, (select count(*)::int from users) as users,
			(select count(*)::int from occupancies) as occupancies, (select count(*)::int from resident_companies) as companies,
			(select count(*)::int from company_members) as members, (select count(*)::int from events) as events`
	);
	return row!;
}

let manager: Actor;
let estateId: string;

beforeAll(async () => {
	const estate = await fx.estate('IMP');
	estateId = estate.id;
	await fx.estate('OTHER');
	manager = await fx.staffActor(['manager'], [estate.id]);
});

describe('importing units and residents from CSV', () => {
	it('imports nothing from a file with bad rows and reports each by line', async () => {
		const before = await tableCounts();
		const bytes = csv([
			unitRow('1A', person('Chan Tai Man', 'chan@imp.test')),
			unitRow('1B', { area_m2: '-5' }),
			unitRow('1C', { estate_code: 'OTHER' }),
			unitRow('1A')
		]);
		const report = await importRegistryCsv(manager, upload(bytes), { importGoodRows: false });
		expect(report).toMatchObject({ imported: false, totalRows: 4, goodRows: 1, counts: null });
		expect(report.errors).toEqual([
			{ line: 3, reasons: ['area_m2 must be a positive number (at most 2 decimals)'] },
			{ line: 4, reasons: ['estate_code “OTHER” is unknown or not one of your estates'] },
			{ line: 5, reasons: ['this unit is already listed on line 2'] }
		]);
		expect(await tableCounts()).toEqual(before);
		expect(await db().select().from(auditLog).where(eq(auditLog.action, 'registry.import'))).toHaveLength(0);
	});

	it('imports the good rows when asked, and says how many were skipped', async () => {
		const bytes = csv([unitRow('2A'), unitRow('2B', { use: 'castle' }), unitRow('2C')]);
		const report = await importRegistryCsv(manager, upload(bytes), { importGoodRows: true });
		expect(report).toMatchObject({ imported: true, totalRows: 3, goodRows: 2 });
		expect(report.errors.map((e) => e.line)).toEqual([3]);
		expect(report.counts!.units).toEqual({ created: 2, updated: 0, unchanged: 0 });
		const numbers = await db().select({ number: units.number }).from(units).where(eq(units.estateId, estateId)).orderBy(asc(units.number));
		expect(numbers.map((u) => u.number)).toEqual(['2A', '2C']);
	});

	it('creates buildings, floors, units, residents, companies and occupancies, and changes nothing the second time', async () => {
		const acmeContact = person('Ada Lam', 'ada@acme.test', 'renter', '2023-06-01');
		const bytes = csv([
			unitRow('3A', { ...person('Chan Tai Man', 'Chan@IMP.test'), resident_phone: '+852 9000 0001' }),
			unitRow('3B', person('Chan Tai Man', 'chan@imp.test', 'renter', '2024-05-01')),
			unitRow('3C'),
			unitRow('10A', {
				building_code: 'T2',
				building_name: '',
				use: 'office',
				area_m2: '120.25',
				...acmeContact,
				company_name: 'Acme Ltd'
			}),
			unitRow('B1', { floor: '-1', use: 'retail', company_name: 'Acme Ltd', occupancy_role: 'owner', occupancy_start: '2020-01-01' })
		]);
		const first = await importRegistryCsv(manager, upload(bytes), { importGoodRows: false });
		expect(first.errors).toEqual([]);
		expect(first.counts).toEqual({
			units: { created: 5, updated: 0, unchanged: 0 },
			residents: { created: 2, updated: 0, unchanged: 0 },
			occupancies: { created: 4, unchanged: 0 },
			buildingsCreated: 1,
			buildingsRenamed: 0,
			floorsCreated: 3,
			companiesCreated: 1
		});

		const [t2] = await db()
			.select()
			.from(buildings)
			.where(and(eq(buildings.estateId, estateId), eq(buildings.code, 'T2')));
		expect(t2!.name).toBe('T2');
		const [t1] = await db()
			.select()
			.from(buildings)
			.where(and(eq(buildings.estateId, estateId), eq(buildings.code, 'T1')));
		const basement = await db()
			.select()
			.from(floors)
			.where(and(eq(floors.buildingId, t1!.id), eq(floors.level, -1)));
		expect(basement[0]!.label).toBe('B1');
		const [chan] = await db().select().from(users).where(eq(users.email, 'chan@imp.test'));
		expect(chan).toMatchObject({ name: 'Chan Tai Man', phone: '+852 9000 0001', kind: 'resident' });
		const [acme] = await db().select().from(residentCompanies).where(eq(residentCompanies.name, 'Acme Ltd'));
		const [ada] = await db().select().from(users).where(eq(users.email, 'ada@acme.test'));
		expect(await db().select().from(companyMembers).where(eq(companyMembers.companyId, acme!.id))).toEqual([
			expect.objectContaining({ userId: ada!.id, role: 'admin' })
		]);
		// The company, not its contact person, occupies the unit.
		const acmeOccupancies = await db().select().from(occupancies).where(eq(occupancies.companyId, acme!.id));
		expect(acmeOccupancies.map((o) => [o.role, o.startsOn, o.userId]).sort()).toEqual([
			['owner', '2020-01-01', null],
			['renter', '2023-06-01', null]
		]);
		const [unit3a] = await db().select().from(units).where(eq(units.number, '3A'));
		const timeline = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'unit'), eq(events.subjectId, unit3a!.id)));
		expect(timeline).toEqual([expect.objectContaining({ kind: 'occupancy.added', toState: 'owner', actorId: manager.userId })]);

		const counts = await tableCounts();
		const stamps = await db().select({ id: units.id, updatedAt: units.updatedAt }).from(units).orderBy(asc(units.id));
		const second = await importRegistryCsv(manager, upload(bytes), { importGoodRows: false });
		expect(second.counts).toEqual({
			units: { created: 0, updated: 0, unchanged: 5 },
			residents: { created: 0, updated: 0, unchanged: 2 },
			occupancies: { created: 0, unchanged: 4 },
			buildingsCreated: 0,
			buildingsRenamed: 0,
			floorsCreated: 0,
			companiesCreated: 0
		});
		expect(await tableCounts()).toEqual(counts);
		expect(await db().select({ id: units.id, updatedAt: units.updatedAt }).from(units).orderBy(asc(units.id))).toEqual(stamps);
		const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'registry.import'));
		expect(audits.length).toBe(3);
		expect(audits.at(-1)).toMatchObject({
			actorId: manager.userId,
			subjectType: 'registry_import',
			detail: expect.objectContaining({ rows: 5 })
		});
	});

	it('updates only what differs: a unit area, a resident name, a building name; an empty phone keeps the phone', async () => {
		const before = await db().select().from(units).where(eq(units.number, '3C'));
		const renamed = { building_name: 'Tower One (East)' };
		const bytes = csv([
			unitRow('3A', { ...person('Chan Tai-man', 'chan@imp.test'), ...renamed }),
			unitRow('3B', { ...person('Chan Tai-man', 'chan@imp.test', 'renter', '2024-05-01'), ...renamed }),
			unitRow('3C', { area_m2: '81.00', building_name: '' })
		]);
		const report = await importRegistryCsv(manager, upload(bytes), { importGoodRows: false });
		expect(report.counts).toMatchObject({
			units: { created: 0, updated: 1, unchanged: 2 },
			residents: { created: 0, updated: 1, unchanged: 0 },
			occupancies: { created: 0, unchanged: 2 },
			buildingsRenamed: 1
		});
		const [after] = await db().select().from(units).where(eq(units.number, '3C'));
		expect(after!.areaM2).toBe('81.00');
		expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(before[0]!.updatedAt.getTime());
		const [chan] = await db().select().from(users).where(eq(users.email, 'chan@imp.test'));
		expect(chan).toMatchObject({ name: 'Chan Tai-man', phone: '+852 9000 0001' });
	});

	it('stores spreadsheet formulas as plain text', async () => {
		const bytes = csv([unitRow('5A', person('=cmd|" /C calc"!A0', 'formula@imp.test'))]);
		const report = await importRegistryCsv(manager, upload(bytes), { importGoodRows: false });
		expect(report.errors).toEqual([]);
		const [user] = await db().select().from(users).where(eq(users.email, 'formula@imp.test'));
		expect(user!.name).toBe('=cmd|" /C calc"!A0');
	});

	it('refuses an email that belongs to a staff account', async () => {
		const report = await importRegistryCsv(manager, upload(csv([unitRow('6A', person('Boss', manager.email))])), { importGoodRows: false });
		expect(report.errors).toEqual([{ line: 2, reasons: [`resident_email ${manager.email} belongs to a staff or contractor account`] }]);
	});

	it('reports an unusable file at the file field and saves nothing', async () => {
		const before = await tableCounts();
		const attempts = [
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
			new Uint8Array(),
			new TextEncoder().encode('estate_code,unit_number\nIMP,1A\n'),
			new Uint8Array(6 * 1024 * 1024).fill(0x41)
		];
		for (const bytes of attempts) {
			const err = await importRegistryCsv(manager, upload(bytes), { importGoodRows: true }).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(InputError);
			expect((err as InputError).field).toBe('file');
		}
		expect(await tableCounts()).toEqual(before);
	});

	it('is for managers and admins: customer service and engineering get 403', async () => {
		for (const role of ['customer_service', 'engineering'] as const) {
			const actor = await fx.staffActor([role], [estateId]);
			await expect(importRegistryCsv(actor, upload(csv([unitRow('7A')])), { importGoodRows: false })).rejects.toMatchObject({
				status: 403
			});
		}
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import {
	auditLog,
	emergencyContacts,
	estates,
	events,
	floors,
	householdMembers,
	occupancies,
	staffEstates,
	units
} from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { importColumns } from '#lib/schemas/registry.ts';
import * as home from './+page.server.ts';
import * as estatePage from './estates/[id]/+page.server.ts';
import * as unitList from './units/+page.server.ts';
import * as newUnit from './units/new/+page.server.ts';
import * as unitPage from './units/[id]/+page.server.ts';
import * as importPage from './import/+page.server.ts';
import * as template from './import/template.csv/+server.ts';

let estateA: { id: string };
let estateB: { id: string };
let unitA: { id: string; buildingId: string };
let unitB: { id: string };
let staffA: Actor;
let engineerA: Actor;
let managerA: Actor;
let admin: Actor;
let resident: Actor;
let contractor: Actor;
let residentEmail: string;
/** The resident's occupancy of unitA: whose household the staff tests record. */
let residentOccupancyId: string;

beforeAll(async () => {
	estateA = await fx.estate('RT-A');
	estateB = await fx.estate('RT-B');
	const buildingA = await fx.building(estateA.id, 'T1');
	const buildingB = await fx.building(estateB.id, 'T1');
	unitA = (await fx.unitsIn(buildingA, 3))[0]!;
	unitB = (await fx.unitsIn(buildingB, 1))[0]!;
	staffA = await fx.staffActor(['customer_service'], [estateA.id]);
	engineerA = await fx.staffActor(['engineering'], [estateA.id]);
	managerA = await fx.staffActor(['manager'], [estateA.id]);
	admin = await fx.staffActor(['admin']);
	const residentRow = await fx.residentUser('陳大文', 'chan.route@example.test');
	residentEmail = residentRow.email;
	resident = await fx.actorOf(residentRow.id);
	residentOccupancyId = (await fx.occupy(unitA.id, { userId: residentRow.id })).id;
	contractor = await fx.contractorActor();
});

const audits = (action: string, subjectId?: string) =>
	db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), subjectId ? eq(auditLog.subjectId, subjectId) : undefined));

describe('registry pages refuse whoever lacks the registry permission', () => {
	it('answers 403 to residents and contractors on every page', async () => {
		for (const actor of [resident, contractor]) {
			const pages: [string, () => unknown][] = [
				['home', () => home.load(fakeEvent({ actor }))],
				['estate', () => estatePage.load(fakeEvent({ actor, params: { id: estateA.id } }))],
				['units', () => unitList.load(fakeEvent({ actor, path: '/staff/registry/units' }))],
				['new unit', () => newUnit.load(fakeEvent({ actor, path: '/staff/registry/units/new' }))],
				['unit', () => unitPage.load(fakeEvent({ actor, params: { id: unitA.id } }))],
				['import', () => importPage.load(fakeEvent({ actor }))],
				['template', () => template.GET(fakeEvent({ actor }))]
			];
			for (const [name, call] of pages) expect([name, (await thrown(call)).status]).toEqual([name, 403]);
		}
	});

	it('answers 403 to residents and contractors on every action, before reading the form', async () => {
		for (const actor of [resident, contractor]) {
			const params = { id: unitA.id };
			const form = { areaM2: '1', use: 'office' };
			for (const action of Object.values(unitPage.actions)) {
				expect((await thrown(() => action(fakeEvent({ actor, params, form })))).status).toBe(403);
			}
			expect((await thrown(() => home.actions.estate(fakeEvent({ actor, form: { code: 'X' } })))).status).toBe(403);
			expect((await thrown(() => newUnit.actions.default(fakeEvent({ actor, form })))).status).toBe(403);
		}
	});

	it('lets engineering read but answers 403 to every write', async () => {
		const loaded = await unitPage.load(fakeEvent({ actor: engineerA, params: { id: unitA.id } }));
		expect(loaded.canWrite).toBe(false);
		expect((await thrown(() => newUnit.load(fakeEvent({ actor: engineerA })))).status).toBe(403);
		const params = { id: unitA.id };
		for (const [name, action] of Object.entries(unitPage.actions)) {
			const result = await thrown(() => action(fakeEvent({ actor: engineerA, params, form: { name: 'x', relation: 'y', phone: '123' } })));
			expect([name, result.status]).toEqual([name, 403]);
		}
		const [unit] = await db().select().from(units).where(eq(units.id, unitA.id));
		expect(unit!.areaM2).toBe('70.50');
	});

	it('answers 403 to customer service on the import page, its action and the template', async () => {
		expect((await thrown(() => importPage.load(fakeEvent({ actor: staffA })))).status).toBe(403);
		expect((await thrown(() => template.GET(fakeEvent({ actor: staffA })))).status).toBe(403);
		const file = new File(['x'], 'units.csv', { type: 'text/csv' });
		expect((await thrown(() => importPage.actions.default(fakeEvent({ actor: staffA, form: { file } })))).status).toBe(403);
	});

	it('answers 404 for a unit or estate outside the staff member’s estates, and for malformed ids', async () => {
		expect((await thrown(() => unitPage.load(fakeEvent({ actor: staffA, params: { id: unitB.id } })))).status).toBe(404);
		expect((await thrown(() => unitPage.load(fakeEvent({ actor: staffA, params: { id: 'nope' } })))).status).toBe(404);
		expect((await thrown(() => estatePage.load(fakeEvent({ actor: staffA, params: { id: estateB.id } })))).status).toBe(404);
		const write = () =>
			unitPage.actions.update(fakeEvent({ actor: staffA, params: { id: unitB.id }, form: { areaM2: '99', use: 'office' } }));
		expect((await thrown(write)).status).toBe(404);
		const [untouched] = await db().select().from(units).where(eq(units.id, unitB.id));
		expect(untouched!.use).toBe('residential');
	});
});

describe('registry pages for staff', () => {
	it('list only the staff member’s estates, with counts', async () => {
		const loaded = await home.load(fakeEvent({ actor: staffA }));
		expect(loaded.estates.map((e) => [e.code, e.buildingCount, e.unitCount])).toEqual([['RT-A', 1, 3]]);
		expect(loaded.canAddEstate).toBe(false);
	});

	it('list units with filters from the query string', async () => {
		const loaded = await unitList.load(fakeEvent({ actor: admin, path: `/staff/registry/units?estate=${estateB.id}` }));
		expect(loaded.page.rows.map((r) => r.id)).toEqual([unitB.id]);
		const search = await unitList.load(fakeEvent({ actor: staffA, path: '/staff/registry/units?q=大文' }));
		expect(search.page.rows.map((r) => r.id)).toEqual([unitA.id]);
	});

	it('edit a unit’s area and use, audited with the address', async () => {
		const result = (await unitPage.actions.update(
			fakeEvent({ actor: staffA, params: { id: unitA.id }, form: { areaM2: '88.25', use: 'office' }, ip: '198.51.100.9' })
		)) as { form: { message: string } };
		expect(result.form.message).toBe('Unit saved.');
		const [unit] = await db().select().from(units).where(eq(units.id, unitA.id));
		expect(unit).toMatchObject({ areaM2: '88.25', use: 'office' });
		expect(await audits('registry.unit.update', unitA.id)).toEqual([
			expect.objectContaining({
				actorId: staffA.userId,
				ip: '198.51.100.9',
				detail: expect.objectContaining({ before: { areaM2: '70.50', use: 'residential' } })
			})
		]);
	});

	it('show a field error for a bad area and change nothing', async () => {
		const result = (await unitPage.actions.update(
			fakeEvent({ actor: staffA, params: { id: unitA.id }, form: { areaM2: '-4', use: 'office' } })
		)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(result.status).toBe(400);
		expect(result.data.form.errors.areaM2).toEqual(['Enter the area in m² as a positive number with at most 2 decimals.']);
	});

	it('add and end an occupancy, with an audit entry and an event on the unit', async () => {
		const other = await fx.residentUser('Wong Renter', 'wong.route@example.test');
		const params = { id: unitA.id };
		const added = (await unitPage.actions.occupancy(
			fakeEvent({
				actor: staffA,
				params,
				form: { partyType: 'person', email: ' WONG.route@example.test ', role: 'renter', startsOn: '2025-02-01' }
			})
		)) as { form: { message: string } };
		expect(added.form.message).toBe('Occupancy added.');
		const [row] = await db().select().from(occupancies).where(eq(occupancies.userId, other.id));
		expect(row).toMatchObject({ unitId: unitA.id, role: 'renter', startsOn: '2025-02-01', endsOn: null });

		const early = (await unitPage.actions.end(
			fakeEvent({ actor: staffA, params, form: { occupancyId: row!.id, endsOn: '2025-01-01' } })
		)) as { status: number; data: { endError: { occupancyId: string; message: string } } };
		expect(early.status).toBe(400);
		expect(early.data.endError).toEqual({ occupancyId: row!.id, message: 'The last day cannot be before the start date.' });

		expect(await unitPage.actions.end(fakeEvent({ actor: staffA, params, form: { occupancyId: row!.id, endsOn: '2025-06-30' } }))).toEqual({
			done: 'Occupancy ended.'
		});
		const [ended] = await db().select().from(occupancies).where(eq(occupancies.id, row!.id));
		expect(ended!.endsOn).toBe('2025-06-30');

		const timeline = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'unit'), eq(events.subjectId, unitA.id)));
		expect(timeline.map((e) => [e.kind, e.fromState, e.toState])).toEqual([
			['occupancy.added', null, 'renter'],
			['occupancy.ended', 'renter', null]
		]);
		expect(await audits('registry.occupancy.add', unitA.id)).toHaveLength(1);
		expect(await audits('registry.occupancy.end', unitA.id)).toHaveLength(1);
	});

	it('refuse an occupancy for an unknown email or a staff account, at the email field', async () => {
		for (const email of ['nobody@example.test', managerA.email]) {
			const result = (await unitPage.actions.occupancy(
				fakeEvent({ actor: staffA, params: { id: unitA.id }, form: { partyType: 'person', email, role: 'owner', startsOn: '2025-01-01' } })
			)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
			expect(result.status).toBe(400);
			expect(result.data.form.errors.email?.[0]).toMatch(/No resident account has this email/);
		}
		const duplicate = (await unitPage.actions.occupancy(
			fakeEvent({
				actor: staffA,
				params: { id: unitA.id },
				form: { partyType: 'person', email: residentEmail, role: 'owner', startsOn: '2025-01-01' }
			})
		)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(duplicate.data.form.errors.email).toEqual(['This occupant already holds a current occupancy of this kind in the unit.']);
	});

	it('add an occupancy for a company found by name', async () => {
		const acme = await fx.company('Acme Route Ltd');
		await unitPage.actions.occupancy(
			fakeEvent({
				actor: staffA,
				params: { id: unitA.id },
				form: { partyType: 'company', companyName: 'acme route ltd', role: 'renter', startsOn: '2025-03-01' }
			})
		);
		const rows = await db().select().from(occupancies).where(eq(occupancies.companyId, acme.id));
		expect(rows).toEqual([expect.objectContaining({ unitId: unitA.id, userId: null, role: 'renter' })]);
	});

	it('add and remove household members and emergency contacts, each audited', async () => {
		const params = { id: unitA.id };
		const occupancyId = residentOccupancyId;
		const member = (await unitPage.actions.member(
			fakeEvent({ actor: staffA, params, form: { name: '陳小明', relation: '兒子', phone: '', occupancyId } })
		)) as { form: { message: string; data: { name: string } } };
		expect(member.form.message).toBe('Household member added.');
		expect(member.form.data.name).toBe('');
		const [row] = await db().select().from(householdMembers).where(eq(householdMembers.unitId, unitA.id));
		expect(row).toMatchObject({ name: '陳小明', relation: '兒子', occupancyId });

		const noPhone = (await unitPage.actions.contact(
			fakeEvent({ actor: staffA, params, form: { name: 'Aunt', relation: 'aunt', phone: '', occupancyId } })
		)) as { status: number };
		expect(noPhone.status).toBe(400);
		await unitPage.actions.contact(
			fakeEvent({ actor: staffA, params, form: { name: 'Aunt', relation: 'aunt', phone: '+852 9876 5432', occupancyId } })
		);
		const [contact] = await db().select().from(emergencyContacts).where(eq(emergencyContacts.unitId, unitA.id));

		// Someone else's unit id with this unit's member: 404, nothing removed.
		const elsewhere = await thrown(() =>
			unitPage.actions.removeMember(fakeEvent({ actor: admin, params: { id: unitB.id }, form: { id: row!.id } }))
		);
		expect(elsewhere.status).toBe(404);

		expect(await unitPage.actions.removeMember(fakeEvent({ actor: staffA, params, form: { id: row!.id } }))).toEqual({
			done: 'Household member removed.'
		});
		expect(await unitPage.actions.removeContact(fakeEvent({ actor: staffA, params, form: { id: contact!.id } }))).toEqual({
			done: 'Emergency contact removed.'
		});
		// Removed is ended, never deleted: it stays in the unit's file (一戶一檔).
		expect(
			(await db().select().from(householdMembers).where(eq(householdMembers.unitId, unitA.id))).map((r) => r.endedAt instanceof Date)
		).toEqual([true]);
		for (const action of ['registry.household.add', 'registry.household.remove', 'registry.contact.add', 'registry.contact.remove']) {
			expect([action, (await audits(action, unitA.id)).length]).toEqual([action, 1]);
		}
	});

	it('record a household member only for a current occupancy of this unit, and list each under its occupancy', async () => {
		const params = { id: unitA.id };
		const former = await fx.residentUser('Former Tenant', 'former.route@example.test');
		const ended = await fx.occupy(unitA.id, { userId: former.id }, 'renter', '2020-01-01', '2021-12-31');
		const elsewhere = await fx.occupy(unitB.id, { userId: former.id }, 'owner');
		for (const occupancyId of [ended.id, elsewhere.id, '00000000-0000-4000-8000-000000000000', 'nonsense']) {
			const refused = (await unitPage.actions.member(
				fakeEvent({ actor: staffA, params, form: { name: 'Ghost', relation: 'child', phone: '', occupancyId } })
			)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
			expect(refused.status).toBe(400);
			expect(refused.data.form.errors.occupancyId?.[0]).toMatch(/Choose whose household/);
		}
		expect(await db().select().from(householdMembers).where(eq(householdMembers.name, 'Ghost'))).toEqual([]);

		await unitPage.actions.member(
			fakeEvent({ actor: staffA, params, form: { name: 'Listed Kid', relation: 'child', phone: '', occupancyId: residentOccupancyId } })
		);
		const page = await unitPage.load(fakeEvent({ actor: engineerA, params }));
		expect(page.unit.household).toContainEqual(expect.objectContaining({ name: 'Listed Kid', occupancyId: residentOccupancyId }));
		expect(page.unit.occupancies.find((o) => o.id === ended.id)).toMatchObject({ current: false, upcoming: false });
		expect(page.unit.occupancies.find((o) => o.id === residentOccupancyId)).toMatchObject({ current: true });
	});

	it('add a unit on a new floor and redirect to it', async () => {
		const result = await thrown(() =>
			newUnit.actions.default(
				fakeEvent({ actor: staffA, form: { buildingId: unitA.buildingId, floor: '-2', number: 'B2-01', areaM2: '30', use: 'retail' } })
			)
		);
		expect(result.status).toBe(303);
		const id = result.location!.match(/units\/([0-9a-f-]+)\?created=1$/)![1]!;
		const [unit] = await db()
			.select({ use: units.use, label: floors.label })
			.from(units)
			.innerJoin(floors, eq(floors.id, units.floorId))
			.where(eq(units.id, id));
		expect(unit).toEqual({ use: 'retail', label: 'B2' });
		expect(await audits('registry.unit.create', id)).toHaveLength(1);

		const again = (await newUnit.actions.default(
			fakeEvent({ actor: staffA, form: { buildingId: unitA.buildingId, floor: '-2', number: 'B2-01', areaM2: '30', use: 'retail' } })
		)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(again.data.form.errors.number).toEqual(['This building already has a unit with this number.']);
	});

	it('let managers add an estate (and see it) and a building; customer service may not', async () => {
		const form = { code: 'RT-NEW', name: 'New Estate', kind: 'office', address: '1 Harbour Road' };
		expect((await thrown(() => home.actions.estate(fakeEvent({ actor: staffA, form })))).status).toBe(403);
		const result = (await home.actions.estate(fakeEvent({ actor: managerA, form }))) as { form: { message: string } };
		expect(result.form.message).toBe('Estate added.');
		const [estate] = await db().select().from(estates).where(eq(estates.code, 'RT-NEW'));
		expect(
			await db()
				.select()
				.from(staffEstates)
				.where(and(eq(staffEstates.userId, managerA.userId), eq(staffEstates.estateId, estate!.id)))
		).toHaveLength(1);
		const taken = (await home.actions.estate(fakeEvent({ actor: managerA, form }))) as {
			data: { form: { errors: Record<string, string[]> } };
		};
		expect(taken.data.form.errors.code).toEqual(['Another estate already uses this code.']);

		const manager = await fx.actorOf(managerA.userId);
		const building = (await estatePage.actions.building(
			fakeEvent({ actor: manager, params: { id: estate!.id }, form: { estateId: estateB.id, code: 'N1', name: 'North' } })
		)) as { form: { message: string } };
		expect(building.form.message).toBe('Building added.');
		const loaded = await estatePage.load(fakeEvent({ actor: manager, params: { id: estate!.id } }));
		expect(loaded.estate.buildings.map((b) => b.code)).toEqual(['N1']);
		expect(
			(
				await thrown(() =>
					estatePage.actions.building(fakeEvent({ actor: manager, params: { id: estateB.id }, form: { code: 'X1', name: 'X' } }))
				)
			).status
		).toBe(404);
	});
});

describe('the import page', () => {
	const header = importColumns.join(',');
	const file = (lines: string[]) => new File([[header, ...lines].join('\n')], 'units.csv', { type: 'text/csv' });
	const good = (n: string) => `RT-A,T2,Tower 2,5,${n},60,residential,Lee Import,lee.import@example.test,,owner,2024-01-01,`;

	type ImportResult = {
		status?: number;
		data?: { report?: ImportReport; fileError?: string };
		report?: ImportReport;
	};
	type ImportReport = {
		imported: boolean;
		errors: { line: number; reasons: string[] }[];
		counts: { units: { created: number; unchanged: number } } | null;
	};

	it('reports bad rows by line and imports nothing', async () => {
		const result = (await importPage.actions.default(
			fakeEvent({
				actor: managerA,
				form: { file: file([good('5A'), 'RT-A,T2,Tower 2,5,5B,0,residential,,,,,,', 'RT-B,T2,Tower 2,5,5C,60,office,,,,,,']) }
			})
		)) as ImportResult;
		expect(result.status).toBe(400);
		expect(result.data!.report!.imported).toBe(false);
		expect(result.data!.report!.errors).toEqual([
			{ line: 3, reasons: ['area_m2 must be a positive number (at most 2 decimals)'] },
			{ line: 4, reasons: ['estate_code “RT-B” is unknown or not one of your estates'] }
		]);
		expect(await db().select().from(units).where(eq(units.number, '5A'))).toEqual([]);
	});

	it('imports the good rows when the box is ticked, and nothing more the second time', async () => {
		const form = { file: file([good('5A'), 'RT-A,T2,Tower 2,5,5B,0,residential,,,,,,']), importGoodRows: 'on' };
		const first = (await importPage.actions.default(fakeEvent({ actor: managerA, form }))) as ImportResult;
		expect(first.report).toMatchObject({ imported: true, counts: { units: { created: 1 } } });
		expect(first.report!.errors.map((e) => e.line)).toEqual([3]);
		const [unit] = await db().select().from(units).where(eq(units.number, '5A'));

		const second = (await importPage.actions.default(
			fakeEvent({ actor: managerA, form: { file: file([good('5A'), 'RT-A,T2,Tower 2,5,5B,0,residential,,,,,,']), importGoodRows: 'on' } })
		)) as ImportResult;
		expect(second.report!.counts!.units).toMatchObject({ created: 0, unchanged: 1 });
		const [same] = await db().select().from(units).where(eq(units.number, '5A'));
		expect(same!.updatedAt).toEqual(unit!.updatedAt);
		expect(await audits('registry.import')).toHaveLength(2);
	});

	it('shows file problems at the file field: missing, binary, over 5 MB, missing columns', async () => {
		const cases: [Record<string, File | string>, RegExp][] = [
			[{}, /Choose a CSV file/],
			[{ file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])], 'photo.png') }, /not a CSV text file/],
			[{ file: new File([new Uint8Array(6 * 1024 * 1024)], 'big.csv') }, /larger than 5 MB/],
			[{ file: new File(['estate_code,unit_number\nRT-A,1A\n'], 'short.csv') }, /lacks these columns: building_code/],
			[{ file: new File([''], 'empty.csv') }, /The file is empty/]
		];
		for (const [form, message] of cases) {
			const result = (await importPage.actions.default(fakeEvent({ actor: managerA, form }))) as ImportResult;
			expect(result.status).toBe(400);
			expect(result.data!.fileError).toMatch(message);
		}
	});

	it('offers a template with the documented header', async () => {
		const response = await template.GET(fakeEvent({ actor: managerA }));
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toContain('attachment');
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes)).toBe(`${header}\r\n`);
	});
});

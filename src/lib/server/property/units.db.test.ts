import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, floors, units } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { InputError } from '../kernel/input-error.ts';
import { buildingOptions, createBuilding, getEstate, listEstates } from './estates.ts';
import { addOccupancy, endOccupancy } from './occupancies.ts';
import { createUnit, getUnit, updateUnit } from './units.ts';
import * as fx from './testing/fixtures.ts';

let staffA: Actor;
let admin: Actor;
let estateA: { id: string };
let buildingA: { id: string; estateId: string };
let buildingB: { id: string; estateId: string };

beforeAll(async () => {
	estateA = await fx.estate('UNIT-A');
	const estateB = await fx.estate('UNIT-B');
	buildingA = await fx.building(estateA.id, 'T1');
	buildingB = await fx.building(estateB.id, 'T1');
	staffA = await fx.staffActor(['customer_service'], [estateA.id]);
	admin = await fx.staffActor(['admin']);
});

describe('estates and buildings', () => {
	it('count buildings, floors and units per estate and building', async () => {
		await fx.unitsIn(buildingA, 12);
		const [estate] = (await listEstates(staffA)).filter((e) => e.code === 'UNIT-A');
		expect(estate).toMatchObject({ buildingCount: 1, unitCount: 12 });
		const detail = await getEstate(staffA, estateA.id);
		expect(detail.buildings).toEqual([expect.objectContaining({ code: 'T1', floorCount: 2, unitCount: 12 })]);
		expect((await buildingOptions(staffA)).map((b) => b.id)).toEqual([buildingA.id]);
	});

	it('refuse a building code the estate already has, at the code field', async () => {
		const manager = await fx.staffActor(['manager'], [estateA.id]);
		const err = await createBuilding(manager, { estateId: estateA.id, code: 'T1', name: 'Again' }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(InputError);
		expect(err).toMatchObject({ field: 'code', message: 'This estate already has a building with this code.' });
	});
});

describe('units', () => {
	it('are not created in a building outside the staff member’s estates', async () => {
		const input = { buildingId: buildingB.id, floor: 3, number: '3Z', areaM2: '50', use: 'residential' as const };
		await expect(createUnit(staffA, input)).rejects.toMatchObject({ field: 'buildingId' });
		expect(await db().select().from(units).where(eq(units.number, '3Z'))).toEqual([]);
		const { id } = await createUnit(admin, input);
		const [unit] = await db()
			.select({ label: floors.label })
			.from(units)
			.innerJoin(floors, eq(floors.id, units.floorId))
			.where(eq(units.id, id));
		expect(unit!.label).toBe('3/F');
	});

	it('write nothing and audit nothing when an edit changes nothing', async () => {
		const [unit] = await fx.unitsIn(await fx.building(estateA.id, 'T9'), 1);
		expect(await updateUnit(staffA, unit!.id, { areaM2: '70.5', use: 'residential' })).toEqual({ changed: false });
		const [after] = await db().select().from(units).where(eq(units.id, unit!.id));
		expect(after!.updatedAt).toEqual(unit!.updatedAt);
		expect(await db().select().from(auditLog).where(eq(auditLog.subjectId, unit!.id))).toEqual([]);
	});

	it('show occupancies newest first with who holds them, current or ended', async () => {
		const [unit] = await fx.unitsIn(await fx.building(estateA.id, 'T8'), 1);
		const first = await fx.residentUser('First Owner', 'first.owner@example.test');
		const second = await fx.residentUser('Second Owner', 'second.owner@example.test');
		const { id: firstId } = await addOccupancy(staffA, unit!.id, {
			partyType: 'person',
			email: first.email,
			companyName: '',
			role: 'owner',
			startsOn: '2020-01-01'
		});
		await endOccupancy(staffA, unit!.id, { occupancyId: firstId, endsOn: '2022-12-31' });
		await expect(endOccupancy(staffA, unit!.id, { occupancyId: firstId, endsOn: '2023-01-31' })).rejects.toMatchObject({
			field: 'endsOn',
			message: 'This occupancy has already ended.'
		});
		await addOccupancy(staffA, unit!.id, {
			partyType: 'person',
			email: second.email,
			companyName: '',
			role: 'owner',
			startsOn: '2023-01-01'
		});
		const detail = await getUnit(staffA, unit!.id);
		expect(detail.occupancies.map((o) => [o.party.name, o.startsOn, o.endsOn, o.current])).toEqual([
			['Second Owner', '2023-01-01', null, true],
			['First Owner', '2020-01-01', '2022-12-31', false]
		]);
	});

	it('answer 404 for another estate’s unit on every write', async () => {
		const [unitB] = await fx.unitsIn(buildingB, 1);
		const calls = [
			() => getUnit(staffA, unitB!.id),
			() => updateUnit(staffA, unitB!.id, { areaM2: '1', use: 'office' }),
			() => addOccupancy(staffA, unitB!.id, { partyType: 'company', email: '', companyName: 'X', role: 'owner', startsOn: '2024-01-01' }),
			() => endOccupancy(staffA, unitB!.id, { occupancyId: unitB!.id, endsOn: '2024-01-01' })
		];
		for (const call of calls) await expect(call()).rejects.toMatchObject({ status: 404 });
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { asc, inArray } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { meterReadings } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { reading } from '#lib/server/fees/test-fixtures.ts';
import { actions, load } from './readings/+page.server.ts';
import { act, daysFromToday, feesWorld, type FeesWorld } from './testing.ts';

let w: FeesWorld;

const page = (actor: Actor, search = '') => load(fakeEvent({ actor, path: `/staff/fees/readings${search}` }));
const enter = (actor: Actor, form: Record<string, string>) =>
	act(actions, 'reading', actor, '/staff/fees/readings', {
		buildingId: w.place.building.id,
		meter: 'electricity',
		readOn: daysFromToday(0),
		...form
	});
const upload = (actor: Actor, content: string | Uint8Array<ArrayBuffer>, name = 'readings.csv') =>
	act(actions, 'import', actor, '/staff/fees/readings', { file: new File([content], name, { type: 'text/csv' }) });

async function readingsOf(unitIds: string[]) {
	return db()
		.select({ unitId: meterReadings.unitId, meter: meterReadings.meter, readOn: meterReadings.readOn, value: meterReadings.value })
		.from(meterReadings)
		.where(inArray(meterReadings.unitId, unitIds))
		.orderBy(asc(meterReadings.readOn), asc(meterReadings.meter));
}

beforeAll(async () => {
	w = await feesWorld();
	await reading(w.unit.id, 'electricity', daysFromToday(-60), '1000.00');
});

describe('/staff/fees/readings — one reading at a time', () => {
	it('starts from the unit of an account page, and saves a reading that fits the meter’s history', async () => {
		const start = await page(w.finance, `?unit=${w.unit.id}`);
		expect(start.form.data).toMatchObject({ buildingId: w.place.building.id, unitNumber: w.unit.number });
		expect(start.buildings.map((b) => b.id)).toEqual([w.place.building.id]);
		expect((await page(w.finance, `?unit=${w.foreignUnit.id}`)).form.data.unitNumber).toBe('');

		const saved = await enter(w.finance, { unitNumber: w.unit.number.toLowerCase(), value: '1,234.5', readOn: daysFromToday(-30) });
		expect(saved.form?.message).toMatchObject({ ok: true, unitId: w.unit.id });
		expect(await readingsOf([w.unit.id])).toEqual([
			{ unitId: w.unit.id, meter: 'electricity', readOn: daysFromToday(-60), value: '1000.00' },
			{ unitId: w.unit.id, meter: 'electricity', readOn: daysFromToday(-30), value: '1234.50' }
		]);
	});

	it('refuses a value below the previous reading or above a later one, a future date, a second reading on a day, an unknown unit', async () => {
		const below = await enter(w.finance, { unitNumber: w.unit.number, value: '999', readOn: daysFromToday(-1) });
		expect(below.status).toBe(400);
		expect(below.data?.form?.errors.value).toEqual([expect.stringMatching(/1234\.50/)]);
		const between = await enter(w.finance, { unitNumber: w.unit.number, value: '1500', readOn: daysFromToday(-45) });
		expect(between.data?.form?.errors.value).toEqual([expect.stringMatching(/1234\.50/)]);
		const future = await enter(w.finance, { unitNumber: w.unit.number, value: '2000', readOn: daysFromToday(1) });
		expect(future.data?.form?.errors.readOn).toBeTruthy();
		const twice = await enter(w.finance, { unitNumber: w.unit.number, value: '1300', readOn: daysFromToday(-30) });
		expect(twice.data?.form?.errors.readOn).toBeTruthy();
		const nowhere = await enter(w.finance, { unitNumber: 'ZZ9', value: '1' });
		expect(nowhere.data?.form?.errors.unitNumber).toBeTruthy();
		const foreignBuilding = await enter(w.finance, { buildingId: w.other.building.id, unitNumber: w.foreignUnit.number, value: '1' });
		expect(foreignBuilding.data?.form?.errors.buildingId).toBeTruthy();
		const badValue = await enter(w.finance, { unitNumber: w.unit.number, value: '12.345' });
		expect(badValue.data?.form?.errors.value).toBeTruthy();
		expect(await readingsOf([w.unit.id, w.foreignUnit.id])).toHaveLength(2);
	});

	it('is for fees.manage only', async () => {
		expect((await thrown(() => page(w.desk))).status).toBe(403);
		expect((await thrown(() => enter(w.desk, { unitNumber: w.unit.number, value: '5000' }))).status).toBe(403);
	});
});

describe('/staff/fees/readings — a CSV file, all or nothing', () => {
	const code = () => w.place.estate.code;

	it('imports a good file (with a BOM, quotes, CRLF, Chinese meter names, any column order)', async () => {
		const csv =
			'\uFEFFunit,estate,building,meter,read_on,value\r\n' +
			`${w.unit2.number},${code()},A,water,${daysFromToday(-31)},100\r\n` +
			`${w.unit2.number},${code().toLowerCase()},a,水,${daysFromToday(-1)},"112.25"\r\n` +
			`${w.unit2.number},${code()},A,電,${daysFromToday(-1)},55\r\n\r\n`;
		const result = await upload(w.finance, new TextEncoder().encode(csv));
		expect(result.status).toBeUndefined();
		expect(result.report).toMatchObject({ imported: true, saved: 3, errors: [] });
		expect((await readingsOf([w.unit2.id])).map((r) => [r.meter, r.readOn, r.value])).toEqual([
			['water', daysFromToday(-31), '100.00'],
			['water', daysFromToday(-1), '112.25'],
			['electricity', daysFromToday(-1), '55.00']
		]);
	});

	it('saves nothing when any row is wrong and names every wrong row by its line', async () => {
		const csv = [
			'estate,building,unit,meter,read_on,value',
			`${code()},A,${w.unit2.number},water,${daysFromToday(0)},120`, // good on its own
			`${code()},A,${w.unit2.number},gas,${daysFromToday(0)},1`, // meter
			`${code()},A,NOPE,water,${daysFromToday(0)},1`, // unit
			`${w.other.estate.code},A,${w.foreignUnit.number},water,${daysFromToday(0)},1`, // not my estate
			`${code()},A,${w.unit2.number},water,2026-02-30,1`, // date
			`${code()},A,${w.unit2.number},electricity,${daysFromToday(0)},50`, // below 55
			`${code()},A,${w.unit.number},electricity,${daysFromToday(5)},9999`, // future
			`${code()},A,${w.unit.number},water,${daysFromToday(0)},abc`, // value
			`${code()},A,${w.unit.number},water,${daysFromToday(-2)},10`,
			`${code()},A,${w.unit.number},water,${daysFromToday(-2)},11`, // twice in the file
			`${code()},A,${w.unit2.number},constructor,${daysFromToday(0)},1` // a name every object has is no meter
		].join('\n');
		const before = await readingsOf([w.unit.id, w.unit2.id]);
		const result = await upload(w.finance, csv);
		expect(result.status).toBe(400);
		const report = result.data?.report as {
			imported: boolean;
			saved: number;
			errorCount: number;
			errors: { line: number; reasons: string[] }[];
		};
		expect(report).toMatchObject({ imported: false, saved: 0 });
		expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 11, 12]);
		expect(report.errors.find((e) => e.line === 7)!.reasons[0]).toMatch(/55\.00/);
		expect(await readingsOf([w.unit.id, w.unit2.id])).toEqual(before);
	});

	it('reports a file it cannot use as a whole at the file field', async () => {
		expect((await upload(w.finance, 'estate,building,unit\nX,A,1')).data?.fileError).toMatch(/meter, read_on, value/);
		expect((await upload(w.finance, '')).data?.fileError).toBeTruthy();
		expect((await upload(w.finance, new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).data?.fileError).toBeTruthy();
		expect((await upload(w.finance, 'estate,building,unit,meter,read_on,value\n')).data?.fileError).toBeTruthy();
		const noFile = await act(actions, 'import', w.finance, '/staff/fees/readings', {});
		expect(noFile.data?.fileError).toBeTruthy();
		expect((await thrown(() => upload(w.desk, 'estate,building,unit,meter,read_on,value\n'))).status).toBe(403);
	});
});

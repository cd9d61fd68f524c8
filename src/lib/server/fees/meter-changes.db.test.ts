// A meter replaced or rolled over (issue 13, rule 6): recorded by the finance desk on the readings
// page, on the record; the next bill charges the old meter's consumption up to its final reading
// and the new one's from its start (a rollover: across the maximum), and shows the readings.
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, billLines, bills, meterChanges } from '../db/schema/index.ts';
import { staffActor } from '../property/testing/fixtures.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { actions, load } from '../../../routes/staff/fees/readings/+page.server.ts';
import { runBilling } from './billing.ts';
import { recordMeterChange, unitMeterChanges } from './meter-changes.ts';
import { readingProblems, recordReading } from './readings.ts';
import { billingEstate, reading } from './test-fixtures.ts';

const now = new Date('2026-11-01T02:00:00+08:00');

async function energyLine(unitId: string, period: string, name: 'Water' | 'Electricity') {
	const [bill] = await db()
		.select()
		.from(bills)
		.where(and(eq(bills.unitId, unitId), eq(bills.period, period)));
	const lines = await db().select().from(billLines).where(eq(billLines.billId, bill!.id)).orderBy(asc(billLines.sort));
	return lines.find((l) => l.nameEn === name);
}

async function world() {
	const place = await billingEstate();
	const unit = await place.unit('80.00');
	const finance = await staffActor(['finance'], [place.estate.id]);
	const form = (fields: Partial<Parameters<typeof recordMeterChange>[1]>) => ({
		buildingId: place.building.id,
		unitNumber: unit.number,
		meter: 'electricity' as const,
		kind: 'replacement' as const,
		changedOn: '2026-10-15',
		finalValue: '',
		startValue: '',
		note: '',
		...fields
	});
	return { place, unit, finance, form };
}

describe('meters replaced or rolled over', () => {
	it('a replaced meter bills the old meter’s consumption up to its final reading and the new one’s from its start', async () => {
		const { place, unit, finance, form } = await world();
		await reading(unit.id, 'electricity', '2026-09-30', '1000.00');
		await recordMeterChange(finance, form({ finalValue: '1100.00', startValue: '5.00', note: 'Faulty meter' }), { now });
		// The new meter's month-end reading fits its own history (it is below the old meter's).
		await recordReading(
			finance,
			{ buildingId: place.building.id, unitNumber: unit.number, meter: 'electricity', readOn: '2026-10-31', value: '45.00' },
			{ now }
		);
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		const line = await energyLine(unit.id, '2026-10', 'Electricity');
		// (1100 − 1000) + (45 − 5) = 140 kWh × 0.68 = 95.20
		expect(line).toMatchObject({ quantity: '140.00', amountMinor: 9520 });
		expect(line!.readings).toEqual({
			previous: { on: '2026-09-30', value: '1000.00' },
			current: { on: '2026-10-31', value: '45.00' },
			changes: [{ on: '2026-10-15', kind: 'replacement', finalValue: '1100.00', startValue: '5.00' }]
		});
	});

	it('a rolled-over meter bills the consumption across its maximum', async () => {
		const { place, unit, finance, form } = await world();
		await reading(unit.id, 'water', '2026-09-30', '99950.00');
		await recordMeterChange(finance, form({ meter: 'water', kind: 'rollover', changedOn: '2026-10-31', finalValue: '100000' }), { now });
		await reading(unit.id, 'water', '2026-10-31', '30.00');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		// (100000 − 99950) + 30 = 80 m³ × 4.50 = 360.00
		expect(await energyLine(unit.id, '2026-10', 'Water')).toMatchObject({ quantity: '80.00', amountMinor: 36000 });
		const [change] = await db().select().from(meterChanges).where(eq(meterChanges.unitId, unit.id));
		expect(change).toMatchObject({ kind: 'rollover', finalValue: '100000.00', startValue: '0.00', recordedBy: finance.userId });
	});

	it('a period without a change bills as before, and shows its two readings', async () => {
		const { place, unit } = await world();
		await reading(unit.id, 'water', '2026-09-30', '100.00');
		await reading(unit.id, 'water', '2026-10-31', '112.50');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		expect(await energyLine(unit.id, '2026-10', 'Water')).toMatchObject({
			quantity: '12.50',
			readings: { previous: { on: '2026-09-30', value: '100.00' }, current: { on: '2026-10-31', value: '112.50' }, changes: [] }
		});
	});

	it('is on the record: who recorded it, an audit row, and the unit’s list', async () => {
		const { unit, finance, form } = await world();
		await reading(unit.id, 'electricity', '2026-09-30', '1000.00');
		const saved = await recordMeterChange(finance, form({ finalValue: '1010', startValue: '0' }), { now });
		const [audit] = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'fees.meter.change'), eq(auditLog.subjectId, unit.id)));
		expect(audit).toMatchObject({ actorId: finance.userId, subjectType: 'unit' });
		expect(audit!.detail).toMatchObject({ meter: 'electricity', kind: 'replacement', finalValue: '1010', startValue: '0' });
		expect(await unitMeterChanges(db(), unit.id)).toEqual([
			expect.objectContaining({ id: saved.changeId, kind: 'replacement', changedOn: '2026-10-15', recordedByName: expect.any(String) })
		]);
	});

	it('checks a change against the meter’s history, and readings against the meter they belong to', async () => {
		const { unit, finance, form } = await world();
		await reading(unit.id, 'electricity', '2026-09-30', '1000.00');
		const refused = (fields: Parameters<typeof form>[0]) => recordMeterChange(finance, form(fields), { now }).catch((e: unknown) => e);
		// Not back-dated into readings already taken, not below the last reading, not in the future.
		expect(await refused({ changedOn: '2026-09-30', finalValue: '1000', startValue: '0' })).toMatchObject({ field: 'changedOn' });
		expect(await refused({ finalValue: '999.99', startValue: '0' })).toMatchObject({ field: 'finalValue' });
		expect(await refused({ kind: 'rollover', finalValue: '1000' })).toMatchObject({ field: 'finalValue' });
		expect(await refused({ changedOn: '2026-11-30', finalValue: '1100', startValue: '0' })).toMatchObject({ field: 'changedOn' });
		expect(await refused({ unitNumber: 'nope', finalValue: '1100', startValue: '0' })).toBeInstanceOf(InputError);

		await recordMeterChange(finance, form({ finalValue: '1100.00', startValue: '5.00' }), { now });
		// A second change on or before the first is refused.
		expect(await refused({ finalValue: '1100', startValue: '0' })).toMatchObject({ field: 'changedOn' });
		const problems = await readingProblems(
			db(),
			[
				{ unitId: unit.id, meter: 'electricity', readOn: '2026-10-20', value: '4.00' },
				{ unitId: unit.id, meter: 'electricity', readOn: '2026-10-10', value: '1200.00' },
				{ unitId: unit.id, meter: 'electricity', readOn: '2026-10-25', value: '6.00' }
			],
			now
		);
		// After the change: below the new meter's start; before it: above the old meter's final.
		expect(problems.get(0)?.message).toMatch(/new meter’s start|new meter's start/);
		expect(problems.get(1)?.message).toMatch(/old meter's final/);
		expect(problems.has(2)).toBe(false);
	});

	it('is recorded through the readings page by finance; others may not', async () => {
		const { place, unit, finance } = await world();
		await reading(unit.id, 'electricity', '2026-09-30', '1000.00');
		const start = await load(fakeEvent({ actor: finance, path: `/staff/fees/readings?unit=${unit.id}` }));
		expect(start.changeForm.data).toMatchObject({ buildingId: place.building.id, unitNumber: unit.number, kind: 'replacement' });
		const fields = {
			buildingId: place.building.id,
			unitNumber: unit.number,
			meter: 'electricity',
			kind: 'rollover',
			changedOn: '2026-10-31',
			finalValue: '100000'
		};
		const post = (actor: typeof finance, form: Record<string, string>) =>
			actions.change(fakeEvent({ actor, path: '/staff/fees/readings?/change', form })) as Promise<{
				form?: { message?: { ok: boolean; unitId?: string } };
				status?: number;
				data?: { form: { errors: Record<string, string[] | undefined> } };
			}>;
		const saved = await post(finance, fields);
		expect(saved.form?.message).toMatchObject({ ok: true, unitId: unit.id });
		const missing = await post(finance, { ...fields, kind: 'replacement', changedOn: '2026-10-30', finalValue: '' });
		expect(missing.status).toBe(400);
		expect(missing.data?.form.errors.finalValue).toBeDefined();
		expect(missing.data?.form.errors.startValue).toBeDefined();
		const desk = await staffActor(['customer_service'], [place.estate.id]);
		expect(await thrown(() => post(desk, fields))).toMatchObject({ status: 403 });
	});
});

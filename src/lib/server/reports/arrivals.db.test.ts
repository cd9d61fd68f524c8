import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { appointmentBookings, appointmentSlots, repairOrders } from '../db/schema/index.ts';
import { actorFor, HOUR, makeCallbackEstate, makeKind, makeOrder, type CallbackEstate } from '../callbacks/testing.ts';
import { reportTables } from './export.ts';
import { repairReport, type RepairReport } from './repair-kpis.ts';

/**
 * A hand-made September 2026 (Hong Kong time) in estate A, each arrival against its appointed start:
 *   C1 common area, arrived 10 min before the start      → on time
 *   C2 common area, arrived exactly 15 min after          → on time (the grace is inclusive)
 *   C3 common area, arrived 15 min 30 s after             → late
 *   C4 common area, arrived 2 h after                     → late
 * Not measured: a common-area job not arrived at yet; one arrived at without an appointment; one
 * whose only booking was cancelled; a repair inside a unit; a common-area job of August; and
 * one of estate B. So 2 of 4 on time.
 */
const MINUTE = 60_000;
const now = new Date('2026-10-15T00:00:00Z');
const t0 = new Date('2026-09-10T01:00:00Z');
let A: CallbackEstate;
let B: CallbackEstate;
let report: RepairReport;

async function visit(
	place: CallbackEstate,
	kindId: string,
	created: Date,
	{
		location = 'common_area',
		arrivedAfter,
		booked = true,
		cancelled = false
	}: {
		location?: 'unit' | 'common_area';
		arrivedAfter: number | null;
		booked?: boolean;
		cancelled?: boolean;
	}
) {
	const order = await makeOrder(place, { kindId, createdAt: created, state: arrivedAfter === null ? 'scheduled' : 'in_progress' });
	const startsAt = new Date(created.getTime() + 3 * HOUR);
	const onSiteAt = arrivedAfter === null ? null : new Date(startsAt.getTime() + arrivedAfter);
	await db().update(repairOrders).set({ location, onSiteAt }).where(eq(repairOrders.id, order.id));
	if (!booked) return;
	const [slot] = await db()
		.insert(appointmentSlots)
		.values({
			estateId: place.estate.id,
			startsAt,
			endsAt: new Date(startsAt.getTime() + 2 * HOUR),
			capacity: 1,
			bookedCount: cancelled ? 0 : 1
		})
		.returning();
	await db()
		.insert(appointmentBookings)
		.values({ slotId: slot!.id, subjectType: 'repair', subjectId: order.id, cancelledAt: cancelled ? created : null });
}

beforeAll(async () => {
	A = await makeCallbackEstate('Arrivals A');
	B = await makeCallbackEstate('Arrivals B');
	const kind = await makeKind({}, 'arrivals_common');
	const day = (n: number) => new Date(t0.getTime() + n * 24 * HOUR);
	await visit(A, kind.id, day(0), { arrivedAfter: -10 * MINUTE });
	await visit(A, kind.id, day(1), { arrivedAfter: 15 * MINUTE });
	await visit(A, kind.id, day(2), { arrivedAfter: 15 * MINUTE + 30_000 });
	await visit(A, kind.id, day(3), { arrivedAfter: 2 * HOUR });
	await visit(A, kind.id, day(4), { arrivedAfter: null });
	await visit(A, kind.id, day(5), { arrivedAfter: 0, booked: false });
	await visit(A, kind.id, day(6), { arrivedAfter: 0, cancelled: true });
	await visit(A, kind.id, day(7), { arrivedAfter: 0, location: 'unit' });
	await visit(A, kind.id, new Date('2026-08-31T15:00:00Z'), { arrivedAfter: 0 });
	await visit(B, kind.id, day(0), { arrivedAfter: 0 });
	report = await repairReport(await actorFor(A.staff.manager!.id), { estate: A.estate.id, month: '2026-09' }, { now });
});

describe('on-time arrival on common-area repairs (rule 2)', () => {
	it('is the share of the month’s common-area visits with an appointment and an arrival that came within 15 min of the appointed start', () => {
		expect(report.arrivals).toEqual({ of: 4, met: 2, rate: 0.5, graceMinutes: 15 });
	});

	it('goes into the export with the other figures', () => {
		const summary = reportTables(report, 'en')[0]!;
		const row = summary.rows.find((r) => r[0] === m.visits_report_on_time_export({}, { locale: 'en' }));
		expect(row?.[1]).toBe(50);
		expect(summary.rows.find((r) => r[0] === m.visits_report_arrivals({}, { locale: 'en' }))?.[1]).toBe(4);
	});

	it('measures nothing in a month without such visits', async () => {
		const empty = await repairReport(await actorFor(A.staff.manager!.id), { estate: A.estate.id, month: '2026-07' }, { now });
		expect(empty.arrivals).toEqual({ of: 0, met: 0, rate: null, graceMinutes: 15 });
	});
});

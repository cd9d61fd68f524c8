/**
 * On-time arrival on common-area repairs (rule 2: "common-area repairs: the technician arrives
 * before the appointed time"). Of the common-area orders of the report's month that had an
 * appointment and a recorded arrival (the on-site confirmation, repairs/work.ts confirmOnSite),
 * how many arrived no later than ARRIVAL_GRACE_MINUTES after the appointed start — the same rule
 * the order page uses to say "on time" (lib/visit-arrival.ts).
 */
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { ARRIVAL_GRACE_MINUTES } from '#lib/visit-arrival.ts';
import type { Executor } from '../db/client.ts';
import { appointmentBookings, appointmentSlots, repairOrders } from '../db/schema/index.ts';
import type { Rate } from './repair-kpis.ts';

export interface ArrivalStats extends Rate {
	/** Minutes after the appointed start that still count as on time. */
	graceMinutes: number;
}

/**
 * The on-time share among the orders `ordersInMonth` selects (repair-kpis.ts: the month's orders
 * of the chosen estates); null selects nothing. The appointment is the order's current booking:
 * the one the technician came for.
 */
export async function commonAreaArrivals(executor: Executor, ordersInMonth: SQL | null): Promise<ArrivalStats> {
	const none = { of: 0, met: 0, rate: null, graceMinutes: ARRIVAL_GRACE_MINUTES };
	if (!ordersInMonth) return none;
	const o = repairOrders;
	// A constant of the code, written into the statement as SQL text.
	const grace = sql.raw(`interval '${ARRIVAL_GRACE_MINUTES} minutes'`);
	const [row] = await executor
		.select({
			of: sql<number>`count(*)::int`,
			met: sql<number>`count(*) filter (where ${o.onSiteAt} <= ${appointmentSlots.startsAt} + ${grace})::int`
		})
		.from(o)
		.innerJoin(
			appointmentBookings,
			and(eq(appointmentBookings.subjectType, 'repair'), eq(appointmentBookings.subjectId, o.id), isNull(appointmentBookings.cancelledAt))
		)
		.innerJoin(appointmentSlots, eq(appointmentSlots.id, appointmentBookings.slotId))
		.where(and(ordersInMonth, eq(o.location, 'common_area'), isNotNull(o.onSiteAt)));
	const of = Number(row?.of ?? 0);
	const met = Number(row?.met ?? 0);
	return { of, met, rate: of === 0 ? null : met / of, graceMinutes: ARRIVAL_GRACE_MINUTES };
}

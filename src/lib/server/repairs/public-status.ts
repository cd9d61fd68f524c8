import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { estates, repairOrders } from '../db/schema/index.ts';
import { listEvents } from '../events/service.ts';
import { shownTo, type RepairEventKind } from './event-kinds.ts';
import { repairReference } from './notices.ts';

/**
 * What the sender may read of a repair order — reference, state, the work summary when done and
 * the timeline entries meant for residents — for a caller who has already proved it is theirs
 * (the widget's tracking code with their phone or email).
 */
export async function repairPublicStatus(executor: Executor, repairId: string) {
	const [row] = await executor
		.select({ order: repairOrders, timeZone: estates.timeZone })
		.from(repairOrders)
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.where(eq(repairOrders.id, repairId));
	if (!row) return null;
	const { order } = row;
	const entries = (await listEvents('repair', order.id, executor)).filter((e) => shownTo(e.kind, 'all'));
	return {
		type: 'repair' as const,
		reference: repairReference(order),
		state: order.state,
		timeZone: row.timeZone,
		filedAt: order.createdAt,
		resolution: order.workDoneAt ? order.workSummary : '',
		timeline: entries.map((e) => ({ id: e.id, at: e.at, kind: e.kind as RepairEventKind, note: e.note }))
	};
}

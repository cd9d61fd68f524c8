import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { db } from '../db/client.ts';
import { events, repairOrders } from '../db/schema/index.ts';
import { estateTimeZone, loadCalendar } from '../calendar/store.ts';
import { addWorkingMinutes } from '../calendar/working-time.ts';
import { scheduleJob } from '../jobs/queue.ts';
import { recordEvent } from '../events/service.ts';
import { openRepairStates } from './machine.ts';
import { staffInEstate } from './people.ts';
import { inEveryLocale, tellAboutRepair } from './notices.ts';
import { m } from '#lib/paraglide/messages.js';

export type SlaStage = 'response' | 'completion';

export interface RepairSlaCheckPayload {
	repairId: string;
	stage: SlaStage;
}

/** Response and completion deadlines from the kind's minutes, counted in the estate's working time (its own zone). */
export async function slaDeadlines(
	executor: Executor,
	estateId: string,
	kind: { responseMinutes: number; completionMinutes: number },
	from: Date
): Promise<{ responseDueAt: Date; completionDueAt: Date }> {
	const timeZone = await estateTimeZone(executor, estateId);
	if (!timeZone) throw new Error(`Estate ${estateId} is missing`);
	const calendar = await loadCalendar(executor, timeZone);
	return {
		responseDueAt: addWorkingMinutes(from, kind.responseMinutes, calendar),
		completionDueAt: addWorkingMinutes(from, kind.completionMinutes, calendar)
	};
}

/** Schedules both SLA checks of a new order in the transaction that files it. */
export async function scheduleSlaChecks(executor: Executor, order: { id: string; responseDueAt: Date; completionDueAt: Date }) {
	for (const [stage, runAt] of [
		['response', order.responseDueAt],
		['completion', order.completionDueAt]
	] as const) {
		await scheduleJob(executor, {
			kind: 'repair.sla-check',
			payload: { repairId: order.id, stage },
			runAt,
			dedupeKey: `repair-sla:${order.id}:${stage}`
		});
	}
}

/**
 * The durable job that runs at a deadline: if the order still has not had its first response
 * (or its work done) it is escalated to the estate's managers, once per stage.
 */
export async function checkRepairSla(payload: RepairSlaCheckPayload): Promise<void> {
	await db().transaction(async (tx) => {
		const [order] = await tx
			.select()
			.from(repairOrders)
			.where(and(eq(repairOrders.id, payload.repairId), inArray(repairOrders.state, [...openRepairStates])))
			.for('update');
		if (!order) return;
		const late = payload.stage === 'response' ? order.firstResponseAt === null : order.workDoneAt === null;
		if (!late) return;
		// Jobs run at least once: an escalation already on the record for this stage ends it.
		const [already] = await tx
			.select({ id: events.id })
			.from(events)
			.where(
				and(
					eq(events.subjectType, 'repair'),
					eq(events.subjectId, order.id),
					eq(events.kind, 'escalated'),
					sql`${events.data}->>'stage' = ${payload.stage}`
				)
			);
		if (already) return;
		await tx
			.update(repairOrders)
			.set({ escalatedAt: order.escalatedAt ?? new Date() })
			.where(eq(repairOrders.id, order.id));
		await recordEvent(tx, {
			actor: null,
			subjectType: 'repair',
			subjectId: order.id,
			kind: 'escalated',
			note: payload.stage,
			data: { stage: payload.stage }
		});
		const managers = await staffInEstate(tx, order.estateId, ['manager']);
		const stage = inEveryLocale(payload.stage === 'response' ? m.repairs_sla_response : m.repairs_sla_completion);
		await tellAboutRepair(tx, order, 'overdue', { userIds: managers.map((u) => u.id), audience: 'staff' }, { stage }, ['inbox', 'email']);
	});
}

import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { repairCallbacks, repairKinds } from '../db/schema/index.ts';
import { randomString, hashSecret } from '../auth/tokens.ts';
import { callbackRuleFor } from '../dictionaries/callback-deadline.ts';
import { callbackDaysForKind } from '../dictionaries/callback-rules.ts';
import { localDate, localMonth, monthBounds } from '#lib/time/index.ts';
import { estateTimeZone } from '../calendar/store.ts';
import { recordEvent } from '../events/service.ts';
import { notify } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { repairReference, residentsOfOrder } from '../repairs/notices.ts';
import { m } from '#lib/paraglide/messages.js';
import { callbackRoles, nextCallbackRole, type CallbackRole } from './shares.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Advisory lock class for an estate's callback assignment (second key: the estate). */
const CALLBACK_SHARES_LOCK = 7_310_003;
/** The resident's personal evaluation link stays valid this long after the callback is due. */
const EVALUATION_LINK_GRACE_DAYS = 14;

type CompletedOrder = {
	id: string;
	seq: number;
	estateId: string;
	unitId: string;
	occupancyId: string | null;
	kindId: string;
	requesterId: string | null;
};

/**
 * Creates the callback of a completed order, inside the sign-off transaction: due at completion
 * + the kind's days (dictionary), given to the role furthest below its monthly share in the
 * estate and, within it, to whoever has the fewest callbacks this month. The resident gets a
 * personal evaluation link by email (never stored in plain: only its hash is kept).
 */
export async function createRepairCallback(tx: Executor, order: CompletedOrder, completedAt: Date): Promise<{ id: string; token: string }> {
	const [kind] = await tx.select().from(repairKinds).where(eq(repairKinds.id, order.kindId));
	if (!kind) throw new Error(`Repair kind ${order.kindId} is missing`);
	const days = await callbackDaysForKind(tx, kind);
	const dueAt = new Date(completedAt.getTime() + days * DAY_MS);
	const zone = await estateTimeZone(tx, order.estateId);
	if (!zone) throw new Error(`Estate ${order.estateId} is missing`);
	// Shares count per month as the estate reads it: the month the sign-off falls in, in its zone.
	const month = monthBounds(localMonth(completedAt, zone), zone);
	// Two sign-offs in one estate at the same moment would both read the same counts and give
	// the same role; callbacks of one estate are therefore created one after the other (the lock
	// ends with the transaction).
	await tx.execute(sql`select pg_advisory_xact_lock(${CALLBACK_SHARES_LOCK}, hashtext(${order.estateId}))`);

	const rows = await tx
		.select({ role: repairCallbacks.assigneeRole, assigneeId: repairCallbacks.assigneeId, n: count() })
		.from(repairCallbacks)
		.where(
			and(eq(repairCallbacks.estateId, order.estateId), gte(repairCallbacks.createdAt, month.from), lt(repairCallbacks.createdAt, month.to))
		)
		.groupBy(repairCallbacks.assigneeRole, repairCallbacks.assigneeId);
	const counts: Record<CallbackRole, number> = { manager: 0, customer_service: 0, engineering_supervisor: 0 };
	const perPerson = new Map<string, number>();
	for (const row of rows) {
		counts[row.role] += row.n;
		if (row.assigneeId) perPerson.set(row.assigneeId, (perPerson.get(row.assigneeId) ?? 0) + row.n);
	}
	const staffByRole = new Map<CallbackRole, { id: string; name: string }[]>();
	for (const role of callbackRoles) staffByRole.set(role, await staffInEstate(tx, order.estateId, [role]));
	const available = new Set(callbackRoles.filter((role) => (staffByRole.get(role)?.length ?? 0) > 0));
	// Nobody in any of the three roles: the callback still exists, on the director's list, unassigned.
	const role = nextCallbackRole(counts, available) ?? 'manager';
	const candidates = staffByRole.get(role) ?? [];
	const assignee = [...candidates].sort((a, b) => (perPerson.get(a.id) ?? 0) - (perPerson.get(b.id) ?? 0))[0] ?? null;

	const token = randomString(26);
	const [callback] = await tx
		.insert(repairCallbacks)
		.values({
			repairId: order.id,
			estateId: order.estateId,
			rule: callbackRuleFor(kind),
			dueAt,
			assigneeId: assignee?.id ?? null,
			assigneeRole: role,
			evaluationTokenHash: hashSecret(token),
			evaluationExpiresAt: new Date(dueAt.getTime() + EVALUATION_LINK_GRACE_DAYS * DAY_MS),
			createdAt: completedAt
		})
		.returning({ id: repairCallbacks.id });
	await recordEvent(tx, {
		actor: null,
		subjectType: 'repair',
		subjectId: order.id,
		kind: 'callback_due',
		data: { callbackId: callback!.id, dueAt: dueAt.toISOString(), role, assigneeId: assignee?.id ?? null }
	});
	if (assignee) {
		await notify(tx, {
			userIds: [assignee.id],
			kind: 'callback.assigned',
			subject: { type: 'callback', id: callback!.id },
			link: `/staff/callbacks/${callback!.id}`,
			message: (locale) => ({
				title: m.callbacks_notice_assigned_title({ reference: repairReference(order) }, { locale }),
				body: m.callbacks_notice_assigned_body({ due: localDate(dueAt, zone) }, { locale })
			}),
			channels: ['inbox']
		});
	}
	const evaluators = await residentsOfOrder(tx, order, [order.requesterId]);
	if (evaluators.length) {
		// Email only: the link is a secret, so it is not kept in the inbox table.
		await notify(tx, {
			userIds: evaluators,
			kind: 'callback.evaluation',
			subject: { type: 'callback', id: callback!.id },
			link: `/s/${token}`,
			message: (locale) => ({
				title: m.callbacks_notice_evaluate_title({}, { locale }),
				body: m.callbacks_notice_evaluate_body({ reference: repairReference(order) }, { locale })
			}),
			channels: ['email']
		});
	}
	return { id: callback!.id, token };
}

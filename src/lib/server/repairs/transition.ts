import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Tx } from '../db/client.ts';
import { repairOrders } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { loadRepair, takeTransition, type LoadedRepair } from './access.ts';
import type { RepairAction, RepairState } from './machine.ts';

export interface TransitionOutcome<T> {
	changes?: Partial<typeof repairOrders.$inferInsert>;
	note?: string;
	data?: Record<string, unknown>;
	result?: T;
	/** Work that follows the transition on the record (its own events come after this one). */
	after?: (tx: Tx) => Promise<void>;
}

/**
 * One transition in one transaction: lock the order the actor may see, check the machine,
 * let `apply` do the action's own work, then write the new state and its event together.
 */
export async function transition<T = void>(
	actor: Actor,
	repairId: string,
	action: RepairAction,
	apply: (tx: Tx, loaded: LoadedRepair, next: RepairState) => Promise<TransitionOutcome<T>>
): Promise<T> {
	return db().transaction(async (tx) => {
		const loaded = await loadRepair(tx, actor, repairId, { forUpdate: true });
		const next = takeTransition(loaded, action);
		const outcome = await apply(tx, loaded, next);
		await tx
			.update(repairOrders)
			.set({ ...outcome.changes, state: next, updatedAt: new Date() })
			.where(eq(repairOrders.id, loaded.order.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'repair',
			subjectId: loaded.order.id,
			kind: action,
			from: loaded.order.state,
			to: next,
			note: outcome.note,
			data: outcome.data
		});
		await outcome.after?.(tx);
		return outcome.result as T;
	});
}

/**
 * A recorded change that keeps the state (claim, hand-over, promise, material, comment): lock,
 * let `apply` check who may and write, record the event — all in one transaction.
 */
export async function recordOnOrder<T = void>(
	actor: Actor,
	repairId: string,
	kind: string,
	apply: (tx: Tx, loaded: LoadedRepair) => Promise<TransitionOutcome<T>>
): Promise<T> {
	return db().transaction(async (tx) => {
		const loaded = await loadRepair(tx, actor, repairId, { forUpdate: true });
		const outcome = await apply(tx, loaded);
		if (outcome.changes) {
			await tx
				.update(repairOrders)
				.set({ ...outcome.changes, updatedAt: new Date() })
				.where(eq(repairOrders.id, loaded.order.id));
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'repair',
			subjectId: loaded.order.id,
			kind,
			note: outcome.note,
			data: outcome.data
		});
		return outcome.result as T;
	});
}

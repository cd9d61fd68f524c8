import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Tx } from '../db/client.ts';
import { repairOrders } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { loadRepair, loadRepairForSystem, type LoadedRepair } from './access.ts';
import { actionEvent } from './event-kinds.ts';
import { repairMachine, takeRepairAction, type RepairAction, type RepairState } from './machine.ts';

export interface TransitionOutcome<T> {
	changes?: Partial<typeof repairOrders.$inferInsert>;
	note?: string;
	data?: Record<string, unknown>;
	result?: T;
	/** Work that follows the action on the record (its own events come after this one). */
	after?: (tx: Tx) => Promise<void>;
}

/**
 * One action on an order in one transaction: lock the order the actor may see (404 otherwise),
 * ask the machine (403 for an action never the actor's, a message when the order moved on), let
 * `apply` do the action's own work, then write the new state and the action's event together.
 */
export async function takeAction<T = void>(
	actor: Actor,
	repairId: string,
	action: RepairAction,
	apply: (tx: Tx, loaded: LoadedRepair, next: RepairState) => Promise<TransitionOutcome<T>>
): Promise<T> {
	return db().transaction(async (tx) => {
		const loaded = await loadRepair(tx, actor, repairId, { forUpdate: true });
		return write(tx, actor, loaded, action, apply);
	});
}

/**
 * An action the system takes (capacity 'system': the deadline sweep's auto_close), in the caller's
 * transaction: the order is locked, the machine asked, state and event (no actor) written together.
 * Returns null, changing nothing, when the order is gone or the machine refuses (it moved on).
 */
export async function takeSystemAction<T = void>(
	tx: Tx,
	repairId: string,
	action: RepairAction,
	apply: (tx: Tx, loaded: LoadedRepair, next: RepairState) => Promise<TransitionOutcome<T>>,
	/** What must still hold of the locked order (e.g. the days have really passed); null when it does not. */
	when: (loaded: LoadedRepair) => boolean = () => true
): Promise<{ result: T } | null> {
	const loaded = await loadRepairForSystem(tx, repairId);
	if (!loaded || !repairMachine.can(loaded.state, action, loaded.capacities) || !when(loaded)) return null;
	return { result: await write(tx, null, loaded, action, apply) };
}

async function write<T>(
	tx: Tx,
	actor: Actor | null,
	loaded: LoadedRepair,
	action: RepairAction,
	apply: (tx: Tx, loaded: LoadedRepair, next: RepairState) => Promise<TransitionOutcome<T>>
): Promise<T> {
	const next = takeRepairAction(loaded, action, actor?.userId ?? '');
	const outcome = await apply(tx, loaded, next);
	if (next !== loaded.order.state || outcome.changes) {
		await tx
			.update(repairOrders)
			.set({ ...outcome.changes, state: next, updatedAt: new Date() })
			.where(eq(repairOrders.id, loaded.order.id));
	}
	await recordEvent(tx, {
		actor,
		subjectType: 'repair',
		subjectId: loaded.order.id,
		kind: actionEvent[action],
		from: loaded.order.state,
		to: next,
		note: outcome.note,
		data: outcome.data
	});
	await outcome.after?.(tx);
	return outcome.result as T;
}

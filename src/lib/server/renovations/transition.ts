import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Tx } from '../db/client.ts';
import { renovationApplications } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { loadApplication, type LoadedApplication } from './access.ts';
import { renovationMachine, type RenovationAction, type RenovationState } from './machine.ts';
import type { RenovationEventKind } from './event-kinds.ts';
import { tellStepHolders } from './notices.ts';

export interface RenovationOutcome<T> {
	changes?: Partial<typeof renovationApplications.$inferInsert>;
	note?: string;
	data?: Record<string, unknown>;
	result?: T;
	/** Runs after the step and its event are written, in the same transaction (a step that may follow from this one). */
	after?: (tx: Tx) => Promise<unknown>;
}

/**
 * One action on an application in one transaction: lock the application the actor may see (404
 * otherwise), ask the machine (403 for an action never the actor's, a message when the
 * application has moved on), let `apply` do the action's own work (it may refuse with an
 * InputError, and nothing is written), then write the new state and the action's event together,
 * and tell whoever the new step waits for (notices.ts).
 */
export async function takeRenovationAction<T = void>(
	actor: Actor,
	applicationId: string,
	action: RenovationAction,
	apply: (tx: Tx, loaded: LoadedApplication, next: RenovationState) => Promise<RenovationOutcome<T>> = async () => ({})
): Promise<T> {
	return db().transaction(async (tx) => {
		const loaded = await loadApplication(tx, actor, applicationId, { forUpdate: true });
		const from = loaded.application.state;
		const next = renovationMachine.take(from, action, loaded.capacities);
		const outcome = await apply(tx, loaded, next);
		if (next !== from || outcome.changes) {
			await tx
				.update(renovationApplications)
				.set({ ...outcome.changes, state: next, updatedAt: new Date() })
				.where(eq(renovationApplications.id, loaded.application.id));
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'renovation',
			subjectId: loaded.application.id,
			kind: action satisfies RenovationEventKind,
			from,
			to: next,
			note: outcome.note,
			data: outcome.data
		});
		if (next !== from) await tellStepHolders(tx, { ...loaded.application, ...outcome.changes, state: next }, next);
		await outcome.after?.(tx);
		return outcome.result as T;
	});
}

/**
 * A step the system takes when its condition comes true elsewhere (the fees paid): in the caller's
 * transaction, on the application locked, with the machine deciding as for a person. Returns
 * false when the machine does not allow it now (the step has moved on): nothing is written.
 */
export async function takeSystemAction(tx: Tx, applicationId: string, action: RenovationAction, note?: string): Promise<boolean> {
	const [application] = await tx.select().from(renovationApplications).where(eq(renovationApplications.id, applicationId)).for('update');
	if (!application || !renovationMachine.can(application.state, action, new Set(['system'] as const))) return false;
	const next = renovationMachine.take(application.state, action, new Set(['system'] as const));
	await tx.update(renovationApplications).set({ state: next, updatedAt: new Date() }).where(eq(renovationApplications.id, application.id));
	await recordEvent(tx, {
		actor: null,
		subjectType: 'renovation',
		subjectId: application.id,
		kind: action satisfies RenovationEventKind,
		from: application.state,
		to: next,
		note
	});
	if (next !== application.state) await tellStepHolders(tx, { ...application, state: next }, next);
	return true;
}

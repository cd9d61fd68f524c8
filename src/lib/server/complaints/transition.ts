import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Tx } from '../db/client.ts';
import { complaints } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { loadComplaint, type LoadedComplaint } from './access.ts';
import { complaintActionEvent } from './event-kinds.ts';
import { takeComplaintAction, type ComplaintAction, type ComplaintState } from './machine.ts';

export interface ComplaintOutcome<T> {
	changes?: Partial<typeof complaints.$inferInsert>;
	note?: string;
	data?: Record<string, unknown>;
	result?: T;
	/** Work that follows the action on the record (notices, jobs) in the same transaction. */
	after?: (tx: Tx, next: ComplaintState) => Promise<void>;
}

/**
 * One action on a complaint in one transaction: lock the complaint the actor may see (404
 * otherwise), ask the machine (403 for an action never the actor's, a message when the complaint
 * moved on), let `apply` do the action's own work, then write the new state and the event together.
 */
export async function takeComplaint<T = void>(
	actor: Actor,
	complaintId: string,
	action: ComplaintAction,
	apply: (tx: Tx, loaded: LoadedComplaint, next: ComplaintState) => Promise<ComplaintOutcome<T>>,
	{ now = new Date() }: { now?: Date } = {}
): Promise<T> {
	return db().transaction(async (tx) => {
		const loaded = await loadComplaint(tx, actor, complaintId, { forUpdate: true });
		const next = takeComplaintAction(loaded, action, actor.userId);
		const outcome = await apply(tx, loaded, next);
		if (next !== loaded.complaint.state || outcome.changes) {
			await tx
				.update(complaints)
				.set({ ...outcome.changes, state: next, updatedAt: now })
				.where(eq(complaints.id, loaded.complaint.id));
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'complaint',
			subjectId: loaded.complaint.id,
			kind: complaintActionEvent[action],
			from: loaded.complaint.state,
			to: next,
			note: outcome.note,
			data: outcome.data
		});
		await outcome.after?.(tx, next);
		return outcome.result as T;
	});
}

import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Tx } from '../db/client.ts';
import { renovationApplications } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { loadApplication, type LoadedApplication, type RenovationApplication } from './access.ts';
import { renovationMachine, type RenovationAction, type RenovationState } from './machine.ts';
import type { RenovationEventKind } from './event-kinds.ts';
import { tellStepHolders } from './notices.ts';
import { renovationReference } from '#lib/references.ts';
import { fileInArchive } from '../archive/file.ts';
import type { ArchiveKind } from '../archive/kinds.ts';

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
		await writeStep(tx, loaded.application, { actor, action, next, ...outcome });
		await outcome.after?.(tx);
		return outcome.result as T;
	});
}

/**
 * Writes one taken action: the new state (and the action's changes) when there is one, the event
 * always, and the notices when the step changed.
 */
async function writeStep(
	tx: Tx,
	application: RenovationApplication,
	step: { actor: Actor | null; action: RenovationAction; next: RenovationState } & Pick<
		RenovationOutcome<unknown>,
		'changes' | 'note' | 'data'
	>
): Promise<void> {
	const from = application.state;
	if (step.next !== from || step.changes) {
		await tx
			.update(renovationApplications)
			.set({ ...step.changes, state: step.next, updatedAt: new Date(), ...(step.next !== from ? { stepSince: new Date() } : {}) })
			.where(eq(renovationApplications.id, application.id));
	}
	await recordEvent(tx, {
		actor: step.actor,
		subjectType: 'renovation',
		subjectId: application.id,
		kind: step.action satisfies RenovationEventKind,
		from,
		to: step.next,
		note: step.note,
		data: step.data
	});
	const filed = archivedSteps[step.action];
	if (filed)
		await fileInArchive(tx, {
			unitId: application.unitId,
			occupancyId: application.occupancyId,
			kind: filed,
			sourceType: 'renovation',
			sourceId: application.id,
			summary: { reference: renovationReference(application.seq), step: step.action },
			actor: step.actor
		});
	if (step.next !== from) await tellStepHolders(tx, { ...application, ...step.changes, state: step.next }, step.next);
}

/**
 * The steps that file a paper in the unit's file (一戶一檔): the application as submitted and each
 * revision, the permit, a violation (with its fine), and the close.
 */
const archivedSteps: Partial<Record<RenovationAction, ArchiveKind>> = {
	submit: 'renovation',
	resubmit: 'renovation',
	issue_permit: 'renovation',
	record_violation: 'violation',
	revoke_permit: 'notice',
	accept: 'renovation'
};

/**
 * A step the system takes when its condition comes true elsewhere (the fees paid): in the caller's
 * transaction, on the application locked, with the machine deciding as for a person. Returns
 * false when the machine does not allow it now (the step has moved on): nothing is written.
 */
export async function takeSystemAction(
	tx: Tx,
	applicationId: string,
	action: RenovationAction,
	step: Pick<RenovationOutcome<unknown>, 'note' | 'data'> = {}
): Promise<boolean> {
	const system = new Set(['system'] as const);
	const [application] = await tx.select().from(renovationApplications).where(eq(renovationApplications.id, applicationId)).for('update');
	if (!application || !renovationMachine.can(application.state, action, system)) return false;
	await writeStep(tx, application, { actor: null, action, next: renovationMachine.take(application.state, action, system), ...step });
	return true;
}

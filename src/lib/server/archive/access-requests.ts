/**
 * Requests to read a unit's file (查閱經客務部經理批準): staff outside customer service ask with a
 * reason, the customer-service manager approves (a grant for ARCHIVE_GRANT_HOURS) or refuses with
 * a note, and the clock expires a grant past its time. Each step is one transaction that writes
 * the state and appends its event (access-machine.ts).
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import { archiveAccessRequests, buildings, estates, units, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireEstate, requireStaff } from '../auth/guards.ts';
import { recordEvent } from '../events/service.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import { archiveAccess } from './access.ts';
import { accessCapacities, accessMachine, ARCHIVE_GRANT_HOURS, clockCapacities, type AccessState } from './access-machine.ts';

const HOUR = 3_600_000;
const EXPIRE_GRANTS_JOB = 'archive.expire-grants';
const REASON_MAX = 1000;

function reasonOf(text: string | null | undefined, field = 'reason'): string {
	const reason = (text ?? '').trim();
	if (!reason || reason.length > REASON_MAX) throw new InputError(field, m.archive_reason_required());
	return reason;
}

/**
 * Asks to read the unit's file. Refused (403) to staff who read it by role or may not ask; a
 * request already waiting or a grant still running is answered with itself, not a second one.
 */
export async function requestArchiveAccess(
	actor: Actor,
	unitId: string,
	input: { reason: string },
	options: { now?: Date } = {}
): Promise<{ id: string; state: AccessState }> {
	const now = options.now ?? new Date();
	requireStaff(actor, 'archive.request');
	return db().transaction(async (tx) => {
		const { unit, access } = await archiveAccess(tx, actor, unitId, now);
		// Reading by role (a manager who also works in security): there is nothing to ask.
		if (access.by === 'role') error(403, 'Forbidden');
		if (access.by === 'grant') return { id: access.grantId, state: 'approved' as const };
		if (access.by === 'none' && access.pending) return { id: access.pending.id, state: 'requested' as const };
		const reason = reasonOf(input.reason);
		const [row] = await tx
			.insert(archiveAccessRequests)
			.values({ unitId: unit.id, estateId: unit.estateId, requesterId: actor.userId, reason, createdAt: now })
			.returning();
		await recordEvent(tx, {
			actor,
			subjectType: 'archive_access',
			subjectId: row!.id,
			kind: 'request',
			to: 'requested',
			note: reason,
			data: { unitId: unit.id }
		});
		return { id: row!.id, state: row!.state };
	});
}

/**
 * The manager's decision: approve (a grant until now + ARCHIVE_GRANT_HOURS) or refuse with a note.
 * Another estate's request is a 404; a decided one a StaleStateError; one's own request a 403.
 */
export async function decideArchiveAccess(
	actor: Actor,
	requestId: string,
	input: { decision: 'approve' | 'refuse'; note?: string },
	options: { now?: Date } = {}
): Promise<{ state: AccessState; expiresAt: Date | null }> {
	const now = options.now ?? new Date();
	requireStaff(actor, 'archive.grant');
	if (!isUuid(requestId)) error(404, 'Not found');
	return db().transaction(async (tx) => {
		const [found] = await tx.select().from(archiveAccessRequests).where(eq(archiveAccessRequests.id, requestId)).for('update');
		requireEstate(actor, found?.estateId);
		const request = found;
		const to = accessMachine.take(request.state, input.decision, accessCapacities(actor, request), m.archive_request_decided());
		const note = input.decision === 'refuse' ? reasonOf(input.note, 'note') : (input.note ?? '').trim().slice(0, REASON_MAX);
		const expiresAt = to === 'approved' ? new Date(now.getTime() + ARCHIVE_GRANT_HOURS * HOUR) : null;
		await tx
			.update(archiveAccessRequests)
			.set({ state: to, decidedBy: actor.userId, decidedAt: now, decisionNote: note, expiresAt })
			.where(eq(archiveAccessRequests.id, request.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'archive_access',
			subjectId: request.id,
			kind: input.decision,
			from: request.state,
			to,
			note,
			data: { unitId: request.unitId, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) }
		});
		// The clock's step, durably: the grant is marked expired when its time is up.
		if (expiresAt)
			await scheduleJob(tx, {
				kind: EXPIRE_GRANTS_JOB,
				payload: { requestId: request.id },
				runAt: expiresAt,
				dedupeKey: `${EXPIRE_GRANTS_JOB}:${request.id}`
			});
		return { state: to, expiresAt };
	});
}

export interface ExpireGrantsPayload {
	/** The grant whose end the job was scheduled for; the run expires every grant due by then. */
	requestId: string;
}

/** The job scheduled at each grant's end: expires every grant due by then (idempotent). */
export const expireGrantsJob: JobHandler<ExpireGrantsPayload> = async (_payload, { db: database, now }) => {
	await expireArchiveGrants(database, now);
};

/**
 * Marks grants past their time expired, each with its event (the clock's step). Reading never
 * depends on it — a grant past expiresAt already lets nobody read — it keeps the queue honest.
 */
export async function expireArchiveGrants(executor: Executor = db(), now: Date = new Date()): Promise<number> {
	return executor.transaction(async (tx) => {
		const due = await tx
			.select({ id: archiveAccessRequests.id, state: archiveAccessRequests.state, unitId: archiveAccessRequests.unitId })
			.from(archiveAccessRequests)
			.where(and(eq(archiveAccessRequests.state, 'approved'), lte(archiveAccessRequests.expiresAt, now)))
			.for('update', { skipLocked: true });
		for (const grant of due) {
			const to = accessMachine.take(grant.state, 'expire', clockCapacities);
			await tx.update(archiveAccessRequests).set({ state: to }).where(eq(archiveAccessRequests.id, grant.id));
			await recordEvent(tx, {
				actor: null,
				subjectType: 'archive_access',
				subjectId: grant.id,
				kind: 'expire',
				from: grant.state,
				to,
				data: { unitId: grant.unitId }
			});
		}
		return due.length;
	});
}

export interface AccessRequestRow {
	id: string;
	unitId: string;
	unitLabel: string;
	estateName: string;
	requesterName: string;
	requesterId: string;
	reason: string;
	/** 'expired' for an approved grant past its time, whether or not the clock has marked it. */
	state: AccessState;
	createdAt: Date;
	decidedAt: Date | null;
	expiresAt: Date | null;
	timeZone: string;
	/** What the reader may do with it now (access-machine.ts). */
	actions: ('approve' | 'refuse')[];
}

/**
 * The approval queue: requests of the actor's estates, waiting first (oldest first), then the latest
 * decided; for staff who ask rather than approve, their own requests.
 */
export async function listAccessRequests(actor: Actor, options: { now?: Date; decidedLimit?: number } = {}): Promise<AccessRequestRow[]> {
	requireStaff(actor, ['archive.grant', 'archive.request']);
	const now = options.now ?? new Date();
	const requester = users;
	const select = () =>
		db()
			.select({
				id: archiveAccessRequests.id,
				unitId: archiveAccessRequests.unitId,
				building: buildings.name,
				number: units.number,
				estateName: estates.name,
				timeZone: estates.timeZone,
				requesterName: requester.name,
				requesterId: archiveAccessRequests.requesterId,
				reason: archiveAccessRequests.reason,
				state: archiveAccessRequests.state,
				createdAt: archiveAccessRequests.createdAt,
				decidedAt: archiveAccessRequests.decidedAt,
				expiresAt: archiveAccessRequests.expiresAt
			})
			.from(archiveAccessRequests)
			.innerJoin(units, eq(units.id, archiveAccessRequests.unitId))
			.innerJoin(buildings, eq(buildings.id, units.buildingId))
			.innerJoin(estates, eq(estates.id, archiveAccessRequests.estateId))
			.innerJoin(requester, eq(requester.id, archiveAccessRequests.requesterId));
	const scope = and(
		inActorEstates(actor, archiveAccessRequests.estateId),
		can(actor, 'archive.grant') ? undefined : eq(archiveAccessRequests.requesterId, actor.userId)
	);
	const [waiting, decided] = await Promise.all([
		select()
			.where(and(scope, eq(archiveAccessRequests.state, 'requested')))
			.orderBy(asc(archiveAccessRequests.createdAt)),
		select()
			.where(and(scope, inArray(archiveAccessRequests.state, ['approved', 'refused', 'expired'])))
			.orderBy(desc(sql`coalesce(${archiveAccessRequests.decidedAt}, ${archiveAccessRequests.createdAt})`))
			.limit(options.decidedLimit ?? 20)
	]);
	return [...waiting, ...decided].map(({ building, number, ...row }) => {
		const state: AccessState = row.state === 'approved' && row.expiresAt && row.expiresAt <= now ? 'expired' : row.state;
		return {
			...row,
			unitLabel: `${building} ${number}`,
			state,
			actions: accessMachine.open(state, accessCapacities(actor, row)).filter((a): a is 'approve' | 'refuse' => a !== 'expire')
		};
	});
}

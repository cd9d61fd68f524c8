import { and, asc, eq } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { auditLog, events, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuditSubjectType, EventKinds, SubjectType } from './kinds.ts';
import type { AuditAction } from './audit-actions.ts';

/** One event of a subject: its kind must be one the subject has (events/kinds.ts). */
export type EventInput = { [S in SubjectType]: EventFields & { subjectType: S; kind: EventKinds[S] } }[SubjectType];

interface EventFields {
	actor: Pick<Actor, 'userId'> | null;
	subjectId: string;
	from?: string | null;
	to?: string | null;
	note?: string;
	data?: Record<string, unknown>;
}

const eventRow = (input: EventInput) => ({
	actorId: input.actor?.userId ?? null,
	subjectType: input.subjectType,
	subjectId: input.subjectId,
	kind: input.kind,
	fromState: input.from ?? null,
	toState: input.to ?? null,
	note: input.note ?? '',
	data: input.data ?? {}
});

/** Appends one event; pass the transaction that changes the state so both commit together. */
export async function recordEvent(executor: Executor, input: EventInput) {
	const [row] = await executor.insert(events).values(eventRow(input)).returning();
	return row!;
}

/** Appends many events in one statement (a batch job's changes); nothing for none. */
export async function recordEvents(executor: Executor, inputs: readonly EventInput[]): Promise<void> {
	if (inputs.length) await executor.insert(events).values(inputs.map(eventRow));
}

/** The timeline of one subject, oldest first. Callers check the actor may see the subject. */
export function listEvents(subjectType: SubjectType, subjectId: string, executor: Executor = db()) {
	return executor
		.select()
		.from(events)
		.where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
		.orderBy(asc(events.id));
}

/** The timeline of one subject with who wrote each entry (name, and whether staff), oldest first. Callers check the actor may see the subject. */
export function listEventsWithActors(subjectType: SubjectType, subjectId: string, executor: Executor = db()) {
	return executor
		.select({
			id: events.id,
			at: events.at,
			kind: events.kind,
			from: events.fromState,
			to: events.toState,
			note: events.note,
			data: events.data,
			actorName: users.name,
			actorKind: users.kind
		})
		.from(events)
		.leftJoin(users, eq(users.id, events.actorId))
		.where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
		.orderBy(asc(events.id));
}

export interface AuditInput {
	actor: Pick<Actor, 'userId'> | null;
	/** A listed code (audit-actions.ts), named on the audit page in the reader's language. */
	action: AuditAction;
	subjectType: AuditSubjectType;
	subjectId: string;
	detail?: Record<string, unknown>;
	ip?: string;
}

export async function recordAudit(executor: Executor, input: AuditInput): Promise<void> {
	await executor.insert(auditLog).values({
		actorId: input.actor?.userId ?? null,
		action: input.action,
		subjectType: input.subjectType,
		subjectId: input.subjectId,
		detail: input.detail ?? {},
		ip: input.ip ?? ''
	});
}

import { m } from '#lib/paraglide/messages.js';
import {
	assignSchema,
	claimSchema,
	directSchema,
	maliciousSchema,
	replySchema,
	resultSchema,
	type AssignComplaintInput
} from '#lib/schemas/complaints.ts';
import { commentSchema, handOverSchema, reasonSchema } from '#lib/schemas/repairs.ts';
import { numericDateTime, parseLocalDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isStaffInEstate, staffInEstate, userName } from '../repairs/people.ts';
import { departmentRoles, type LoadedComplaint } from './access.ts';
import { scheduleDeadlineCheck } from './deadlines.ts';
import { tellComplainant, tellStaff } from './notices.ts';
import { issueSatisfactionLink } from './satisfaction.ts';
import { takeComplaint } from './transition.ts';

type Options = { now?: Date };

/** A time typed in the estate's zone that must lie ahead, else a message at its field. */
function futureTime(value: string, timeZone: string, now: Date, field: string): Date {
	const at = parseLocalDateTime(value, timeZone);
	if (!at || at <= now) throw new InputError(field, m.complaints_promise_in_past());
	return at;
}

/** Sets a new promised reply time: the complainant is told, and a job checks it when it falls due. */
async function promiseFrom(tx: Tx, loaded: LoadedComplaint, at: Date, now: Date) {
	await scheduleDeadlineCheck(tx, loaded.complaint.id, 'promise', at);
	await tellComplainant(tx, loaded.complaint, 'reply_promised', { when: numericDateTime(at, loaded.timeZone) });
	return { promisedReplyBy: at, promiseSetAt: now, promiseMissedAt: null };
}

/** 首問: the first desk member to take up a complaint owns it, and promises the complainant a reply time. */
export async function claimComplaint(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(claimSchema, raw);
	return takeComplaint(actor, complaintId, 'claim', async (tx, loaded) => {
		const at = futureTime(input.promisedReplyBy, loaded.timeZone, now, 'promisedReplyBy');
		return { changes: { ownerId: actor.userId, ...(await promiseFrom(tx, loaded, at, now)) }, data: { promisedReplyBy: at.toISOString() } };
	});
}

export async function promiseComplaintReply(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(claimSchema, raw);
	return takeComplaint(actor, complaintId, 'promise', async (tx, loaded) => {
		const at = futureTime(input.promisedReplyBy, loaded.timeZone, now, 'promisedReplyBy');
		return { changes: await promiseFrom(tx, loaded, at, now), data: { promisedReplyBy: at.toISOString() } };
	});
}

/** Hands ownership to another desk member on the record, with a reason; the new owner is told. */
export async function handOverComplaint(actor: Actor, complaintId: string, raw: unknown) {
	const input = parseInput(handOverSchema, raw);
	return takeComplaint(actor, complaintId, 'hand_over', async (tx, { complaint }) => {
		if (
			input.toUserId === complaint.ownerId ||
			!(await isStaffInEstate(tx, input.toUserId, complaint.estateId, ['customer_service', 'manager']))
		) {
			throw new InputError('toUserId', m.complaints_hand_over_target_invalid());
		}
		await tellStaff(tx, complaint, 'handed_over', [input.toUserId], { reason: input.reason });
		return {
			changes: { ownerId: input.toUserId },
			note: input.reason,
			data: { fromUserId: complaint.ownerId, toUserId: input.toUserId, toName: await userName(tx, input.toUserId) }
		};
	});
}

/** Marks a complaint serious: it goes to the estate's managers at once (rule 4). */
export async function escalateComplaint(actor: Actor, complaintId: string, raw: unknown) {
	const input = parseInput(reasonSchema, raw);
	return takeComplaint(actor, complaintId, 'escalate', async (tx, { complaint }) => {
		const managers = (await staffInEstate(tx, complaint.estateId, ['manager'])).map((s) => s.id);
		await tellStaff(tx, complaint, 'serious', managers, {}, ['inbox', 'email', 'sms']);
		return { changes: { severity: 'serious' }, note: input.reason };
	});
}

/** Whom a complaint passed to a department reaches: the responsible person, else the department's staff in the estate. */
async function departmentPeople(tx: Tx, estateId: string, department: AssignComplaintInput['department'], responsibleId: string) {
	if (responsibleId) return [responsibleId];
	return (await staffInEstate(tx, estateId, departmentRoles[department])).map((s) => s.id);
}

/** Passes a complaint to the responsible department with a deadline (and, if named, a responsible person). */
export async function assignComplaint(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(assignSchema, raw);
	return takeComplaint(actor, complaintId, 'assign', async (tx, { complaint, timeZone }) => {
		const dueAt = futureTime(input.dueAt, timeZone, now, 'dueAt');
		if (input.responsibleId && !(await isStaffInEstate(tx, input.responsibleId, complaint.estateId, departmentRoles[input.department]))) {
			throw new InputError('responsibleId', m.complaints_responsible_invalid());
		}
		await scheduleDeadlineCheck(tx, complaint.id, 'department', dueAt);
		const when = numericDateTime(dueAt, timeZone);
		await tellStaff(
			tx,
			complaint,
			'for_department',
			await departmentPeople(tx, complaint.estateId, input.department, input.responsibleId),
			{ when }
		);
		return {
			changes: {
				department: input.department,
				departmentDueAt: dueAt,
				deadlineMissedAt: null,
				responsibleId: input.responsibleId || null,
				ownerId: complaint.ownerId ?? actor.userId
			},
			note: input.note,
			data: { department: input.department, dueAt: dueAt.toISOString(), responsibleId: input.responsibleId || null }
		};
	});
}

/** The manager directs a (serious) complaint: names the fix, the responsible person and the deadline. */
export async function directComplaint(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(directSchema, raw);
	return takeComplaint(actor, complaintId, 'direct', async (tx, { complaint, timeZone }) => {
		const dueAt = futureTime(input.dueAt, timeZone, now, 'dueAt');
		if (!(await isStaffInEstate(tx, input.responsibleId, complaint.estateId, departmentRoles[input.department]))) {
			throw new InputError('responsibleId', m.complaints_responsible_invalid());
		}
		await scheduleDeadlineCheck(tx, complaint.id, 'department', dueAt);
		await tellStaff(tx, complaint, 'for_department', [input.responsibleId], { when: numericDateTime(dueAt, timeZone) }, ['inbox', 'email']);
		return {
			changes: {
				department: input.department,
				departmentDueAt: dueAt,
				deadlineMissedAt: null,
				responsibleId: input.responsibleId,
				fixPlan: input.fixPlan,
				ownerId: complaint.ownerId ?? actor.userId
			},
			note: input.fixPlan,
			data: {
				department: input.department,
				dueAt: dueAt.toISOString(),
				responsibleId: input.responsibleId,
				responsibleName: await userName(tx, input.responsibleId)
			}
		};
	});
}

/** A reply to the complainant on the record: it keeps the promise made. */
export async function replyToComplainant(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(replySchema, raw);
	return takeComplaint(
		actor,
		complaintId,
		'reply',
		async (tx, { complaint }) => {
			await tellComplainant(tx, complaint, 'replied', { message: input.message });
			return { changes: { repliedAt: now }, note: input.message };
		},
		{ now }
	);
}

/**
 * The resolver records the result and signs it (rule 4) — an outside party's complaint too, with
 * its explanation. The complainant gets the result and a personal link to say whether satisfied.
 */
export async function resolveComplaint(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(resultSchema, raw);
	return takeComplaint(
		actor,
		complaintId,
		'resolve',
		async (tx, { complaint }) => {
			await issueSatisfactionLink(tx, complaint, input.resolution, now);
			return {
				changes: {
					resolution: input.resolution,
					outsideParty: input.outsideParty,
					resolverSignedName: input.signedName,
					resolvedBy: actor.userId,
					resolvedAt: now,
					repliedAt: now
				},
				note: input.resolution,
				data: { signedName: input.signedName, outsideParty: input.outsideParty }
			};
		},
		{ now }
	);
}

/** A malicious complaint: the manager answers it politely on the record; it is resolved and kept. */
export async function markMalicious(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: Options = {}) {
	const input = parseInput(maliciousSchema, raw);
	return takeComplaint(
		actor,
		complaintId,
		'mark_malicious',
		async (tx, { complaint }) => {
			await tellComplainant(tx, complaint, 'resolved', { resolution: input.answer });
			return {
				changes: {
					malicious: true,
					resolution: input.answer,
					resolverSignedName: actor.name,
					resolvedBy: actor.userId,
					resolvedAt: now,
					repliedAt: now
				},
				note: input.reason,
				data: { answer: input.answer }
			};
		},
		{ now }
	);
}

/** Back to the department (the complainant was not satisfied): the result is cleared, the history keeps it. */
export async function reopenComplaint(actor: Actor, complaintId: string, raw: unknown) {
	const input = parseInput(reasonSchema, raw);
	return takeComplaint(actor, complaintId, 'reopen', async (tx, { complaint }) => {
		const people = complaint.responsibleId
			? [complaint.responsibleId]
			: complaint.department
				? (await staffInEstate(tx, complaint.estateId, departmentRoles[complaint.department])).map((s) => s.id)
				: [];
		await tellStaff(tx, complaint, 'reopened', people, { reason: input.reason });
		await tellComplainant(tx, complaint, 'reopened', { reason: input.reason });
		return { changes: { resolvedAt: null, resolvedBy: null, resolverSignedName: null, closedAt: null }, note: input.reason };
	});
}

export async function closeComplaint(actor: Actor, complaintId: string, { now = new Date() }: Options = {}) {
	return takeComplaint(actor, complaintId, 'close', async () => ({ changes: { closedAt: now } }), { now });
}

/** A comment on the timeline: the complainant's reaches the owner, staff's reaches the complainant. */
export async function commentOnComplaint(actor: Actor, complaintId: string, raw: unknown) {
	const input = parseInput(commentSchema, raw);
	if (input.comment === '') throw new InputError('comment', m.complaints_comment_required());
	return takeComplaint(actor, complaintId, 'comment', async (tx, { complaint, capacities }) => {
		if (capacities.has('complainant')) await tellStaff(tx, complaint, 'comment', [complaint.ownerId, complaint.responsibleId]);
		else await tellComplainant(tx, complaint, 'comment');
		return { note: input.comment };
	});
}

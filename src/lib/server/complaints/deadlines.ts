import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { complaints, estates } from '../db/schema/index.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { recordEvent } from '../events/service.ts';
import { staffInEstate } from '../repairs/people.ts';
import { numericDateTime } from '#lib/time/index.ts';
import { departmentRoles } from './access.ts';
import { openComplaintStates } from './machine.ts';
import { tellStaff } from './notices.ts';

/**
 * A deadline of a complaint: the reply promised to the complainant (rule 1) or the department's
 * deadline for the fix (rule 4). `at` names the one promise or deadline the job checks: a new
 * promise schedules a job of its own, and the old one finds it is no longer the complaint's.
 */
export interface ComplaintDeadlinePayload {
	complaintId: string;
	deadline: 'promise' | 'department';
	at: string;
}

/** Schedules the check of a promise or a deadline, in the transaction that sets it. */
export async function scheduleDeadlineCheck(
	executor: Executor,
	complaintId: string,
	deadline: ComplaintDeadlinePayload['deadline'],
	at: Date
) {
	await scheduleJob(executor, {
		kind: 'complaints.deadline-check',
		payload: { complaintId, deadline, at: at.toISOString() },
		runAt: at,
		dedupeKey: `complaint:${complaintId}:${deadline}:${at.toISOString()}`
	});
}

/**
 * Runs when a promise or a deadline falls due. A promise is kept by a reply (or the result) given
 * after it was made; a department deadline by the result. When missed, the owner (or whoever
 * is responsible) and the estate's managers are told once, and the miss goes on the record.
 */
export const checkComplaintDeadline: JobHandler<ComplaintDeadlinePayload> = async (payload, { db, now }) => {
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ complaint: complaints, timeZone: estates.timeZone })
			.from(complaints)
			.innerJoin(estates, eq(estates.id, complaints.estateId))
			.where(and(eq(complaints.id, payload.complaintId), inArray(complaints.state, [...openComplaintStates])))
			.for('update', { of: complaints });
		if (!row) return;
		const { complaint } = row;
		const at = new Date(payload.at);
		const managers = (await staffInEstate(tx, complaint.estateId, ['manager'])).map((u) => u.id);
		const when = numericDateTime(at, row.timeZone);
		if (payload.deadline === 'promise') {
			if (complaint.promisedReplyBy?.getTime() !== at.getTime() || complaint.promiseMissedAt) return;
			// Kept: a reply on the record since the promise was made (promiseSetAt), at or before it fell due.
			if (complaint.repliedAt && complaint.promiseSetAt && complaint.repliedAt >= complaint.promiseSetAt) return;
			await tx.update(complaints).set({ promiseMissedAt: now }).where(eq(complaints.id, complaint.id));
			await recordEvent(tx, {
				actor: null,
				subjectType: 'complaint',
				subjectId: complaint.id,
				kind: 'promise_missed',
				data: { promisedReplyBy: payload.at }
			});
			await tellStaff(tx, complaint, 'promise_missed', [complaint.ownerId, ...managers], { when }, ['inbox', 'email']);
			return;
		}
		if (complaint.departmentDueAt?.getTime() !== at.getTime() || complaint.deadlineMissedAt || complaint.state !== 'assigned') return;
		await tx.update(complaints).set({ deadlineMissedAt: now }).where(eq(complaints.id, complaint.id));
		await recordEvent(tx, {
			actor: null,
			subjectType: 'complaint',
			subjectId: complaint.id,
			kind: 'deadline_missed',
			data: { dueAt: payload.at }
		});
		const responsible = complaint.responsibleId
			? [complaint.responsibleId]
			: complaint.department
				? (await staffInEstate(tx, complaint.estateId, departmentRoles[complaint.department])).map((u) => u.id)
				: [];
		await tellStaff(tx, complaint, 'deadline_missed', [...responsible, complaint.ownerId, ...managers], { when }, ['inbox', 'email']);
	});
};

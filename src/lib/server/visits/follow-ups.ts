/**
 * Follow-ups (rule 8: "follow up what could not be answered"): a question from a held visit given
 * to a staff member of the estate with a day it is due. The owner (or the office) answers it, and
 * the resident reads the answer beside the visit's summary. Each is recorded on its visit's timeline.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { visitFollowUpAnswerSchema, visitFollowUpSchema } from '#lib/schemas/visits.ts';
import { addDays, businessDate, businessToday, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { staffRoleNames } from '../auth/permissions.ts';
import { db, type Executor } from '../db/client.ts';
import { visitFollowUps } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUuid } from '../kernel/ids.ts';
import { staffInEstate } from '../repairs/people.ts';
import { loadVisit, type Visit } from './access.ts';
import { followUpActionEvent, visitActionEvent } from './event-kinds.ts';
import { followUpMachine, visitMachine, type FollowUpCapacity } from './machine.ts';
import { tellParty, tellStaff } from './notices.ts';

/** How far ahead a follow-up may be due. */
const MAX_DAYS_AHEAD = 365;

/** Staff who may own a follow-up of the estate: anyone who works there, in any department. */
export function followUpOwners(executor: Executor, estateId: string) {
	return staffInEstate(executor, estateId, staffRoleNames);
}

/**
 * Writes a follow-up of a held visit in the caller's transaction (the visit form's, or the
 * follow_up step's): its fields checked, its event, its owner told.
 */
export async function writeFollowUp(
	tx: Executor,
	actor: Actor,
	visit: Visit,
	timeZone: string,
	input: unknown,
	now: Date
): Promise<string> {
	const data = parseInput(visitFollowUpSchema, input);
	const owners = await followUpOwners(tx, visit.estateId);
	const owner = owners.find((o) => o.id === data.ownerId);
	if (!owner) throw new InputError('ownerId', m.visit_owner_not_in_estate());
	const dueOn = parseDate(data.dueOn);
	const today = businessToday({ timeZone }, now);
	if (!dueOn) throw new InputError('dueOn', m.field_date_invalid());
	if (dueOn < today) throw new InputError('dueOn', m.visit_due_past({ today: businessDate(today) }));
	if (dueOn > addDays(today, MAX_DAYS_AHEAD)) throw new InputError('dueOn', m.visit_due_too_far());
	const [row] = await tx
		.insert(visitFollowUps)
		.values({ visitId: visit.id, estateId: visit.estateId, question: data.question, ownerId: owner.id, dueOn })
		.returning({ id: visitFollowUps.id });
	await recordEvent(tx, {
		actor,
		subjectType: 'visit',
		subjectId: visit.id,
		kind: visitActionEvent.follow_up,
		note: data.question,
		data: { followUpId: row!.id, ownerId: owner.id, ownerName: owner.name, dueOn }
	});
	if (owner.id !== actor.userId)
		await tellStaff(tx, visit, [owner.id], 'follow_up', (locale, reference) => ({
			title: m.visit_notice_follow_up_title({ reference }, { locale }),
			body: m.visit_notice_follow_up_body({ question: data.question, day: businessDate(dueOn, locale) }, { locale })
		}));
	return row!.id;
}

/** The office gives a held visit another follow-up. */
export async function addFollowUp(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	requireSignedIn(actor);
	await db().transaction(async (tx) => {
		const loaded = await loadVisit(tx, actor, visitId, { forUpdate: true, now });
		visitMachine.take(loaded.visit.state, 'follow_up', loaded.capacities);
		await writeFollowUp(tx, actor, loaded.visit, loaded.timeZone, input, now);
	});
}

/** The owner (or the office) answers a follow-up; the resident is told and reads the answer. */
export async function answerFollowUp(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	requireSignedIn(actor);
	const data = parseInput(visitFollowUpAnswerSchema, input);
	await db().transaction(async (tx) => {
		const loaded = await loadVisit(tx, actor, visitId, { forUpdate: true, now });
		const [followUp] = isUuid(data.followUpId)
			? await tx
					.select()
					.from(visitFollowUps)
					.where(and(eq(visitFollowUps.id, data.followUpId), eq(visitFollowUps.visitId, loaded.visit.id)))
					.for('update')
			: [];
		if (!followUp) throw new InputError('followUpId', m.visit_follow_up_unknown());
		const capacities = new Set<FollowUpCapacity>();
		if (followUp.ownerId === actor.userId) capacities.add('owner');
		if (loaded.capacities.has('office')) capacities.add('office');
		const to = followUpMachine.take(followUp.state, 'answer', capacities);
		await tx
			.update(visitFollowUps)
			.set({ state: to, answer: data.answer, doneAt: now, doneBy: actor.userId })
			.where(eq(visitFollowUps.id, followUp.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'visit',
			subjectId: loaded.visit.id,
			kind: followUpActionEvent.answer,
			from: followUp.state,
			to,
			note: data.answer,
			data: { followUpId: followUp.id, question: followUp.question }
		});
		await tellParty(tx, loaded.visit, 'answered', (locale, reference) => ({
			title: m.visit_notice_answered_title({ reference }, { locale }),
			body: m.visit_notice_answered_body({ question: followUp.question, answer: data.answer }, { locale })
		}));
	});
}

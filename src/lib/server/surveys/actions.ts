/**
 * Corrective actions (rule 7): for an area a survey scored below its target, at an estate, staff
 * who manage the survey name what will be done, an owner (staff of that estate) and a due day in
 * the estate's calendar; the owner starts it and closes it with the evidence. Each step is one
 * transaction writing the state and its event (action-machine.ts); the reminder job
 * (action-reminders.ts) follows it to closure. The actions are shown beside the results, and the
 * previous survey's beside next year's comparison.
 */
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { surveyAreas } from '#lib/surveys/areas.ts';
import { businessToday, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { estates, staffRole, surveyActions, surveys, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isStaffInEstate, staffInEstate } from '../repairs/people.ts';
import { loadSurvey, mayManage } from './access.ts';
import { actionMachine, type ActionAction, type ActionCapacity } from './action-machine.ts';
import './action-event-kinds.ts';

export type SurveyActionRow = typeof surveyActions.$inferSelect;

const ALL_STAFF = staffRole.enumValues;

const createSchema = z.object({
	estateId: z.string().refine(isUuid, { error: () => m.survey_actions_estate_required() }),
	area: z.string().min(1, { error: () => m.survey_actions_area_required() }),
	title: z
		.string()
		.trim()
		.min(1, { error: () => m.survey_actions_title_required() })
		.max(500, { error: () => m.survey_actions_title_too_long() }),
	ownerId: z.string().refine(isUuid, { error: () => m.survey_actions_owner_required() }),
	dueOn: z.string().refine((v) => parseDate(v) !== null, { error: () => m.field_date_invalid() })
});

/** Checks an owner and due day for the estate: staff working there, and a day from its today on. */
async function checkOwnerAndDue(executor: Executor, estateId: string, ownerId: string, dueOn: string, now: Date): Promise<void> {
	if (!(await isStaffInEstate(executor, ownerId, estateId, ALL_STAFF))) throw new InputError('ownerId', m.survey_actions_owner_required());
	if (dueOn < businessToday(await estateZone(executor, estateId), now)) throw new InputError('dueOn', m.survey_actions_due_past());
}

/** A new corrective action on an open or closed survey the actor manages. */
export async function createAction(actor: Actor, surveyId: string, input: unknown, now = new Date()): Promise<string> {
	requireStaff(actor, 'surveys.manage');
	return db().transaction(async (tx) => {
		const survey = await loadSurvey(actor, surveyId, { forUpdate: true }, tx);
		if (survey.state !== 'open' && survey.state !== 'closed') throw new InputError('area', m.surveys_moved_on());
		const form = parseInput(createSchema, input);
		if (!surveyAreas(survey.definition).some((a) => a.key === form.area)) throw new InputError('area', m.survey_actions_area_required());
		const inAudience = survey.audience.estateIds.length === 0 || survey.audience.estateIds.includes(form.estateId);
		const inActor = actor.estateIds === null || actor.estateIds.includes(form.estateId);
		if (!inAudience || !inActor) throw new InputError('estateId', m.survey_actions_estate_required());
		await checkOwnerAndDue(tx, form.estateId, form.ownerId, form.dueOn, now);
		const [action] = await tx
			.insert(surveyActions)
			.values({
				surveyId: survey.id,
				estateId: form.estateId,
				area: form.area,
				title: form.title,
				ownerId: form.ownerId,
				dueOn: form.dueOn,
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: surveyActions.id });
		await recordEvent(tx, {
			actor,
			subjectType: 'survey_action',
			subjectId: action!.id,
			kind: 'created',
			to: 'open',
			data: { survey: survey.id, area: form.area, owner: form.ownerId, due: form.dueOn }
		});
		return action!.id;
	});
}

/** What the actor may do to an action: as its owner, and as staff managing its survey. */
function capacities(actor: Actor, action: SurveyActionRow, manages: boolean): Set<ActionCapacity> {
	const held = new Set<ActionCapacity>();
	if (actor.kind === 'staff' && action.ownerId === actor.userId) held.add('owner');
	if (manages && can(actor, 'surveys.manage')) held.add('editor');
	return held;
}

const stepSchema = z.object({
	evidence: z
		.string()
		.trim()
		.max(4000, { error: () => m.survey_actions_evidence_too_long() })
		.default(''),
	reason: z.string().trim().max(1000).default(''),
	ownerId: z.string().default(''),
	dueOn: z.string().default('')
});

/** One step of an action (start, complete with evidence, reopen with a reason, reassign). */
export async function stepAction(
	actor: Actor,
	actionId: string,
	step: Exclude<ActionAction, 'remind'>,
	input: unknown,
	now = new Date()
): Promise<void> {
	if (actor.kind !== 'staff') error(403, 'Forbidden');
	if (!isUuid(actionId)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const [row] = await tx
			.select({ action: surveyActions, audience: surveys.audience })
			.from(surveyActions)
			.innerJoin(surveys, eq(surveys.id, surveyActions.surveyId))
			.where(eq(surveyActions.id, actionId))
			.for('update', { of: surveyActions });
		const manages = !!row && mayManage(actor, row.audience);
		if (!row || (!manages && row.action.ownerId !== actor.userId)) error(404, 'Not found');
		const action = row.action;
		const to = actionMachine.take(action.state, step, capacities(actor, action, manages), m.survey_actions_moved_on());
		const form = parseInput(stepSchema, input);
		const set: Partial<SurveyActionRow> = { state: to, updatedAt: now };
		const data: Record<string, string> = {};
		if (step === 'complete') {
			if (form.evidence === '') throw new InputError('evidence', m.survey_actions_evidence_required());
			Object.assign(set, { evidence: form.evidence, doneAt: now });
			data.evidence = form.evidence;
		} else if (step === 'reopen') {
			if (form.reason === '') throw new InputError('reason', m.field_required());
			Object.assign(set, { doneAt: null });
			data.reason = form.reason;
		} else if (step === 'reassign') {
			if (!isUuid(form.ownerId)) throw new InputError('ownerId', m.survey_actions_owner_required());
			if (parseDate(form.dueOn) === null) throw new InputError('dueOn', m.field_date_invalid());
			await checkOwnerAndDue(tx, action.estateId, form.ownerId, form.dueOn, now);
			Object.assign(set, { ownerId: form.ownerId, dueOn: form.dueOn, remindedOn: null });
			Object.assign(data, { owner: form.ownerId, due: form.dueOn });
		}
		await tx.update(surveyActions).set(set).where(eq(surveyActions.id, action.id));
		await recordEvent(tx, { actor, subjectType: 'survey_action', subjectId: action.id, kind: step, from: action.state, to, data });
	});
}

export interface ActionView extends SurveyActionRow {
	ownerName: string;
	estateName: string;
	overdue: boolean;
	/** The steps open to the viewer, in the machine's order. */
	steps: ActionAction[];
}

/** Not closed and past its due day in its estate's calendar (the list's and the staff home's reading). */
function isOverdue(action: Pick<SurveyActionRow, 'state' | 'dueOn'>, estate: { timeZone: string }, now: Date): boolean {
	return action.state !== 'done' && action.dueOn < businessToday(estate, now);
}

async function viewActions(
	actor: Actor,
	rows: SurveyActionRow[],
	managed: (surveyId: string) => boolean,
	now: Date
): Promise<ActionView[]> {
	if (rows.length === 0) return [];
	const names = await db()
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, [...new Set(rows.map((r) => r.ownerId))]));
	const places = await db()
		.select({ id: estates.id, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inArray(estates.id, [...new Set(rows.map((r) => r.estateId))]));
	return rows.map((action) => {
		const estate = places.find((e) => e.id === action.estateId)!;
		return {
			...action,
			ownerName: names.find((n) => n.id === action.ownerId)?.name ?? '',
			estateName: estate.name,
			overdue: isOverdue(action, estate, now),
			steps: actionMachine.open(action.state, capacities(actor, action, managed(action.surveyId))).filter((s) => s !== 'remind')
		};
	});
}

/** A survey's actions (and, for the comparison, its previous survey's), for staff who manage it. */
export async function surveyActionsOf(actor: Actor, surveyId: string, now = new Date()) {
	requireStaff(actor, 'surveys.manage');
	const survey = await loadSurvey(actor, surveyId);
	const ids = [survey.id, ...(survey.previousSurveyId ? [survey.previousSurveyId] : [])];
	const rows = await db()
		.select()
		.from(surveyActions)
		.where(inArray(surveyActions.surveyId, ids))
		.orderBy(asc(surveyActions.dueOn), asc(surveyActions.createdAt));
	const views = await viewActions(actor, rows, () => true, now);
	const owners = new Map<string, { id: string; name: string }[]>();
	for (const estateId of survey.audience.estateIds.length
		? survey.audience.estateIds
		: (await db().select({ id: estates.id }).from(estates)).map((e) => e.id)) {
		if (actor.estateIds === null || actor.estateIds.includes(estateId))
			owners.set(estateId, await staffInEstate(db(), estateId, ALL_STAFF));
	}
	return {
		current: views.filter((a) => a.surveyId === survey.id),
		previous: views.filter((a) => a.surveyId !== survey.id),
		owners: Object.fromEntries(owners)
	};
}

/**
 * A glance at the corrective actions the actor owns and has not closed, for the staff home: how
 * many, how many past their due day (in their estate's calendar), and the few due first.
 */
export async function ownActionsGlance(actor: Actor, { limit = 5, now = new Date(), executor = db() } = {}) {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') error(403, 'Forbidden');
	const rows = await executor
		.select({
			id: surveyActions.id,
			title: surveyActions.title,
			dueOn: surveyActions.dueOn,
			state: surveyActions.state,
			estateName: estates.name,
			timeZone: estates.timeZone
		})
		.from(surveyActions)
		.innerJoin(estates, eq(estates.id, surveyActions.estateId))
		.where(and(eq(surveyActions.ownerId, actor.userId), ne(surveyActions.state, 'done'), inActorEstates(actor, surveyActions.estateId)))
		.orderBy(asc(surveyActions.dueOn), asc(surveyActions.id))
		.limit(500);
	const all = rows.map((row) => ({ ...row, overdue: isOverdue(row, row, now) }));
	return { count: all.length, overdue: all.filter((row) => row.overdue).length, rows: all.slice(0, limit) };
}

/** The actions the actor owns, and those of surveys they manage that are not done: their list. */
export async function myActions(actor: Actor, now = new Date()) {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') error(403, 'Forbidden');
	const manager = can(actor, 'surveys.manage');
	// In SQL already what the list may show (the limit counts only those): one's own, and for staff
	// who manage surveys the open actions of their estates (the survey's audience is checked below).
	const open = and(ne(surveyActions.state, 'done'), inActorEstates(actor, surveyActions.estateId));
	const rows = await db()
		.select({ action: surveyActions, audience: surveys.audience, title: surveys.title, seq: surveys.seq, definition: surveys.definition })
		.from(surveyActions)
		.innerJoin(surveys, eq(surveys.id, surveyActions.surveyId))
		.where(manager ? or(eq(surveyActions.ownerId, actor.userId), open) : eq(surveyActions.ownerId, actor.userId))
		.orderBy(asc(surveyActions.dueOn))
		.limit(500);
	const visible = rows.filter((r) => r.action.ownerId === actor.userId || (manager && mayManage(actor, r.audience)));
	const managed = new Set(visible.filter((r) => manager && mayManage(actor, r.audience)).map((r) => r.action.surveyId));
	const views = await viewActions(
		actor,
		visible.map((r) => r.action),
		(id) => managed.has(id),
		now
	);
	return views.map((view, i) => {
		const area = surveyAreas(visible[i]!.definition).find((a) => a.key === view.area);
		return { ...view, survey: { title: visible[i]!.title, seq: visible[i]!.seq }, areaLabel: area ? (area.row ?? area.question) : null };
	});
}

/**
 * The back office's survey pages: the surveys a staff member manages (those whose audience lies in
 * its estates; an admin's: all) with the templates to start one from, and one survey with what
 * its step allows — its audience, anonymity and closing day while a draft; the sending's progress;
 * the response rate by estate while open; closing it.
 */
import { and, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { addDays, localInstant, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { buildings, estates, segments, surveyRecipients, surveyResponses, surveys, surveyTemplates } from '../db/schema/index.ts';
import { segmentChoices } from '../customers/segments.ts';
import { recordEvent } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { surveyMachine, type SurveyCapacity } from './machine.ts';
import { loadSurvey, mayManage } from './access.ts';
import { sendingProgress } from './sending.ts';
import { userName } from '../repairs/people.ts';

function capacities(actor: Actor): Set<SurveyCapacity> {
	const held = new Set<SurveyCapacity>();
	if (can(actor, 'surveys.manage')) held.add('editor');
	if (can(actor, 'surveys.approve')) held.add('approver');
	return held;
}

export async function surveyList(actor: Actor) {
	requireStaff(actor, 'surveys.manage');
	const rows = (await db().select().from(surveys).orderBy(desc(surveys.seq)).limit(200)).filter((s) => mayManage(actor, s.audience));
	const answered = rows.length
		? await db()
				.select({ surveyId: surveyRecipients.surveyId, n: count() })
				.from(surveyRecipients)
				.where(
					and(
						inArray(
							surveyRecipients.surveyId,
							rows.map((r) => r.id)
						),
						isNotNull(surveyRecipients.answeredAt)
					)
				)
				.groupBy(surveyRecipients.surveyId)
		: [];
	const templates = await db()
		.select({ id: surveyTemplates.id, title: surveyTemplates.title })
		.from(surveyTemplates)
		.where(eq(surveyTemplates.active, true));
	return {
		surveys: rows.map((s) => ({ ...s, answered: answered.find((a) => a.surveyId === s.id)?.n ?? 0 })),
		templates
	};
}

/** One survey as its page shows it. */
export async function surveyPage(actor: Actor, surveyId: string) {
	requireStaff(actor, 'surveys.manage');
	const survey = await loadSurvey(actor, surveyId);
	const visible = await db()
		.select({ id: estates.id, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(estates.name);
	const buildingChoices = await db()
		.select({ id: buildings.id, name: buildings.name, estateId: buildings.estateId })
		.from(buildings)
		.where(inActorEstates(actor, buildings.estateId))
		.orderBy(buildings.name);
	const byEstate = await db()
		.select({ estateId: surveyRecipients.estateId, recipients: count() })
		.from(surveyRecipients)
		.where(eq(surveyRecipients.surveyId, survey.id))
		.groupBy(surveyRecipients.estateId);
	const responsesByEstate = await db()
		.select({ estateId: surveyResponses.estateId, responses: count() })
		.from(surveyResponses)
		.where(eq(surveyResponses.surveyId, survey.id))
		.groupBy(surveyResponses.estateId);
	return {
		survey,
		estates: visible,
		buildings: buildingChoices,
		segments: await segmentChoices(),
		progress: await sendingProgress(survey.id),
		rates: byEstate.map((e) => ({
			estateId: e.estateId,
			name: visible.find((v) => v.id === e.estateId)?.name ?? '',
			recipients: e.recipients,
			responses: responsesByEstate.find((r) => r.estateId === e.estateId)?.responses ?? 0
		})),
		actions: surveyMachine.open(survey.state, capacities(actor)).filter((a) => a !== 'approve_report' || !survey.reportApprovedAt),
		approvedBy: await userName(db(), survey.reportApprovedBy)
	};
}

const settingsSchema = z.object({
	estateIds: z.array(z.string()).min(1, { error: () => m.surveys_estates_required() }),
	/** Empty: every building of the chosen estates. */
	buildingIds: z.array(z.string()).default([]),
	/** Empty: everyone in them; else only the members of these customer segments. */
	segmentIds: z.array(z.string()).default([]),
	anonymous: z.boolean(),
	respondent: z.enum(['occupancy', 'person'], { error: () => m.field_required() }).default('occupancy'),
	remindAfterDays: z.coerce
		.number({ error: () => m.surveys_remind_after_invalid() })
		.int({ error: () => m.surveys_remind_after_invalid() })
		.min(1, { error: () => m.surveys_remind_after_invalid() })
		.max(60, { error: () => m.surveys_remind_after_invalid() })
		.default(7),
	/** The morning the links go out (09:00 in the estate); empty: as soon as it is sent. */
	opensOn: z
		.string()
		.trim()
		.refine((v) => v === '' || parseDate(v) !== null, { error: () => m.field_date_invalid() })
		.default(''),
	closesOn: z
		.string()
		.trim()
		.refine((v) => v === '' || parseDate(v) !== null, { error: () => m.field_date_invalid() })
});

/** The hour the links of a survey sent for a later day go out: the morning, when the office opens. */
const OPENS_AT_MINUTES = 9 * 60;

/** A draft's audience (estates the staff member works in), anonymity and closing day (answers taken until that day ends). */
export async function editSurvey(actor: Actor, surveyId: string, input: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await loadSurvey(actor, surveyId, { forUpdate: true }, tx);
		surveyMachine.take(survey.state, 'edit', new Set(['editor']), m.surveys_moved_on());
		const form = parseInput(settingsSchema, input);
		if (form.estateIds.some((id) => !isUuid(id) || (actor.estateIds !== null && !actor.estateIds.includes(id)))) {
			throw new InputError('estateIds', m.surveys_estates_required());
		}
		if (form.buildingIds.length) {
			const chosen = form.buildingIds.every(isUuid)
				? await tx
						.select({ id: buildings.id })
						.from(buildings)
						.where(and(inArray(buildings.id, form.buildingIds), inArray(buildings.estateId, form.estateIds)))
				: [];
			if (chosen.length !== new Set(form.buildingIds).size) throw new InputError('buildingIds', m.surveys_buildings_invalid());
		}
		if (form.segmentIds.length) {
			const chosen = form.segmentIds.every(isUuid)
				? await tx
						.select({ id: segments.id })
						.from(segments)
						.where(and(inArray(segments.id, form.segmentIds), eq(segments.archived, false)))
				: [];
			if (chosen.length !== new Set(form.segmentIds).size) throw new InputError('segmentIds', m.segment_unknown());
		}
		const [zone] = await tx.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, form.estateIds[0]!));
		if (!zone) throw new InputError('estateIds', m.surveys_estates_required());
		const opensAt = form.opensOn ? localInstant(form.opensOn, OPENS_AT_MINUTES, zone.timeZone) : null;
		if (opensAt && opensAt <= now) throw new InputError('opensOn', m.surveys_opens_past());
		const closesAt = form.closesOn ? localInstant(addDays(form.closesOn, 1), 0, zone.timeZone) : null;
		if (closesAt && closesAt <= now) throw new InputError('closesOn', m.surveys_closes_past());
		if (closesAt && opensAt && closesAt <= opensAt) throw new InputError('closesOn', m.surveys_closes_before_opening());
		await tx
			.update(surveys)
			.set({
				audience: { estateIds: form.estateIds, buildingIds: [...new Set(form.buildingIds)], segmentIds: [...new Set(form.segmentIds)] },
				anonymous: form.anonymous,
				respondent: form.respondent,
				remindAfterDays: form.remindAfterDays,
				opensAt,
				closesAt,
				updatedAt: now
			})
			.where(eq(surveys.id, survey.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'survey',
			subjectId: survey.id,
			kind: 'edit',
			data: {
				estates: form.estateIds.length,
				buildings: form.buildingIds.length,
				segments: form.segmentIds.length,
				anonymous: form.anonymous,
				respondent: form.respondent
			}
		});
	});
}

/** Closes an open survey by hand: no more answers. */
export async function closeSurvey(actor: Actor, surveyId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await loadSurvey(actor, surveyId, { forUpdate: true }, tx);
		const to = surveyMachine.take(survey.state, 'close', new Set(['editor']), m.surveys_moved_on());
		await tx.update(surveys).set({ state: to, closedAt: now, updatedAt: now }).where(eq(surveys.id, survey.id));
		await recordEvent(tx, { actor, subjectType: 'survey', subjectId: survey.id, kind: 'close', from: survey.state, to });
	});
}

/** The general manager's approval of a closed survey's report, on the record (rule 7); once. */
export async function approveReport(actor: Actor, surveyId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.approve');
	await db().transaction(async (tx) => {
		const survey = await loadSurvey(actor, surveyId, { forUpdate: true }, tx);
		surveyMachine.take(survey.state, 'approve_report', capacities(actor), m.surveys_moved_on());
		if (survey.reportApprovedAt) throw new InputError('', m.surveys_report_already_approved());
		await tx
			.update(surveys)
			.set({ reportApprovedAt: now, reportApprovedBy: actor.userId, updatedAt: now })
			.where(eq(surveys.id, survey.id));
		await recordEvent(tx, { actor, subjectType: 'survey', subjectId: survey.id, kind: 'approve_report' });
	});
}

import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
import { surveyReference } from '#lib/references.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { letterBuildings } from '#lib/server/surveys/letters.ts';
import { remindNow } from '#lib/server/surveys/schedule.ts';
import { sendSurvey } from '#lib/server/surveys/sending.ts';
import { approveReport, closeSurvey, editSurvey, surveyPage } from '#lib/server/surveys/staff.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await surveyPage(locals.actor, params.id);
	const s = page.survey;
	return {
		id: s.id,
		reference: surveyReference(s.seq),
		title: s.title,
		state: s.state,
		anonymous: s.anonymous,
		respondent: s.respondent,
		remindAfterDays: s.remindAfterDays,
		audience: s.audience,
		closesAt: s.closesAt,
		opensAt: s.opensAt,
		sentAt: s.sentAt,
		reportApprovedAt: s.reportApprovedAt,
		approvedBy: page.approvedBy,
		estates: page.estates,
		buildings: page.buildings,
		segments: page.segments,
		/** Times are read in the zone of the survey's first estate. */
		timeZone: page.estates.find((e) => e.id === s.audience.estateIds[0])?.timeZone ?? DEFAULT_TIME_ZONE,
		progress: page.progress,
		rates: page.rates,
		letters: page.actions.includes('print_letters') ? await letterBuildings(locals.actor, s.id) : [],
		actions: page.actions
	};
}) satisfies PageServerLoad;

/** One step of the survey, from this page (forms/record-step.ts). */
const step = (name: string, run: Parameters<typeof recordStep>[2]) => recordStep((id) => `/staff/surveys/${id}`, name, run);

export const actions = {
	settings: step('settings', (actor, id, body) =>
		editSurvey(actor, id, {
			estateIds: body.getAll('estateIds').filter((v) => typeof v === 'string'),
			buildingIds: body.getAll('buildingIds').filter((v) => typeof v === 'string'),
			segmentIds: body.getAll('segmentIds').filter((v) => typeof v === 'string'),
			anonymous: formText(body, 'anonymous') === 'on',
			respondent: formText(body, 'respondent') || undefined,
			remindAfterDays: formText(body, 'remindAfterDays') || undefined,
			opensOn: formText(body, 'opensOn'),
			closesOn: formText(body, 'closesOn')
		})
	),
	send: step('send', (actor, id) => sendSurvey(actor, id)),
	remind: step('remind', (actor, id) => remindNow(actor, id)),
	close: step('close', (actor, id) => closeSurvey(actor, id)),
	approve: step('approve', (actor, id) => approveReport(actor, id))
} satisfies Actions;

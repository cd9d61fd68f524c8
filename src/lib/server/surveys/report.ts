/**
 * The survey's report as a PDF (report-pdf.ts), for staff who manage the survey: the results as
 * they stand (final once closed), the corrective actions, and the general manager's approval or
 * that it still waits for it. Read-only: approving is its own step (staff.ts approveReport).
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { surveyAreas } from '#lib/surveys/areas.ts';
import { localText } from '#lib/surveys/definition.ts';
import { businessDate, dateOf, dateTime, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { userName } from '../repairs/people.ts';
import { loadSurvey } from './access.ts';
import { surveyActionsOf } from './actions.ts';
import { renderReport } from './report-pdf.ts';
import { surveyResults } from './results.ts';

const stateText = { open: m.survey_actions_state_open, in_progress: m.survey_actions_state_in_progress, done: m.survey_actions_state_done };

export async function surveyReport(actor: Actor, surveyId: string, now = new Date()): Promise<{ filename: string; pdf: Uint8Array }> {
	const results = await surveyResults(actor, surveyId, now);
	const survey = await loadSurvey(actor, surveyId);
	const { current } = await surveyActionsOf(actor, surveyId, now);
	const locale = getLocale();
	const zone = results.estates[0]?.timeZone ?? DEFAULT_TIME_ZONE;
	const areas = new Map(surveyAreas(survey.definition).map((a) => [a.key, localText(a.row ?? a.question, locale)]));
	const approver = await userName(db(), survey.reportApprovedBy);
	const sent = survey.sentAt ? dateOf(survey.sentAt, zone, locale) : '—';
	const pdf = await renderReport({
		results,
		locale,
		period: survey.closedAt
			? m.survey_report_period_closed({ sent, closed: dateOf(survey.closedAt, zone, locale) }, { locale })
			: m.survey_report_period_open({ sent }, { locale }),
		readAt: m.survey_report_read_at({ at: dateTime(now, zone, locale) }, { locale }),
		approval:
			survey.reportApprovedAt && approver
				? m.survey_report_approved_by({ name: approver, at: dateTime(survey.reportApprovedAt, zone, locale) }, { locale })
				: m.survey_report_not_approved({}, { locale }),
		actions: current.map((a) => ({
			area: a.area,
			title: a.title,
			owner: a.ownerName,
			estate: a.estateName,
			due: businessDate(a.dueOn, locale),
			state: stateText[a.state]({}, { locale }),
			evidence: a.evidence
		})),
		areaLabel: (key) => areas.get(key) ?? key
	});
	return { filename: `${results.survey.reference}-report.pdf`, pdf };
}

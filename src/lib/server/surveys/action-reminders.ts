/**
 * Following corrective actions to closure (rule 7): every morning in each estate
 * (calendar/estate-mornings.ts), the owner of each action of the estate that is due tomorrow or
 * today is reminded; once past its due day the estate's managers are told as well. Once a day per
 * action (remindedOn, written with the notice), so a run repeated tells nobody twice.
 */
import { and, eq, ne } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { surveyReference } from '#lib/references.ts';
import { businessDate } from '#lib/time/index.ts';
import type { Db } from '../db/client.ts';
import { surveyActions, surveys } from '../db/schema/index.ts';
import { estateMornings, type EstateMorningPayload } from '../calendar/estate-mornings.ts';
import type { EstateZone } from '../fees/estate-time.ts';
import { recordEvent } from '../events/service.ts';
import { notify } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { reminderDue, reminderRecipients } from '../deadlines/owner-reminders.ts';
import { actionMachine } from './action-machine.ts';
import './action-event-kinds.ts';

const JOB = 'surveys.action-reminders';
const AT_MINUTES = 9 * 60;

export type ActionRemindersPayload = EstateMorningPayload;

/** Reminds the owners (and, when overdue, the managers) of the estate's due actions; returns how many. */
export async function remindDueActions(database: Db, estate: EstateZone, today: string): Promise<number> {
	const due = await database
		.select({ action: surveyActions, seq: surveys.seq })
		.from(surveyActions)
		.innerJoin(surveys, eq(surveys.id, surveyActions.surveyId))
		.where(and(eq(surveyActions.estateId, estate.id), ne(surveyActions.state, 'done'), reminderDue(surveyActions, today)));
	if (due.length === 0) return 0;
	const managers = (await staffInEstate(database, estate.id, ['manager'])).map((s) => s.id);
	for (const { action, seq } of due) {
		const { overdue, userIds } = reminderRecipients(action, managers, today);
		await database.transaction(async (tx) => {
			actionMachine.take(action.state, 'remind', new Set(['system']));
			const reference = surveyReference(seq);
			await notify(tx, {
				userIds,
				kind: overdue ? 'survey.action_overdue' : 'survey.action_due',
				subject: { type: 'survey_action', id: action.id },
				link: `/staff/surveys/actions#${action.id}`,
				message: (locale) => ({
					title: (overdue ? m.survey_actions_overdue_title : m.survey_actions_due_title)({ reference }, { locale }),
					body: m.survey_actions_reminder_body({ title: action.title, day: businessDate(action.dueOn, locale) }, { locale })
				}),
				channels: ['inbox', 'email']
			});
			await tx.update(surveyActions).set({ remindedOn: today }).where(eq(surveyActions.id, action.id));
			await recordEvent(tx, { actor: null, subjectType: 'survey_action', subjectId: action.id, kind: 'remind', data: { overdue } });
		});
	}
	return due.length;
}

const mornings = estateMornings(JOB, AT_MINUTES, (database, estate, today) => remindDueActions(database, estate, today));

export const ensureActionRemindersScheduled = mornings.ensureScheduled;
export const runActionRemindersJob = mornings.run;

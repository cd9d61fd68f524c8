/**
 * Reminding follow-ups (rule 8): every morning in each estate (calendar/estate-mornings.ts, the one
 * daily chain per estate) the owner of each open follow-up due tomorrow or earlier is reminded;
 * once past its day the estate's managers are told as well. Once a day per follow-up (remindedOn,
 * written with the notice and the event), so a run repeated tells nobody twice.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { visitReference } from '#lib/references.ts';
import { businessDate, type BusinessDate } from '#lib/time/index.ts';
import type { Db } from '../db/client.ts';
import { visitFollowUps, visits } from '../db/schema/index.ts';
import { estateMornings, type EstateMorningPayload } from '../calendar/estate-mornings.ts';
import type { EstateZone } from '../fees/estate-time.ts';
import { recordEvent } from '../events/service.ts';
import { notify } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { reminderDue, reminderRecipients } from '../deadlines/owner-reminders.ts';
import { followUpActionEvent } from './event-kinds.ts';
import { followUpMachine } from './machine.ts';

const JOB = 'visits.follow-up-reminders';
const AT_MINUTES = 9 * 60;

export type FollowUpRemindersPayload = EstateMorningPayload;

/** Reminds the owners (and, when overdue, the managers) of the estate's due follow-ups; returns how many. */
async function remindDueFollowUps(database: Db, estate: EstateZone, today: BusinessDate): Promise<number> {
	const due = await database
		.select({ followUp: visitFollowUps, seq: visits.seq })
		.from(visitFollowUps)
		.innerJoin(visits, eq(visits.id, visitFollowUps.visitId))
		.where(and(eq(visitFollowUps.estateId, estate.id), eq(visitFollowUps.state, 'open'), reminderDue(visitFollowUps, today)));
	if (due.length === 0) return 0;
	const managers = (await staffInEstate(database, estate.id, ['manager'])).map((s) => s.id);
	let reminded = 0;
	for (const { followUp, seq } of due) {
		const { overdue, userIds } = reminderRecipients(followUp, managers, today);
		await database.transaction(async (tx) => {
			followUpMachine.take(followUp.state, 'remind', new Set(['system']));
			// The row still waits and was not reminded today: another run may have been quicker.
			const [marked] = await tx
				.update(visitFollowUps)
				.set({ remindedOn: today })
				.where(and(eq(visitFollowUps.id, followUp.id), eq(visitFollowUps.state, 'open'), reminderDue(visitFollowUps, today)))
				.returning({ id: visitFollowUps.id });
			if (!marked) return;
			const reference = visitReference(seq);
			await notify(tx, {
				userIds,
				kind: overdue ? 'visit.follow_up_overdue' : 'visit.follow_up_due',
				subject: { type: 'visit', id: followUp.visitId },
				link: `/staff/visits/${followUp.visitId}#follow-up-${followUp.id}`,
				message: (locale) => ({
					title: (overdue ? m.visit_notice_overdue_title : m.visit_notice_due_title)({ reference }, { locale }),
					body: m.visit_notice_reminder_body({ question: followUp.question, day: businessDate(followUp.dueOn, locale) }, { locale })
				}),
				channels: ['inbox', 'email']
			});
			await recordEvent(tx, {
				actor: null,
				subjectType: 'visit',
				subjectId: followUp.visitId,
				kind: followUpActionEvent.remind,
				data: { followUpId: followUp.id, overdue, dueOn: followUp.dueOn }
			});
			reminded++;
		});
	}
	return reminded;
}

const mornings = estateMornings(JOB, AT_MINUTES, (database, estate, today) => remindDueFollowUps(database, estate, today));

export const ensureFollowUpRemindersScheduled = mornings.ensureScheduled;
export const runFollowUpRemindersJob = mornings.run;

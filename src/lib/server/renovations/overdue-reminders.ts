/**
 * The morning reminder of overdue renovation steps (the review time limits, deadlines.ts): at
 * 09:00 in each estate, every application of the estate past its step's due day is told to the
 * staff of the departments that have the step (inbox and email), once a day (calendar/estate-mornings.ts);
 * running a day's job again tells nobody twice (the day's notice is looked for first).
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { renovationReference } from '#lib/references.ts';
import { stateLabel } from '#lib/renovation-labels.ts';
import { businessDate, businessToday, localInstant, type BusinessDate } from '#lib/time/index.ts';
import { permissions, type StaffRole } from '../auth/permissions.ts';
import type { Db, Executor } from '../db/client.ts';
import { estates, notifications, renovationApplications } from '../db/schema/index.ts';
import type { EstateZone } from '../fees/estate-time.ts';
import { estateMornings, type EstateMorningPayload } from '../calendar/estate-mornings.ts';
import { notify } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { departmentPermissions, type DepartmentCapacity } from './access.ts';
import { limitedSteps, stepDues } from './deadlines.ts';
import { stepHolders } from './machine.ts';

const JOB = 'renovations.overdue-reminders';
/** In the morning, when the office opens. */
const AT_MINUTES = 9 * 60;

export type OverdueRemindersPayload = EstateMorningPayload;

/** Tells the departments of each overdue application in the estate, unless told already on its today; returns how many were told. */
export async function remindOverdueRenovations(database: Db, estate: EstateZone, now: Date): Promise<number> {
	const today = businessToday(estate, now);
	const open = await database
		.select({
			id: renovationApplications.id,
			seq: renovationApplications.seq,
			state: renovationApplications.state,
			stepSince: renovationApplications.stepSince,
			estateId: renovationApplications.estateId,
			timeZone: estates.timeZone
		})
		.from(renovationApplications)
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(and(eq(renovationApplications.estateId, estate.id), inArray(renovationApplications.state, [...limitedSteps])));
	const dues = await stepDues(database, open, now);
	const overdue = open.filter((a) => dues.get(a.id)?.overdue);
	if (overdue.length === 0) return 0;
	const startOfToday = localInstant(today, 0, estate.timeZone);
	const toldToday = new Set(
		(
			await database
				.select({ subjectId: notifications.subjectId })
				.from(notifications)
				.where(
					and(
						eq(notifications.kind, 'renovation.overdue'),
						inArray(
							notifications.subjectId,
							overdue.map((a) => a.id)
						),
						gte(notifications.createdAt, startOfToday)
					)
				)
		).map((n) => n.subjectId)
	);
	let told = 0;
	for (const application of overdue.filter((a) => !toldToday.has(a.id))) {
		const roles = new Set<StaffRole>();
		for (const holder of stepHolders[application.state]) {
			if (holder in departmentPermissions)
				for (const role of permissions[departmentPermissions[holder as DepartmentCapacity]]) roles.add(role);
		}
		const staff = await staffInEstate(database, estate.id, [...roles]);
		const due = dues.get(application.id)!.day;
		await database.transaction((tx) =>
			tellOverdue(
				tx,
				application,
				due,
				staff.map((s) => s.id)
			)
		);
		told++;
	}
	return told;
}

async function tellOverdue(
	executor: Executor,
	application: { id: string; seq: number; state: keyof typeof stateLabel },
	due: BusinessDate,
	userIds: string[]
): Promise<void> {
	const reference = renovationReference(application.seq);
	await notify(executor, {
		userIds,
		kind: 'renovation.overdue',
		subject: { type: 'renovation', id: application.id },
		link: `/staff/renovations/${application.id}`,
		message: (locale) => ({
			title: m.renovations_notice_overdue_title({ reference }, { locale }),
			body: m.renovations_notice_overdue_body(
				{ reference, step: stateLabel[application.state]({}, { locale }), day: businessDate(due, locale) },
				{ locale }
			)
		}),
		channels: ['inbox', 'email']
	});
}

const mornings = estateMornings(JOB, AT_MINUTES, (database, estate, _today, now) => remindOverdueRenovations(database, estate, now));

/** At start: every estate's runs of its today and tomorrow exist, so a chain broken by a failed day resumes. */
export const ensureOverdueRemindersScheduled = mornings.ensureScheduled;

/** The job: schedule the estate's next day, then remind. */
export const runOverdueRemindersJob = mornings.run;

/**
 * The review time limits (renovation dictionary): how many working days each step that waits for
 * a department may take, counted on the office calendar (calendar/working-time.ts) from the day the
 * application came to the step. A step past its day is overdue: the boards show it, and a daily
 * job reminds the department (overdue-reminders.ts). Steps that wait for the applicant side have
 * no limit here.
 */
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { loadCalendar } from '../calendar/store.ts';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-time.ts';
import { db, type Executor } from '../db/client.ts';
import { renovationStepLimits } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { limitedSteps, type RenovationLimitsInput } from '#lib/schemas/dictionaries.ts';
import type { RenovationState } from './machine.ts';

export { limitedSteps };
export type LimitedStep = (typeof limitedSteps)[number];
export type StepLimits = Record<LimitedStep, number>;

/** The limits a fresh installation has, in working days (a row in the dictionary overrides one). */
export const DEFAULT_STEP_LIMITS: StepLimits = {
	submitted: 1,
	engineering_review: 5,
	fire_review: 3,
	permit_signing: 2,
	suspended: 2,
	completion: 3,
	acceptance: 3
};

function isLimited(state: RenovationState): state is LimitedStep {
	return (limitedSteps as readonly string[]).includes(state);
}

export async function loadStepLimits(executor: Executor = db()): Promise<StepLimits> {
	const limits = { ...DEFAULT_STEP_LIMITS };
	for (const row of await executor.select().from(renovationStepLimits)) if (isLimited(row.state)) limits[row.state] = row.workingDays;
	return limits;
}

export async function stepLimitsForAdmin(actor: Actor): Promise<StepLimits> {
	requireStaff(actor, 'dictionaries.manage');
	return await loadStepLimits();
}

/** Saves every limit at once (1–60 working days each, checked by the form's schema), with the audit log's before and after. */
export async function saveStepLimits(actor: Actor, input: RenovationLimitsInput, ip?: string): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	const after: StepLimits = { ...input };
	await db().transaction(async (tx) => {
		const before = await loadStepLimits(tx);
		for (const state of limitedSteps) {
			await tx
				.insert(renovationStepLimits)
				.values({ state, workingDays: after[state], updatedBy: actor.userId })
				.onConflictDoUpdate({
					target: renovationStepLimits.state,
					set: { workingDays: after[state], updatedAt: new Date(), updatedBy: actor.userId }
				});
		}
		await recordAudit(tx, {
			actor,
			action: 'dictionary.renovation_limits.update',
			subjectType: 'renovation_step_limits',
			subjectId: 'renovation_step_limits',
			detail: { before, after },
			ip
		});
	});
}

export interface StepDue {
	/** The estate's day by whose closing the step should be done. */
	day: BusinessDate;
	overdue: boolean;
}

interface OnStep {
	id: string;
	state: RenovationState;
	stepSince: Date;
	timeZone: string;
}

/** Each application's due day on its current step (absent: the step has no limit), seen from `now`. */
export async function stepDues(executor: Executor, applications: readonly OnStep[], now = new Date()): Promise<Map<string, StepDue>> {
	const dues = new Map<string, StepDue>();
	const limited = applications.filter((a) => isLimited(a.state));
	if (limited.length === 0) return dues;
	const limits = await loadStepLimits(executor);
	const calendars = new Map<string, WorkingCalendar>();
	for (const application of limited) {
		let calendar = calendars.get(application.timeZone);
		if (!calendar) calendars.set(application.timeZone, (calendar = await loadCalendar(executor, application.timeZone)));
		// A calendar with no opening hours at all (never set up) counts no working days: no due day.
		if (!calendar.hours.some((h) => h && h.end > h.start)) continue;
		const day = addWorkingDays(application.stepSince, limits[application.state as LimitedStep], calendar);
		dues.set(application.id, { day, overdue: businessToday(calendar, now) > day });
	}
	return dues;
}

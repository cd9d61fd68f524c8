import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNOFF_SETTINGS, nextOverdueStep, signoffCloseAt, signoffRemindCutoff, signoffSchedule } from './rules.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = new Date('2027-01-18T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
/** The owner's grace as a plain two hours, for the rule alone (the sweep counts it in working time). */
const twoHoursAfter = (notifiedAt: Date) => new Date(notifiedAt.getTime() + 2 * HOUR);

describe('nextOverdueStep: the owner first, then the managers, once each', () => {
	it('does nothing before the deadline, and tells the owner once it has passed', () => {
		expect(nextOverdueStep({ dueAt: at(HOUR), notifiedAt: null, escalatedAt: null }, t0, twoHoursAfter)).toBeNull();
		expect(nextOverdueStep({ dueAt: t0, notifiedAt: null, escalatedAt: null }, t0, twoHoursAfter)).toBe('owner');
		// Overdue since October and never told: the owner is the first to hear, not the managers.
		expect(nextOverdueStep({ dueAt: new Date('2026-10-05T00:00:00Z'), notifiedAt: null, escalatedAt: null }, t0, twoHoursAfter)).toBe(
			'owner'
		);
	});

	it('tells the managers only once the owner’s grace has run out', () => {
		const told = { dueAt: at(-DAY), notifiedAt: t0, escalatedAt: null };
		expect(nextOverdueStep(told, at(HOUR), twoHoursAfter)).toBeNull();
		expect(nextOverdueStep(told, at(2 * HOUR), twoHoursAfter)).toBe('manager');
	});

	it('has nothing more to do once the managers were told', () => {
		expect(nextOverdueStep({ dueAt: at(-DAY), notifiedAt: t0, escalatedAt: at(2 * HOUR) }, at(30 * DAY), twoHoursAfter)).toBeNull();
	});
});

describe('the sign-off schedule', () => {
	it('reminds after 3 days and closes after 7 by default', () => {
		expect(DEFAULT_SIGNOFF_SETTINGS).toEqual({ remindAfterDays: 3, closeAfterDays: 7 });
		expect(signoffSchedule(t0, DEFAULT_SIGNOFF_SETTINGS)).toEqual({ remindAt: at(3 * DAY), closeAt: at(7 * DAY) });
		expect(signoffRemindCutoff(at(3 * DAY), DEFAULT_SIGNOFF_SETTINGS)).toEqual(t0);
	});

	it('never closes before the reminder, and leaves the resident the days between reminder and close after it', () => {
		expect(signoffCloseAt(t0, null, DEFAULT_SIGNOFF_SETTINGS)).toBeNull();
		// Reminded on time: closed on the seventh day.
		expect(signoffCloseAt(t0, at(3 * DAY), DEFAULT_SIGNOFF_SETTINGS)).toEqual(at(7 * DAY));
		// Found 20 days late (the first sweep after an upgrade): closed four days after the reminder.
		expect(signoffCloseAt(t0, at(20 * DAY), DEFAULT_SIGNOFF_SETTINGS)).toEqual(at(24 * DAY));
	});
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, localClock, localDate } from '#lib/time/index.ts';
import { countSlots, planSlots } from './slot-times.ts';

// The default zone (Hong Kong: UTC+8 all year, no daylight saving), so the clock times below are fixed.
const HK = DEFAULT_TIME_ZONE;

describe('slot planning', () => {
	it('splits 09:00–12:00 into three back-to-back hour slots', () => {
		const slots = planSlots({ date: '2026-03-03', days: 1, from: 540, to: 720, lengthMinutes: 60 }, HK);
		expect(slots.map((s) => [localClock(s.startsAt, HK), localClock(s.endsAt, HK)])).toEqual([
			['09:00', '10:00'],
			['10:00', '11:00'],
			['11:00', '12:00']
		]);
		expect(slots[0]!.startsAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
	});

	it('drops a remainder too short for a whole slot and repeats the pattern over several days', () => {
		const slots = planSlots({ date: '2026-03-31', days: 2, from: 540, to: 650, lengthMinutes: 45 }, HK);
		expect(slots.map((s) => `${localDate(s.startsAt, HK)} ${localClock(s.startsAt, HK)}`)).toEqual([
			'2026-03-31 09:00',
			'2026-03-31 09:45',
			'2026-04-01 09:00',
			'2026-04-01 09:45'
		]);
	});

	it('plans in the estate’s own zone, daylight saving included', () => {
		const winter = planSlots({ date: '2026-01-15', days: 1, from: 540, to: 600, lengthMinutes: 60 }, 'Europe/London');
		const summer = planSlots({ date: '2026-07-15', days: 1, from: 540, to: 600, lengthMinutes: 60 }, 'Europe/London');
		expect(winter[0]!.startsAt.toISOString()).toBe('2026-01-15T09:00:00.000Z');
		expect(summer[0]!.startsAt.toISOString()).toBe('2026-07-15T08:00:00.000Z');
	});

	it('counts nothing for an empty or inverted range', () => {
		expect(countSlots({ days: 1, from: 600, to: 540, lengthMinutes: 30 })).toBe(0);
		expect(countSlots({ days: 1, from: 540, to: 540, lengthMinutes: 30 })).toBe(0);
		expect(countSlots({ days: 14, from: 0, to: 1440, lengthMinutes: 5 })).toBe(4032);
	});
});

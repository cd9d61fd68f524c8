import { describe, expect, it } from 'vitest';
import {
	countSlots,
	localClock,
	localDate,
	localDayRange,
	localInstant,
	parseClock,
	parseIsoDate,
	planSlots
} from './slot-times.ts';

const HK = 'Asia/Hong_Kong';

describe('slot times', () => {
	it('reads a Hong Kong wall-clock time as the instant eight hours earlier in UTC', () => {
		expect(localInstant('2026-03-03', 9 * 60, HK).toISOString()).toBe('2026-03-03T01:00:00.000Z');
		expect(localInstant('2026-03-03', 24 * 60, HK).toISOString()).toBe('2026-03-03T16:00:00.000Z');
	});

	it('follows daylight saving time where the zone has it', () => {
		// London: GMT in winter, BST (UTC+1) from the last Sunday of March.
		expect(localInstant('2026-01-15', 9 * 60, 'Europe/London').toISOString()).toBe('2026-01-15T09:00:00.000Z');
		expect(localInstant('2026-07-15', 9 * 60, 'Europe/London').toISOString()).toBe('2026-07-15T08:00:00.000Z');
	});

	it('shows an instant as the local date and 24-hour clock', () => {
		const instant = new Date('2026-03-03T16:30:00Z');
		expect(localDate(instant, HK)).toBe('2026-03-04');
		expect(localClock(instant, HK)).toBe('00:30');
	});

	it('bounds a local day by its two midnights', () => {
		const day = localDayRange('2026-03-03', HK);
		expect(day.from.toISOString()).toBe('2026-03-02T16:00:00.000Z');
		expect(day.to.toISOString()).toBe('2026-03-03T16:00:00.000Z');
	});

	it('refuses impossible dates and clock times', () => {
		expect(parseIsoDate('2026-02-30')).toBeNull();
		expect(parseIsoDate('2026-2-3')).toBeNull();
		expect(parseClock('24:00')).toBe(1440);
		expect(parseClock('24:01')).toBeNull();
		expect(parseClock('12:60')).toBeNull();
		expect(parseClock('9:00')).toBeNull();
	});

	it('splits 09:00–12:00 into three back-to-back hour slots', () => {
		const slots = planSlots({ date: '2026-03-03', days: 1, from: 540, to: 720, lengthMinutes: 60 }, HK);
		expect(slots.map((s) => [localClock(s.startsAt, HK), localClock(s.endsAt, HK)])).toEqual([
			['09:00', '10:00'],
			['10:00', '11:00'],
			['11:00', '12:00']
		]);
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

	it('counts nothing for an empty or inverted range', () => {
		expect(countSlots({ days: 1, from: 600, to: 540, lengthMinutes: 30 })).toBe(0);
		expect(countSlots({ days: 1, from: 540, to: 540, lengthMinutes: 30 })).toBe(0);
		expect(countSlots({ days: 14, from: 0, to: 1440, lengthMinutes: 5 })).toBe(4032);
	});
});

import { formatClock } from '#lib/time/index.ts';
import { DEFAULT_WEEK_HOURS } from './working-time.ts';

/**
 * Hong Kong general holidays (gazetted names) for 2026 and 2027. Sundays are not listed: they
 * are closed anyway. Later years are added by an admin (dictionaries page, holidays); lunar dates are checked against Intl's Chinese
 * calendar, and the substitution rules (a holiday on a Sunday moves to the next day; Lunar New
 * Year's Day on a Sunday makes the Saturday before a holiday) are applied by hand.
 */
export const HONG_KONG_HOLIDAYS: readonly { date: string; name: string }[] = [
	{ date: '2026-01-01', name: 'The first day of January' },
	{ date: '2026-02-17', name: "Lunar New Year's Day" },
	{ date: '2026-02-18', name: 'The second day of Lunar New Year' },
	{ date: '2026-02-19', name: 'The third day of Lunar New Year' },
	{ date: '2026-04-03', name: 'Good Friday' },
	{ date: '2026-04-04', name: 'The day following Good Friday' },
	{ date: '2026-04-06', name: 'The day following Ching Ming Festival' },
	{ date: '2026-04-07', name: 'The day following Easter Monday' },
	{ date: '2026-05-01', name: 'Labour Day' },
	{ date: '2026-05-25', name: 'The day following the Birthday of the Buddha' },
	{ date: '2026-06-19', name: 'Tuen Ng Festival' },
	{ date: '2026-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
	{ date: '2026-09-26', name: 'The day following the Chinese Mid-Autumn Festival' },
	{ date: '2026-10-01', name: 'National Day' },
	{ date: '2026-10-19', name: 'The day following Chung Yeung Festival' },
	{ date: '2026-12-25', name: 'Christmas Day' },
	{ date: '2026-12-26', name: 'The first weekday after Christmas Day' },
	{ date: '2027-01-01', name: 'The first day of January' },
	{ date: '2027-02-06', name: "The day preceding Lunar New Year's Day" },
	{ date: '2027-02-08', name: 'The second day of Lunar New Year' },
	{ date: '2027-02-09', name: 'The third day of Lunar New Year' },
	{ date: '2027-03-26', name: 'Good Friday' },
	{ date: '2027-03-27', name: 'The day following Good Friday' },
	{ date: '2027-03-29', name: 'Easter Monday' },
	{ date: '2027-04-05', name: 'Ching Ming Festival' },
	{ date: '2027-05-01', name: 'Labour Day' },
	{ date: '2027-05-13', name: 'The Birthday of the Buddha' },
	{ date: '2027-06-09', name: 'Tuen Ng Festival' },
	{ date: '2027-07-01', name: 'Hong Kong Special Administrative Region Establishment Day' },
	{ date: '2027-09-16', name: 'The day following the Chinese Mid-Autumn Festival' },
	{ date: '2027-10-01', name: 'National Day' },
	{ date: '2027-10-08', name: 'Chung Yeung Festival' },
	{ date: '2027-12-25', name: 'Christmas Day' },
	{ date: '2027-12-27', name: 'The first weekday after Christmas Day' }
];

/** The default week as working_hours rows (weekday 0 = Sunday). */
export function defaultWorkingHoursRows(): { weekday: number; opensAt: string | null; closesAt: string | null }[] {
	return DEFAULT_WEEK_HOURS.map((hours, weekday) => ({
		weekday,
		opensAt: hours ? formatClock(hours.start) : null,
		closesAt: hours ? formatClock(hours.end) : null
	}));
}

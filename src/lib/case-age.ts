/**
 * (pages and server) How old an open case is, in three bands — under 3 days, 3 to 7 days, over
 * 7 days since it came in — and what they are called. The dashboard counts open repairs and
 * complaints by them and their lists filter by them (the SQL: server/kernel/case-age.ts).
 */
import { m } from '#lib/paraglide/messages.js';

export const caseAges = ['new', 'week', 'old'] as const;
export type CaseAge = (typeof caseAges)[number];

/** A band named in a URL, or null for anything else. */
export function parseCaseAge(value: string | null | undefined): CaseAge | null {
	return caseAges.find((age) => age === value) ?? null;
}

export const caseAgeLabel: Record<CaseAge, () => string> = {
	new: () => m.dashboard_age_new(),
	week: () => m.dashboard_age_week(),
	old: () => m.dashboard_age_old()
};

// (pages and server) When a technician's arrival counts as on time (rule 2: for common-area repairs
// "the technician arrives before the appointed time"): at or before the appointed start, or within
// a short grace after it. The repair report's on-time share (reports/arrivals.ts) and the order
// pages' "arrived … after the appointed start" read the same rule.

/** Minutes after the appointed start an arrival still counts as on time. */
export const ARRIVAL_GRACE_MINUTES = 15;

/**
 * Whole minutes the arrival came after the appointed start, rounded up (a second late is a
 * minute); zero or less when it came at or before the start.
 */
export function minutesAfterStart(arrivedAt: Date, startsAt: Date): number {
	const minutes = Math.ceil((arrivedAt.getTime() - startsAt.getTime()) / 60_000);
	return minutes === 0 ? 0 : minutes;
}

/** On time: no later than the grace after the appointed start. */
export function arrivedOnTime(minutesAfter: number): boolean {
	return minutesAfter <= ARRIVAL_GRACE_MINUTES;
}

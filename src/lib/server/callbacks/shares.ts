/** Rule 3: of each month's callbacks, director ≥ 10 %, administrator ≥ 30 %, repair lead ≥ 60 %. */
export const callbackShareTargets = {
	manager: 0.1,
	customer_service: 0.3,
	engineering_supervisor: 0.6
} as const;

export type CallbackRole = keyof typeof callbackShareTargets;
export const callbackRoles = Object.keys(callbackShareTargets) as CallbackRole[];

/**
 * The role the next callback goes to: the one furthest below its target share once this callback
 * is counted (largest target × (n + 1) − count). Roles with nobody to do it are skipped. It keeps
 * every role within one callback of its floor at every step (the floors add up to 100 %, so
 * between the tenths not all three can be at or above theirs); sharesFrom flags the real shortfall.
 */
export function nextCallbackRole(
	counts: Readonly<Record<CallbackRole, number>>,
	available: ReadonlySet<CallbackRole>
): CallbackRole | null {
	const total = callbackRoles.reduce((sum, role) => sum + counts[role], 0);
	let best: CallbackRole | null = null;
	let bestDeficit = -Infinity;
	for (const role of callbackRoles) {
		if (!available.has(role)) continue;
		const deficit = callbackShareTargets[role] * (total + 1) - counts[role];
		if (deficit > bestDeficit) {
			best = role;
			bestDeficit = deficit;
		}
	}
	return best;
}

export interface RoleShare {
	role: CallbackRole;
	count: number;
	/** 0–1 of the month's callbacks; null when there are none yet. */
	share: number | null;
	target: number;
	/** The month's real share is under the target: 9.5 % is under 10 % (nothing is rounded up). */
	belowFloor: boolean;
	/** How many more callbacks this role must take (the others' unchanged) for its share to reach the target; 0 when it has. */
	needed: number;
}

/** A target as whole percent (10, 30, 60), so that shares are compared in integers, exactly. */
const targetPercent = (role: CallbackRole) => Math.round(callbackShareTargets[role] * 100);

/**
 * Callbacks a role must still take for its share to reach `percent` of the month's: the least k with
 * (count + k) / (total + k) ≥ percent / 100, i.e. k ≥ (percent·total − 100·count) / (100 − percent).
 */
export function callbacksNeeded(count: number, total: number, percent: number): number {
	const short = percent * total - 100 * count;
	return short <= 0 ? 0 : Math.ceil(short / (100 - percent));
}

/** Shares of one estate's callbacks by role against the floors of rule 3, judged on the real percentages. */
export function sharesFrom(counts: Partial<Record<CallbackRole, number>>): { total: number; roles: RoleShare[] } {
	const total = callbackRoles.reduce((sum, role) => sum + (counts[role] ?? 0), 0);
	return {
		total,
		roles: callbackRoles.map((role) => {
			const n = counts[role] ?? 0;
			const percent = targetPercent(role);
			return {
				role,
				count: n,
				share: total === 0 ? null : n / total,
				target: callbackShareTargets[role],
				// n / total < percent / 100, in integers: 2 of 21 (9.52 %) is below 10 %.
				belowFloor: total > 0 && n * 100 < percent * total,
				needed: callbacksNeeded(n, total, percent)
			};
		})
	};
}

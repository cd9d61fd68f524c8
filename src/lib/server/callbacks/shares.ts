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
 * is counted (largest target × (n + 1) − count). Roles with nobody to do it are skipped. Keeping
 * every role at or above its floor at every step is possible because the floors add up to 100 %.
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
	/** At least one whole callback short of target × callbacks. */
	belowFloor: boolean;
}

/** Shares of one estate's callbacks by role against the floors of rule 3. */
export function sharesFrom(counts: Partial<Record<CallbackRole, number>>): { total: number; roles: RoleShare[] } {
	const total = callbackRoles.reduce((sum, role) => sum + (counts[role] ?? 0), 0);
	return {
		total,
		roles: callbackRoles.map((role) => {
			const n = counts[role] ?? 0;
			const share = total === 0 ? null : n / total;
			// Below the floor means short by at least one whole callback: with 17 callbacks 30 % is
			// 5.1, and 5 is as close as whole callbacks get (the three floors' fractions cannot all be
			// rounded up at once). nextCallbackRole never lets a role fall below this.
			const belowFloor = total > 0 && n < Math.floor(callbackShareTargets[role] * total + 1e-9);
			return { role, count: n, share, target: callbackShareTargets[role], belowFloor };
		})
	};
}

/** Rule 4: at least 10 % of complaints get a callback, and at least 30 % of those in person, signed. */
const complaintCallbackTargets = { calledBack: 0.1, inPerson: 0.3 } as const;

export interface ComplaintCallbackShares {
	resolved: number;
	calledBack: number;
	inPerson: number;
	/** 0–1, null when there is nothing to divide by yet. */
	calledBackShare: number | null;
	inPersonShare: number | null;
	/** Callbacks still to make this month to reach 10 % of the resolved complaints. */
	callbacksNeeded: number;
	/** In-person callbacks still to make to reach 30 % of the callbacks the month needs. */
	inPersonNeeded: number;
}

/** The month's shares against the targets, and how many more callbacks (and in person) reach them. */
export function complaintCallbackShares(resolved: number, calledBack: number, inPerson: number): ComplaintCallbackShares {
	const callbacksWanted = Math.ceil(complaintCallbackTargets.calledBack * resolved - 1e-9);
	const callbacksNeeded = Math.max(0, callbacksWanted - calledBack);
	const inPersonWanted = Math.ceil(complaintCallbackTargets.inPerson * Math.max(calledBack, callbacksWanted) - 1e-9);
	return {
		resolved,
		calledBack,
		inPerson,
		calledBackShare: resolved === 0 ? null : calledBack / resolved,
		inPersonShare: calledBack === 0 ? null : inPerson / calledBack,
		callbacksNeeded,
		inPersonNeeded: Math.max(0, inPersonWanted - inPerson)
	};
}

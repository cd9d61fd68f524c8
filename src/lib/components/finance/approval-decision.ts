/** What the staff decision form posts; refunds and bill corrections share this shape. */
export type ApprovalDecision = { decision: 'approve' | 'reject'; note: string };

/** Each side's own words for the decision form (refunds and corrections keep their own messages). */
export type ApprovalDecisionTexts = {
	title: string;
	intro: string;
	note: string;
	noteHint: string;
	approve: string;
	reject: string;
};

/** Each side's own words for the top of a request's page (ApprovalDetailHead.svelte). */
export type ApprovalHeadTexts = {
	/** Said right after the request was made: it waits for approval, or it took effect at once. */
	createdWaiting: string;
	createdApplied: string;
	/** Said right after a step was taken, by the step's name in `?done=`. */
	done: Partial<Record<string, string>>;
	/** Said while the request waits for approval (who asked for it). */
	waiting: string;
};

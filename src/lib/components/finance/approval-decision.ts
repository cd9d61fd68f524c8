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

/**
 * What a complaint's timeline may say, and who reads each entry: everyone with access to the
 * complaint ('all': the complainant and staff) or staff only — the office's internal steps (who
 * owns it, hand-overs, the manager's direction, missed deadlines) never reach the complainant.
 */
import type { Audience } from '../events/kinds.ts';
import type { ComplaintAction } from './machine.ts';

export const complaintEventKinds = {
	filed: 'all',
	claimed: 'staff',
	reply_promised: 'all',
	handed_over: 'staff',
	escalated: 'staff',
	assigned: 'all',
	directed: 'staff',
	replied: 'all',
	resolved: 'all',
	marked_malicious: 'staff',
	reopened: 'all',
	closed: 'all',
	called_back: 'staff',
	satisfaction_answered: 'all',
	commented: 'all',
	promise_missed: 'staff',
	deadline_missed: 'staff',
	matched: 'staff'
} as const satisfies Record<string, Audience>;

export type ComplaintEventKind = keyof typeof complaintEventKinds;

/** Whether a reader sees an entry of this kind: staff see every entry, the complainant the 'all' ones. */
export function shownTo(kind: string, reader: Audience): boolean {
	return reader === 'staff' || (complaintEventKinds as Record<string, Audience>)[kind] === 'all';
}

declare module '../events/kinds.ts' {
	interface EventKinds {
		complaint: ComplaintEventKind;
	}
}

/** The event each action of the machine records. */
export const complaintActionEvent = {
	claim: 'claimed',
	promise: 'reply_promised',
	hand_over: 'handed_over',
	escalate: 'escalated',
	assign: 'assigned',
	direct: 'directed',
	reply: 'replied',
	resolve: 'resolved',
	mark_malicious: 'marked_malicious',
	reopen: 'reopened',
	close: 'closed',
	callback: 'called_back',
	answer_satisfaction: 'satisfaction_answered',
	comment: 'commented',
	match: 'matched'
} as const satisfies Record<ComplaintAction, ComplaintEventKind>;

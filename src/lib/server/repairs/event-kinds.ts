/**
 * What a repair's timeline may say, and who reads each entry: everyone with access to the order
 * ('all': the resident party and staff) or staff only — the office's internal steps (who owns a
 * request, hand-overs, escalations, a supervisor's review of a quote, rectification notices)
 * never reach the resident. Callbacks and rectification notices record their events here too:
 * they belong to the repair's history.
 */
import type { Audience } from '../events/kinds.ts';
import type { RepairAction } from './machine.ts';

export const repairEventKinds = {
	filed: 'all',
	claimed: 'staff',
	reply_promised: 'all',
	handed_over: 'staff',
	assign: 'all',
	reassign: 'staff',
	technician_received: 'staff',
	schedule: 'all',
	reschedule: 'all',
	miss: 'all',
	time_confirmed: 'all',
	time_chosen: 'all',
	start: 'all',
	material: 'all',
	after_photos: 'all',
	quote: 'staff',
	quote_approved: 'staff',
	quote_rejected: 'staff',
	quote_accepted: 'all',
	quote_declined: 'all',
	complete: 'all',
	sign_off: 'all',
	auto_closed: 'all',
	reject: 'all',
	cancel: 'all',
	comment: 'all',
	rated: 'all',
	escalated: 'staff',
	callback_due: 'all',
	callback_done: 'all',
	callback_reassigned: 'staff',
	evaluation_submitted: 'all',
	rectification_issued: 'staff',
	rectification_resolved: 'staff',
	matched: 'staff',
	/** A deadline passed (deadlines/sweep.ts): its owner was told (data.deadline names which). */
	deadline_missed: 'staff',
	/** …and a working-time grace later, the estate's managers. */
	deadline_escalated: 'staff',
	/** The resident was reminded to sign off (after the configured days). */
	signoff_reminded: 'all'
} as const satisfies Record<string, Audience>;

export type RepairEventKind = keyof typeof repairEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		repair: RepairEventKind;
	}
}

/** The event each action of the machine records. */
export const actionEvent = {
	claim: 'claimed',
	promise: 'reply_promised',
	hand_over: 'handed_over',
	assign: 'assign',
	reassign: 'reassign',
	receive: 'technician_received',
	schedule: 'schedule',
	reschedule: 'reschedule',
	miss: 'miss',
	confirm_time: 'time_confirmed',
	choose_time: 'time_chosen',
	start: 'start',
	material: 'material',
	after_photos: 'after_photos',
	quote: 'quote',
	approve_quote: 'quote_approved',
	reject_quote: 'quote_rejected',
	accept_quote: 'quote_accepted',
	decline_quote: 'quote_declined',
	complete: 'complete',
	sign_off: 'sign_off',
	auto_close: 'auto_closed',
	reject: 'reject',
	cancel: 'cancel',
	comment: 'comment',
	rate: 'rated',
	match: 'matched'
} as const satisfies Record<RepairAction, RepairEventKind>;

/** Whether a reader in this audience sees the event on the timeline. */
export function shownTo(kind: string, reader: Audience): boolean {
	const audience: Audience | undefined = (repairEventKinds as Record<string, Audience>)[kind];
	return reader === 'staff' || audience === 'all';
}

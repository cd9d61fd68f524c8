/**
 * What a visit's timeline says, and who reads it. The resident reads the booking, the answers and
 * the summary; the office's reminders of follow-ups are for staff.
 */
import type { Audience } from '../events/kinds.ts';
import type { FollowUpAction, VisitAction } from './machine.ts';

export const visitEventKinds = {
	booked: 'all',
	confirmed: 'all',
	proposed: 'all',
	accepted: 'all',
	rebooked: 'all',
	held: 'all',
	closed: 'all',
	cancelled: 'all',
	follow_up_added: 'all',
	follow_up_answered: 'all',
	follow_up_reminded: 'staff'
} as const satisfies Record<string, Audience>;

export type VisitEventKind = keyof typeof visitEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		visit: VisitEventKind;
	}
}

/** The event each action of the visit machine records. */
export const visitActionEvent = {
	confirm: 'confirmed',
	propose: 'proposed',
	accept: 'accepted',
	rebook: 'rebooked',
	hold: 'held',
	follow_up: 'follow_up_added',
	close: 'closed',
	cancel: 'cancelled'
} as const satisfies Record<VisitAction, VisitEventKind>;

/** A follow-up's steps are events of its visit (one timeline for the customer's visit). */
export const followUpActionEvent = {
	answer: 'follow_up_answered',
	remind: 'follow_up_reminded'
} as const satisfies Record<FollowUpAction, VisitEventKind>;

// What a visit's states, actions and timeline entries are called, in the reader's language: one
// table each, checked complete by the compiler.
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { VisitEventKind } from '#lib/server/visits/event-kinds.ts';
import type { VisitState } from '#lib/server/visits/machine.ts';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const visitStateLabel: Record<VisitState, Label> = {
	booked: m.visit_state_booked,
	proposed: m.visit_state_proposed,
	confirmed: m.visit_state_confirmed,
	held: m.visit_state_held,
	closed: m.visit_state_closed,
	cancelled: m.visit_state_cancelled
};

export const visitEventNames: Record<VisitEventKind, Label> = {
	booked: m.visit_event_booked,
	confirmed: m.visit_event_confirmed,
	proposed: m.visit_event_proposed,
	accepted: m.visit_event_accepted,
	rebooked: m.visit_event_rebooked,
	held: m.visit_event_held,
	closed: m.visit_event_closed,
	cancelled: m.visit_event_cancelled,
	follow_up_added: m.visit_event_follow_up_added,
	follow_up_answered: m.visit_event_follow_up_answered,
	follow_up_reminded: m.visit_event_follow_up_reminded
};

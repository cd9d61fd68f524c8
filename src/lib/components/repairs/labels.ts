// Names of repair states and timeline events in the reader's language, shared by the resident
// and staff pages (messages live in messages/repairs-resident).
import { m } from '#lib/paraglide/messages.js';
import type { RepairState } from '#lib/server/repairs/machine.ts';
import type { RepairEventKind } from '#lib/server/repairs/event-kinds.ts';

const stateNames: Record<RepairState, () => string> = {
	received: m.repairs_state_received,
	assigned: m.repairs_state_assigned,
	scheduled: m.repairs_state_scheduled,
	in_progress: m.repairs_state_in_progress,
	awaiting_signoff: m.repairs_state_awaiting_signoff,
	done: m.repairs_state_done,
	cancelled: m.repairs_state_cancelled
};

export function stateName(state: string): string {
	return (stateNames as Record<string, (() => string) | undefined>)[state]?.() ?? state;
}

/** Every event a repair's timeline may hold (the compiler checks none is missing). */
const eventNames: Record<RepairEventKind, () => string> = {
	filed: m.repairs_event_filed,
	assign: m.repairs_event_assign,
	reassign: m.repairs_event_reassign,
	schedule: m.repairs_event_schedule,
	reschedule: m.repairs_event_reschedule,
	miss: m.repairs_event_miss,
	start: m.repairs_event_start,
	quote: m.repairs_event_quote,
	quote_approved: m.repairs_event_quote_approved,
	quote_rejected: m.repairs_event_quote_rejected,
	quote_accepted: m.repairs_event_quote_accepted,
	quote_declined: m.repairs_event_quote_declined,
	material: m.repairs_event_material,
	after_photos: m.repairs_event_after_photos,
	complete: m.repairs_event_complete,
	sign_off: m.repairs_event_sign_off,
	reject: m.repairs_event_reject,
	cancel: m.repairs_event_cancel,
	comment: m.repairs_event_comment,
	rated: m.repairs_event_rated,
	claimed: m.repairs_event_claimed,
	handed_over: m.repairs_event_handed_over,
	reply_promised: m.repairs_event_reply_promised,
	technician_received: m.repairs_event_technician_received,
	escalated: m.repairs_event_escalated,
	callback_due: m.repairs_event_callback_due,
	callback_done: m.repairs_event_callback_done,
	callback_reassigned: m.repairs_event_callback_reassigned,
	evaluation_submitted: m.repairs_event_evaluation_submitted,
	rectification_issued: m.repairs_event_rectification_issued,
	rectification_resolved: m.repairs_event_rectification_resolved
};

/** A timeline event's kind as a short phrase ("Appointment moved"); an unknown kind (newer data) shows as it is. */
export function eventName(kind: string): string {
	return (eventNames as Record<string, (() => string) | undefined>)[kind]?.() ?? kind;
}

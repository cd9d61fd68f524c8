// (pages and server) What a repair's states, timeline events, quote states and intake channels
// are called in the reader's language, and the facts an event carries in words: shared by the
// resident and staff pages and the printed work order (repairs/sheet-pdf.ts). Messages live in
// messages/repairs-resident and messages/repairs-staff. Codes missing here (a newer feature's)
// are shown as they are rather than hidden.
import { m } from '#lib/paraglide/messages.js';
import { minorToDecimal, money } from '#lib/money/index.ts';
import { dateTime } from '#lib/time/index.ts';
import { arrivedOnTime } from '#lib/visit-arrival.ts';
import type { RepairState } from '#lib/server/repairs/machine.ts';
import type { RepairEventKind } from '#lib/server/repairs/event-kinds.ts';
import type { QuoteState } from '#lib/server/repairs/quote-machine.ts';
import { deadlineLabel, isDeadlineKind } from '#lib/deadline-labels.ts';

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
export const eventNames: Record<RepairEventKind, () => string> = {
	filed: m.repairs_event_filed,
	assign: m.repairs_event_assign,
	reassign: m.repairs_event_reassign,
	schedule: m.repairs_event_schedule,
	reschedule: m.repairs_event_reschedule,
	miss: m.repairs_event_miss,
	time_confirmed: m.visits_event_time_confirmed,
	time_chosen: m.visits_event_time_chosen,
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
	rectification_resolved: m.repairs_event_rectification_resolved,
	matched: m.case_match_event_matched,
	auto_closed: m.deadlines_event_auto_closed,
	deadline_missed: m.deadlines_event_deadline_missed,
	deadline_escalated: m.deadlines_event_deadline_escalated,
	signoff_reminded: m.deadlines_event_signoff_reminded
};

/** A timeline event's kind as a short phrase ("Appointment moved"); an unknown kind (newer data) shows as it is. */
export function eventName(kind: string): string {
	return (eventNames as Record<string, (() => string) | undefined>)[kind]?.() ?? kind;
}

const quoteStates: Record<QuoteState, () => string> = {
	pending_approval: () => m.repairs_staff_quote_state_pending_approval(),
	awaiting_resident: () => m.repairs_staff_quote_state_awaiting_resident(),
	accepted: () => m.repairs_staff_quote_state_accepted(),
	declined: () => m.repairs_staff_quote_state_declined(),
	rejected: () => m.repairs_staff_quote_state_rejected()
};

const channels: Record<string, () => string> = {
	portal: () => m.repairs_staff_channel_portal(),
	phone: () => m.repairs_staff_channel_phone(),
	counter: () => m.repairs_staff_channel_counter(),
	widget: () => m.repairs_staff_channel_widget()
};

const label = (table: Record<string, () => string>, code: string) => (Object.hasOwn(table, code) ? table[code]!() : code);

export const quoteStateName = (state: QuoteState) => quoteStates[state]();
export const channelName = (channel: string) => label(channels, channel);

/** An arrival against the appointed start, in words: before it, within the grace (on time), or how late. */
export function arrivalText(minutesAfter: number): string {
	if (minutesAfter <= 0) return m.visits_arrival_early();
	if (arrivedOnTime(minutesAfter)) return m.visits_arrival_within({ minutes: minutesAfter });
	return m.visits_arrival_late({ minutes: minutesAfter });
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** The facts a timeline event carries, in words (who it went to, when, what); '' when it carries none. */
export function eventDetail(entry: { kind: RepairEventKind; data: Record<string, unknown> }, timeZone: string): string {
	const d = entry.data;
	switch (entry.kind) {
		case 'filed':
			return text(d.channel) ? channelName(text(d.channel)) : '';
		case 'handed_over':
			return text(d.toName) ? m.repairs_staff_timeline_to({ name: text(d.toName) }) : '';
		case 'reply_promised':
			return text(d.promisedReplyBy) ? dateTime(text(d.promisedReplyBy), timeZone) : '';
		case 'assign':
		case 'reassign':
			return [text(d.technicianName), d.mode === 'round_robin' ? m.repairs_staff_timeline_round_robin() : ''].filter(Boolean).join(' · ');
		case 'schedule':
		case 'reschedule':
		case 'miss':
		case 'time_confirmed':
		case 'time_chosen':
			return [text(d.startsAt) ? dateTime(text(d.startsAt), timeZone) : '', d.byPhone === true ? m.visits_by_phone() : '']
				.filter(Boolean)
				.join(' · ');
		case 'start':
			return typeof d.minutesAfterAppointment === 'number' ? arrivalText(d.minutesAfterAppointment) : '';
		case 'material': {
			const source = d.source === 'resident' ? m.repairs_staff_material_from_resident() : m.repairs_staff_material_from_estate();
			const verdict =
				d.accepted === true ? m.repairs_staff_material_accepted_yes() : d.accepted === false ? m.repairs_staff_material_accepted_no() : '';
			return [`${text(d.name)} × ${text(d.quantity)}`, source, verdict].filter(Boolean).join(' · ');
		}
		case 'quote':
		case 'quote_approved':
		case 'quote_rejected':
		case 'quote_accepted':
		case 'quote_declined':
			if (typeof d.totalMinor !== 'number') return '';
			// Quotes recorded before events carried their currency show the plain amount.
			return text(d.currency) ? money(d.totalMinor, text(d.currency)) : minorToDecimal(d.totalMinor);
		case 'escalated':
			return d.stage === 'response' ? m.repairs_staff_due_response() : m.repairs_staff_due_completion();
		case 'sign_off':
			return text(d.signedName);
		case 'matched':
			return text(d.unit);
		case 'deadline_missed':
		case 'deadline_escalated':
			return isDeadlineKind(d.deadline) ? deadlineLabel(d.deadline) : '';
		case 'auto_closed':
			return typeof d.closeAfterDays === 'number' ? m.deadlines_event_auto_closed_detail({ days: d.closeAfterDays }) : '';
		case 'rated':
			return typeof d.overall === 'number' ? m.repairs_staff_stars({ count: d.overall }) : '';
		default:
			return '';
	}
}

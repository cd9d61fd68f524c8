// What a complaint's states, departments, channels and timeline entries are called, in the
// reader's language (pages call a label as it is; the server passes a recipient's language): the
// one table each, checked complete by the compiler.
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { ComplaintDepartment } from '#lib/schemas/complaints.ts';
import type { ComplaintAction, ComplaintState } from '#lib/server/complaints/machine.ts';
import type { ComplaintEventKind } from '#lib/server/complaints/event-kinds.ts';

/** A message without inputs: in the request's language, or the one given. */
type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const complaintStateLabel: Record<ComplaintState, Label> = {
	received: m.complaints_state_received,
	assigned: m.complaints_state_assigned,
	resolved: m.complaints_state_resolved,
	closed: m.complaints_state_closed
};

export const departmentLabel: Record<ComplaintDepartment, Label> = {
	customer_service: m.complaints_department_customer_service,
	engineering: m.complaints_department_engineering,
	security: m.complaints_department_security,
	finance: m.complaints_department_finance,
	management: m.complaints_department_management
};

export const channelLabel: Record<'portal' | 'widget' | 'phone' | 'counter', Label> = {
	portal: m.complaints_channel_portal,
	widget: m.complaints_channel_widget,
	phone: m.complaints_channel_phone,
	counter: m.complaints_channel_counter
};

export const complaintEventLabel: Record<ComplaintEventKind, Label> = {
	filed: m.complaints_event_filed,
	claimed: m.complaints_event_claimed,
	reply_promised: m.complaints_event_reply_promised,
	handed_over: m.complaints_event_handed_over,
	escalated: m.complaints_event_escalated,
	assigned: m.complaints_event_assigned,
	directed: m.complaints_event_directed,
	replied: m.complaints_event_replied,
	resolved: m.complaints_event_resolved,
	marked_malicious: m.complaints_event_marked_malicious,
	reopened: m.complaints_event_reopened,
	closed: m.complaints_event_closed,
	called_back: m.complaints_event_called_back,
	satisfaction_answered: m.complaints_event_satisfaction_answered,
	commented: m.complaints_event_commented,
	promise_missed: m.complaints_event_promise_missed,
	deadline_missed: m.complaints_event_deadline_missed,
	matched: m.case_match_event_matched
};

export const complaintActionLabel: Record<ComplaintAction, Label> = {
	claim: m.complaints_action_claim,
	promise: m.complaints_action_promise,
	hand_over: m.complaints_action_hand_over,
	escalate: m.complaints_action_escalate,
	assign: m.complaints_action_assign,
	direct: m.complaints_action_direct,
	reply: m.complaints_action_reply,
	resolve: m.complaints_action_resolve,
	mark_malicious: m.complaints_action_mark_malicious,
	reopen: m.complaints_action_reopen,
	close: m.complaints_action_close,
	callback: m.complaints_action_callback,
	answer_satisfaction: m.complaints_action_answer_satisfaction,
	comment: m.complaints_action_comment,
	match: m.case_match_action_match
};

export const stateName = (state: ComplaintState, locale?: Locale) => complaintStateLabel[state]({}, { locale });
export const departmentName = (department: string, locale?: Locale) =>
	department in departmentLabel ? departmentLabel[department as ComplaintDepartment]({}, { locale }) : department;

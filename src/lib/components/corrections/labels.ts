// What the bill-correction pages call a correction's kinds, states and events, in the reader's language.
import { m } from '#lib/paraglide/messages.js';
import type { CorrectionKind } from '#lib/schemas/corrections.ts';

const kinds: Record<CorrectionKind, () => string> = {
	void: m.corrections_kind_void,
	credit_note: m.corrections_kind_credit_note,
	adjust_line: m.corrections_kind_adjust_line,
	write_off: m.corrections_kind_write_off
};
export const correctionKindName = (kind: CorrectionKind) => kinds[kind]();

const kindHints: Record<CorrectionKind, () => string> = {
	void: m.corrections_kind_void_hint,
	credit_note: m.corrections_kind_credit_note_hint,
	adjust_line: m.corrections_kind_adjust_line_hint,
	write_off: m.corrections_kind_write_off_hint
};
export const correctionKindHint = (kind: CorrectionKind) => kindHints[kind]();

const states: Record<string, () => string> = {
	requested: m.corrections_state_requested,
	applied: m.corrections_state_applied,
	rejected: m.corrections_state_rejected,
	reissued: m.corrections_state_reissued
};
export const correctionStateName = (state: string) => (states[state] ?? (() => state))();

const events: Record<string, () => string> = {
	request: m.corrections_event_request,
	approve: m.corrections_event_approve,
	reject: m.corrections_event_reject,
	apply: m.corrections_event_apply,
	reissue: m.corrections_event_reissue
};
export const correctionEventName = (kind: string) => (events[kind] ?? (() => kind))();

/** A move's event kinds, states and checklist items in the reader's language. */
import { m } from '#lib/paraglide/messages.js';
import type { MoveEventKind, MoveState } from '#lib/server/moves/machine.ts';
import type { MoveDocumentKind, MoveInItem } from '#lib/server/moves/checklist.ts';

export const moveEventNames: Record<MoveEventKind, () => string> = {
	opened: m.moves_event_opened,
	identity_checked: m.moves_event_identity_checked,
	papers_recorded: m.moves_event_papers_recorded,
	contact_added: m.moves_event_contact_added,
	contact_removed: m.moves_event_contact_removed,
	document_uploaded: m.moves_event_document_uploaded,
	rules_signed: m.moves_event_rules_signed,
	readings_recorded: m.moves_event_readings_recorded,
	reading_confirmed: m.moves_event_reading_confirmed,
	readings_filed: m.moves_event_readings_filed,
	key_issued: m.moves_event_key_issued,
	key_returned: m.moves_event_key_returned,
	key_missing: m.moves_event_key_missing,
	defect_reported: m.moves_event_defect_reported,
	damage_priced: m.moves_event_damage_priced,
	inspected: m.moves_event_inspected,
	forwarding_left: m.moves_event_forwarding_left,
	settled: m.moves_event_settled,
	waived: m.moves_event_waived,
	completed: m.moves_event_completed,
	cancelled: m.moves_event_cancelled
};

export const moveStateNames: Record<MoveState, () => string> = {
	open: m.moves_state_open,
	inspected: m.moves_state_inspected,
	settled: m.moves_state_settled,
	done: m.moves_state_done,
	cancelled: m.moves_state_cancelled
};

export const moveItemNames: Record<MoveInItem, () => string> = {
	identity: m.moves_item_identity,
	identity_paper: m.moves_item_identity_paper,
	proxy_papers: m.moves_item_proxy_papers,
	archive_form: m.moves_item_archive_form,
	rules_signed: m.moves_item_rules_signed,
	readings: m.moves_item_readings,
	keys: m.moves_item_keys,
	inspected: m.moves_item_inspected
};

export const moveDocumentNames: Record<MoveDocumentKind, () => string> = {
	id_copy: m.moves_doc_id_copy,
	business_licence: m.moves_doc_business_licence,
	power_of_attorney: m.moves_doc_power_of_attorney,
	proxy_id: m.moves_doc_proxy_id,
	archive_form: m.moves_doc_archive_form,
	parking_contract: m.moves_doc_parking_contract
};

export function moveEventName(kind: string): string {
	return kind in moveEventNames ? moveEventNames[kind as MoveEventKind]() : kind;
}

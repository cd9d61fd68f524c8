import { m } from '#lib/paraglide/messages.js';
import type { ArchiveKind } from '#lib/server/archive/kinds.ts';
import type { AccessEventKind, AccessState } from '#lib/server/archive/access-machine.ts';
import type { ReadWhat } from '#lib/server/archive/read-log.ts';

// The unit's file (一戶一檔) in the reader's language: every archive kind is named here, and the
// compiler refuses a kind (archive/kinds.ts) without its name.
export const archiveKindLabels: Record<ArchiveKind, () => string> = {
	move_in: m.archive_kind_move_in,
	move_out: m.archive_kind_move_out,
	document: m.archive_kind_document,
	key: m.archive_kind_key,
	meter_reading: m.archive_kind_meter_reading,
	renovation: m.archive_kind_renovation,
	letter: m.archive_kind_letter,
	notice: m.archive_kind_notice,
	bill: m.archive_kind_bill,
	payment: m.archive_kind_payment,
	deposit: m.archive_kind_deposit,
	refund: m.archive_kind_refund,
	violation: m.archive_kind_violation,
	arrears: m.archive_kind_arrears,
	repair: m.archive_kind_repair,
	complaint: m.archive_kind_complaint,
	callback: m.archive_kind_callback,
	contact: m.archive_kind_contact,
	household: m.archive_kind_household,
	service_application: m.archive_kind_service_application,
	goods_release: m.archive_kind_goods_release,
	correction: m.archive_kind_correction
};

/** A kind's name; a code from a newer or older version reads as itself. */
export function archiveKindLabel(kind: string): string {
	return Object.hasOwn(archiveKindLabels, kind) ? archiveKindLabels[kind as ArchiveKind]() : kind;
}

export const accessStateLabels: Record<AccessState, () => string> = {
	requested: m.archive_state_requested,
	approved: m.archive_state_approved,
	refused: m.archive_state_refused,
	expired: m.archive_state_expired
};

export const accessEventLabels: Record<AccessEventKind, () => string> = {
	request: m.archive_event_request,
	approve: m.archive_event_approve,
	refuse: m.archive_event_refuse,
	expire: m.archive_event_expire
};

export const readWhatLabels: Record<ReadWhat, () => string> = {
	file: m.archive_what_file,
	entry: m.archive_what_entry,
	pdf: m.archive_what_pdf
};

import { noticeEventNames } from './notices/labels.ts';
import { m } from '#lib/paraglide/messages.js';
import type { AuditAction } from '#lib/server/events/audit-actions.ts';
import type { AuditSubjectType, EventKinds, SubjectType } from '#lib/server/events/kinds.ts';
import type { AuditEntry, AuditGroup, AuditScope } from '#lib/server/staff-admin/audit.ts';
import type { Cell, ReportTable } from '#lib/server/reports/export.ts';
import { numericDateTime } from '#lib/time/index.ts';
import { eventDetail, eventNames as repairEventNames } from '#lib/repair-labels.ts';
import { complaintEventLabel, departmentName } from '#lib/complaint-labels.ts';
import { eventLabel as renovationEventLabel } from '#lib/renovation-labels.ts';
import { refundEvents } from '#lib/components/finance/labels.ts';
import { moveEventNames } from '#lib/move-labels.ts';
import { accessEventLabels } from '#lib/components/archive-labels.ts';
import { money } from '#lib/money/index.ts';
import { serviceEventNames } from '#lib/service-labels.ts';
import { visitEventNames } from '#lib/visit-labels.ts';
import { customerEventNames } from '#lib/customer-labels.ts';
import type { RepairEventKind } from '#lib/server/repairs/event-kinds.ts';

// Audit rows and events store stable codes; the audit log names them in the reader's language (the
// page and its export). The tables are keyed by every code recordAudit accepts
// (events/audit-actions.ts) and every event kind (events/kinds.ts), so a new code without a name
// does not compile. A row with a code no longer listed (from an older version) reads "Change recorded".
export const auditActionNames: Record<AuditAction, () => string> = {
	'account.password_changed': () => m.admin_audit_did_password_changed(),
	'account.password_reset': () => m.admin_audit_did_password_reset(),
	'account.profile_updated': () => m.admin_audit_did_profile_updated(),
	'company.registered': () => m.admin_audit_did_company_registered(),
	'company.member_invited': () => m.admin_audit_did_company_member_invited(),
	'company.invitations_withdrawn': () => m.admin_audit_did_company_invitations_withdrawn(),
	'company.member_removed': () => m.admin_audit_did_company_member_removed(),
	'invitation.issued': () => m.admin_audit_did_invitation_issued(),
	'invitation.redeemed': () => m.admin_audit_did_invitation_redeemed(),
	'resident.account_created': () => m.admin_audit_did_resident_account_created(),
	'resident.linked_to_unit': () => m.admin_audit_did_resident_linked_to_unit(),
	'resident.contact_updated': () => m.accuracy_audit_contact_updated(),
	'outbox.read': () => m.admin_audit_did_outbox_read(),
	'registry.building.create': () => m.admin_audit_did_building_create(),
	'registry.contact.add': () => m.admin_audit_did_contact_add(),
	'registry.contact.remove': () => m.admin_audit_did_contact_remove(),
	'registry.estate.create': () => m.admin_audit_did_estate_create(),
	'registry.household.add': () => m.admin_audit_did_household_add(),
	'registry.household.remove': () => m.admin_audit_did_household_remove(),
	'registry.import': () => m.admin_audit_did_registry_import(),
	'registry.occupancy.add': () => m.admin_audit_did_occupancy_add(),
	'registry.occupancy.end': () => m.admin_audit_did_occupancy_end(),
	'registry.unit.create': () => m.admin_audit_did_unit_create(),
	'registry.unit.update': () => m.admin_audit_did_unit_update(),
	'staff.access_changed': () => m.admin_audit_did_staff_access_changed(),
	'staff.created': () => m.admin_audit_did_staff_created(),
	'staff.disabled': () => m.admin_audit_did_staff_disabled(),
	'staff.enabled': () => m.admin_audit_did_staff_enabled(),
	'repairs.team.create': () => m.repairs_staff_audit_team_create(),
	'repairs.team.rename': () => m.repairs_staff_audit_team_rename(),
	'repairs.team.activate': () => m.repairs_staff_audit_team_activate(),
	'repairs.team.deactivate': () => m.repairs_staff_audit_team_deactivate(),
	'repairs.team.member.add': () => m.repairs_staff_audit_team_member_add(),
	'repairs.team.member.remove': () => m.repairs_staff_audit_team_member_remove(),
	'dictionary.repair_kind.create': () => m.admin_audit_did_repair_kind_create(),
	'dictionary.repair_kind.update': () => m.admin_audit_did_repair_kind_update(),
	'dictionary.repair_kind.activate': () => m.admin_audit_did_repair_kind_activate(),
	'dictionary.repair_kind.deactivate': () => m.admin_audit_did_repair_kind_deactivate(),
	'dictionary.free_service_item.create': () => m.admin_audit_did_free_item_create(),
	'dictionary.free_service_item.update': () => m.admin_audit_did_free_item_update(),
	'dictionary.free_service_item.activate': () => m.admin_audit_did_free_item_activate(),
	'dictionary.free_service_item.deactivate': () => m.admin_audit_did_free_item_deactivate(),
	'dictionary.complaint_kind.create': () => m.complaints_ui_audit_kind_create(),
	'dictionary.complaint_kind.update': () => m.complaints_ui_audit_kind_update(),
	'dictionary.complaint_kind.activate': () => m.complaints_ui_audit_kind_activate(),
	'dictionary.complaint_kind.deactivate': () => m.complaints_ui_audit_kind_deactivate(),
	'dictionary.service_application_kind.create': () => m.services_audit_kind_create(),
	'dictionary.service_application_kind.update': () => m.services_audit_kind_update(),
	'dictionary.service_application_kind.activate': () => m.services_audit_kind_activate(),
	'dictionary.service_application_kind.deactivate': () => m.services_audit_kind_deactivate(),
	'dictionary.paid_service_item.create': () => m.admin_audit_did_paid_item_create(),
	'dictionary.paid_service_item.update': () => m.admin_audit_did_paid_item_update(),
	'dictionary.paid_service_item.activate': () => m.admin_audit_did_paid_item_activate(),
	'dictionary.paid_service_item.deactivate': () => m.admin_audit_did_paid_item_deactivate(),
	'dictionary.callback_rules.update': () => m.admin_audit_did_callback_rules_update(),
	'dictionary.renovation_limits.update': () => m.admin_audit_did_renovation_limits_update(),
	'dictionary.signoff_settings.update': () => m.deadlines_audit_signoff_settings_update(),
	'appointments.slots.create': () => m.admin_audit_did_slots_create(),
	'appointments.slot.delete': () => m.admin_audit_did_slot_delete(),
	'calendar.holiday.add': () => m.admin_audit_did_holiday_add(),
	'calendar.holiday.remove': () => m.admin_audit_did_holiday_remove(),
	'fees.item.create': () => m.admin_audit_did_fee_item_create(),
	'fees.item.update': () => m.admin_audit_did_fee_item_update(),
	'fees.item.retire': () => m.admin_audit_did_fee_item_retire(),
	'fees.item.restore': () => m.admin_audit_did_fee_item_restore(),
	'fees.price.add': () => m.admin_audit_did_fee_price_add(),
	'fees.price.withdraw': () => m.admin_audit_did_fee_price_withdraw(),
	'fees.settings': () => m.admin_audit_did_fee_settings(),
	'fees.readings.import': () => m.admin_audit_did_readings_import(),
	'fees.meter.change': () => m.meters_audit_change(),
	'fees.billing.run': () => m.admin_audit_did_billing_run(),
	'refund.request': () => m.admin_audit_did_refund_request(),
	'refund.approve': () => m.admin_audit_did_refund_approve(),
	'refund.reject': () => m.admin_audit_did_refund_reject(),
	'refund.pay': () => m.admin_audit_did_refund_pay(),
	'correction.request': () => m.corrections_audit_request(),
	'correction.approve': () => m.corrections_audit_approve(),
	'correction.reject': () => m.corrections_audit_reject(),
	'bill.void': () => m.corrections_audit_void(),
	'bill.credit_note': () => m.corrections_audit_credit_note(),
	'bill.adjust_line': () => m.corrections_audit_adjust_line(),
	'bill.write_off': () => m.corrections_audit_write_off(),
	'bill.reissue': () => m.corrections_audit_reissue(),
	'widget.settings_saved': () => m.widget_admin_audit_settings_saved(),
	'widget.key_rotated': () => m.widget_admin_audit_key_rotated(),
	'segments.create': () => m.segment_audit_create(),
	'segments.update': () => m.segment_audit_update(),
	'segments.archive': () => m.segment_audit_archive(),
	'segments.restore': () => m.segment_audit_restore(),
	'moves.waive': () => m.moves_audit_waive(),
	'visits.target.add': () => m.visit_audit_target_add(),
	'visits.target.remove': () => m.visit_audit_target_remove(),
	'dictionary.customer_type.create': () => m.customer_audit_type_create(),
	'dictionary.customer_type.update': () => m.customer_audit_type_update(),
	'dictionary.customer_type.activate': () => m.customer_audit_type_activate(),
	'dictionary.customer_type.deactivate': () => m.customer_audit_type_deactivate(),
	'customers.rules.update': () => m.customer_audit_rules_update(),
	'customers.profile_updated': () => m.accuracy_audit_profile_updated()
};

/** What kind of record a row is about: named when the record itself has no reference to show. */
const subjects: Record<AuditSubjectType, () => string> = {
	repair: () => m.audit_trail_about_repair(),
	complaint: () => m.audit_trail_about_complaint(),
	renovation: () => m.audit_trail_about_renovation(),
	unit: () => m.admin_audit_about_unit(),
	bill: () => m.audit_trail_about_bill(),
	payment: () => m.audit_trail_about_payment(),
	refund: () => m.audit_trail_about_refund(),
	move: () => m.moves_audit_about_move(),
	goods_release: () => m.releases_audit_about(),
	visit: () => m.visit_audit_about(),
	visit_plan: () => m.visit_audit_about_plan(),
	segment: () => m.segment_audit_about(),
	notice: () => m.notices_audit_about(),
	survey: () => m.audit_trail_about_survey(),
	survey_action: () => m.audit_trail_about_survey_action(),
	survey_template: () => m.audit_trail_about_survey_template(),
	bill_correction: () => m.corrections_audit_about_correction(),
	archive_access: () => m.archive_audit_about_access(),
	building: () => m.admin_audit_about_building(),
	company: () => m.admin_audit_about_company(),
	estate: () => m.admin_audit_about_estate(),
	outbox: () => m.admin_audit_about_outbox(),
	receipt: () => m.audit_trail_about_receipt(),
	repair_team: () => m.repairs_staff_audit_about_team(),
	repair_kind: () => m.audit_trail_about_repair_kind(),
	free_service_item: () => m.audit_trail_about_free_service_item(),
	complaint_kind: () => m.audit_trail_about_complaint_kind(),
	paid_service_item: () => m.audit_trail_about_paid_service_item(),
	service_application: () => m.services_audit_about_application(),
	service_application_kind: () => m.services_audit_about_kind(),
	callback_rules: () => m.audit_trail_about_callback_rules(),
	repair_signoff_settings: () => m.audit_trail_about_signoff_settings(),
	renovation_step_limits: () => m.audit_trail_about_renovation_step_limits(),
	fee_item: () => m.audit_trail_about_fee_item(),
	fee_settings: () => m.audit_trail_about_fee_settings(),
	billing_period: () => m.audit_trail_about_billing_period(),
	meter_readings: () => m.audit_trail_about_meter_readings(),
	registry_import: () => m.admin_audit_about_registry_import(),
	appointment_slot: () => m.audit_trail_about_appointment_slot(),
	holiday: () => m.audit_trail_about_holiday(),
	user: () => m.admin_audit_about_user(),
	customer: () => m.customer_audit_about(),
	customer_type: () => m.customer_audit_about_type(),
	rating_rules: () => m.customer_audit_about_rules()
};

/**
 * Every event kind of every subject (events/kinds.ts), named: the domains' own timeline labels
 * where they have them, else the audit log's. Keyed by the types, so a new kind or subject does
 * not compile until it is named here.
 */
export const eventKindLabels: { [S in SubjectType]: Record<EventKinds[S], () => string> } = {
	repair: repairEventNames,
	complaint: complaintEventLabel,
	renovation: renovationEventLabel,
	refund: refundEvents,
	move: moveEventNames,
	goods_release: {
		requested: m.releases_event_requested,
		issued: m.releases_event_issued,
		refused: m.releases_event_refused,
		cancelled: m.releases_event_cancelled,
		released: m.releases_event_released
	},
	archive_access: accessEventLabels,
	visit: visitEventNames,
	notice: noticeEventNames,
	customer: customerEventNames,
	bill_correction: {
		request: m.corrections_event_request,
		approve: m.corrections_event_approve,
		reject: m.corrections_event_reject,
		apply: m.corrections_event_apply,
		reissue: m.corrections_event_reissue
	},
	unit: {
		'occupancy.added': m.audit_trail_unit_occupancy_added,
		'occupancy.ended': m.audit_trail_unit_occupancy_ended,
		'household.added': m.audit_trail_unit_household_added,
		'household.removed': m.audit_trail_unit_household_removed,
		'emergency_contact.added': m.audit_trail_unit_contact_added,
		'emergency_contact.removed': m.audit_trail_unit_contact_removed
	},
	bill: {
		issue: m.audit_trail_bill_issue,
		pay: m.audit_trail_bill_pay,
		void: m.audit_trail_bill_void,
		write_off: m.audit_trail_bill_write_off,
		credit: m.audit_trail_bill_credit,
		settle: m.audit_trail_bill_settle
	},
	payment: {
		start: m.audit_trail_payment_start,
		succeed: m.audit_trail_payment_succeed,
		fail: m.audit_trail_payment_fail,
		expire: m.audit_trail_payment_expire
	},
	survey: {
		created: m.audit_trail_survey_created,
		edit: m.audit_trail_survey_edit,
		send: m.audit_trail_survey_send,
		sent: m.audit_trail_survey_sent,
		remind: m.audit_trail_survey_remind,
		print_letters: m.audit_trail_survey_print_letters,
		close: m.audit_trail_survey_close,
		approve_report: m.audit_trail_survey_approve_report,
		discard: m.audit_trail_survey_discard
	},
	survey_action: {
		created: m.audit_trail_action_created,
		start: m.audit_trail_action_start,
		complete: m.audit_trail_action_complete,
		reopen: m.audit_trail_action_reopen,
		reassign: m.audit_trail_action_reassign,
		remind: m.audit_trail_action_remind
	},
	service_application: serviceEventNames,
	survey_template: {
		created: m.audit_trail_template_created,
		edit: m.audit_trail_template_edit,
		activate: m.audit_trail_template_activate,
		deactivate: m.audit_trail_template_deactivate
	}
};

/** The audit log's kinds of change, as its filter names them. */
export const auditGroupLabels: Record<AuditGroup, () => string> = {
	repairs: m.audit_trail_group_repairs,
	complaints: m.audit_trail_group_complaints,
	callbacks: m.audit_trail_group_callbacks,
	fees: m.audit_trail_group_fees,
	refunds: m.audit_trail_group_refunds,
	registry: m.audit_trail_group_registry,
	renovations: m.audit_trail_group_renovations,
	surveys: m.audit_trail_group_surveys,
	releases: m.releases_audit_group,
	services: m.services_audit_group,
	visits: m.visit_audit_group,
	customers: m.customer_audit_group,
	notices: m.notices_title,
	admin: m.audit_trail_group_admin
};

/** The action in words, or null when only the code is known. */
function auditActionLabel(action: string): string | null {
	return Object.hasOwn(auditActionNames, action) ? auditActionNames[action as AuditAction]() : null;
}

/** The kind of record, in words ("Repair", "Fee settings"). */
export function auditSubjectLabel(subjectType: string): string {
	return Object.hasOwn(subjects, subjectType) ? subjects[subjectType as AuditSubjectType]() : m.audit_trail_other();
}

/** An event's kind in words, or null for a kind no table names (a newer version's). */
export function eventKindLabel(subjectType: string, kind: string): string | null {
	const table = Object.hasOwn(eventKindLabels, subjectType)
		? (eventKindLabels[subjectType as SubjectType] as Record<string, () => string>)
		: null;
	return table && Object.hasOwn(table, kind) ? table[kind]!() : null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const amount = (data: Record<string, unknown>, key: string) =>
	typeof data[key] === 'number' && text(data.currency) ? money(data[key], text(data.currency)) : '';

/** Sentences that say more than the kind's name: who it went to, how much was taken. */
function eventSentence(entry: Pick<AuditEntry, 'subjectType' | 'code' | 'data'>): string | null {
	const { data } = entry;
	switch (`${entry.subjectType}.${entry.code}`) {
		case 'payment.succeed': {
			const sum = amount(data, 'amountMinor');
			if (!sum) return null;
			return data.provider === 'counter' ? m.audit_trail_counter_payment({ amount: sum }) : m.audit_trail_payment_received({ amount: sum });
		}
		case 'repair.handed_over':
		case 'complaint.handed_over':
			return text(data.toName) ? m.audit_trail_handed_over({ name: text(data.toName) }) : null;
		case 'repair.assign':
		case 'repair.reassign':
			return text(data.technicianName) ? m.audit_trail_assigned_to({ name: text(data.technicianName) }) : null;
		case 'complaint.assigned':
			return text(data.department) ? m.audit_trail_passed_to({ department: departmentName(text(data.department)) }) : null;
		default:
			return null;
	}
}

/** Facts of the row worth a second line, in words (never ids): the reason given, the receipt, what the record says. */
function entryFacts(entry: AuditEntry): string[] {
	const { data } = entry;
	const facts: string[] = [];
	if (entry.source === 'event') {
		if (entry.subjectType === 'repair' && !['handed_over', 'assign', 'reassign'].includes(entry.code)) {
			facts.push(eventDetail({ kind: entry.code as RepairEventKind, data }, entry.timeZone));
		}
		if (entry.subjectType === 'payment' && text(data.receiptNo)) facts.push(m.audit_trail_receipt_no({ number: text(data.receiptNo) }));
		facts.push(entry.note);
	} else {
		facts.push(text(data.note), text(data.name));
	}
	if (entry.subject?.extra)
		facts.push(entry.subjectType === 'payment' ? m.audit_trail_bills_paid({ bills: entry.subject.extra }) : entry.subject.extra);
	return facts.map((f) => f.trim()).filter(Boolean);
}

/** A row of the audit log in words: what was done, and its facts. Nothing here is a code or an id. */
export function auditEntryText(entry: AuditEntry): { what: string; facts: string[] } {
	const what =
		entry.source === 'event' ? (eventSentence(entry) ?? eventKindLabel(entry.subjectType, entry.code)) : auditActionLabel(entry.code);
	return { what: what ?? m.audit_trail_other(), facts: entryFacts(entry) };
}

/** The record a row is about, as people quote it: its reference, else the kind of record it is. */
export function auditRecordText(entry: Pick<AuditEntry, 'subject' | 'subjectType'>): string {
	const kind = auditSubjectLabel(entry.subjectType);
	return entry.subject?.reference ? `${kind} ${entry.subject.reference}` : kind;
}

/** The estates of a row as people name them ("HVG Harbour View Garden"). */
export function auditEstatesText(entry: Pick<AuditEntry, 'estates'>): string {
	return entry.estates.map((e) => `${e.code} ${e.name}`).join(', ');
}

/** The list as one table for the export (reports/export.ts): the page's words, the time in the row's estate zone. */
export function auditTable(entries: readonly AuditEntry[], { truncated }: { truncated: boolean }): ReportTable {
	const rows: Cell[][] = entries.map((entry) => {
		const { what, facts } = auditEntryText(entry);
		return [
			numericDateTime(entry.at, entry.timeZone),
			entry.actorName ?? m.admin_audit_system(),
			what,
			facts.join(' · '),
			auditRecordText(entry),
			auditEstatesText(entry),
			auditGroupLabels[entry.group]()
		];
	});
	if (truncated) rows.push([m.audit_trail_truncated({ count: entries.length })]);
	return {
		title: m.admin_audit_title(),
		columns: [
			m.admin_audit_time(),
			m.admin_audit_actor(),
			m.audit_trail_what(),
			m.admin_audit_detail(),
			m.audit_trail_record(),
			m.audit_trail_estate(),
			m.audit_trail_group_column()
		],
		rows
	};
}

/** audit-log-HVG-2026-11-01-2026-11-30.xlsx: the estate's code (or all-estates) and the dates, ASCII only. */
export function auditFileName(scope: Pick<AuditScope, 'estates' | 'filters'>, extension: 'csv' | 'xlsx'): string {
	const { estate, from, to } = scope.filters;
	const code = estate ? (scope.estates.find((e) => e.id === estate)?.code ?? 'estate') : 'all-estates';
	const safe = code.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'estate';
	return `audit-log-${[safe, from, to].filter(Boolean).join('-')}.${extension}`;
}

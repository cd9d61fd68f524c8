import { m } from '#lib/paraglide/messages.js';
import type { AuditAction } from '#lib/server/events/audit-actions.ts';

// Audit rows store stable codes; the page names them in the reader's language. The table is keyed
// by every code recordAudit accepts (events/audit-actions.ts), so a new code without a name does
// not compile. A row with a code no longer listed (from an older version) is shown as it is.
const actions: Record<AuditAction, () => string> = {
	'account.password_changed': () => m.admin_audit_did_password_changed(),
	'account.password_reset': () => m.admin_audit_did_password_reset(),
	'account.profile_updated': () => m.admin_audit_did_profile_updated(),
	'company.member_invited': () => m.admin_audit_did_company_member_invited(),
	'company.member_removed': () => m.admin_audit_did_company_member_removed(),
	'invitation.issued': () => m.admin_audit_did_invitation_issued(),
	'invitation.redeemed': () => m.admin_audit_did_invitation_redeemed(),
	'resident.account_created': () => m.admin_audit_did_resident_account_created(),
	'resident.linked_to_unit': () => m.admin_audit_did_resident_linked_to_unit(),
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
	'widget.key_rotated': () => m.widget_admin_audit_key_rotated()
};

const subjects: Record<string, () => string> = {
	bill_correction: () => m.corrections_audit_about_correction(),
	building: () => m.admin_audit_about_building(),
	company: () => m.admin_audit_about_company(),
	estate: () => m.admin_audit_about_estate(),
	outbox: () => m.admin_audit_about_outbox(),
	repair_team: () => m.repairs_staff_audit_about_team(),
	registry_import: () => m.admin_audit_about_registry_import(),
	unit: () => m.admin_audit_about_unit(),
	user: () => m.admin_audit_about_user()
};

/** The action in words, or null when only the code is known. */
export function auditActionLabel(action: string): string | null {
	return Object.hasOwn(actions, action) ? actions[action as AuditAction]() : null;
}

export function auditSubjectLabel(subjectType: string): string {
	return Object.hasOwn(subjects, subjectType) ? subjects[subjectType]!() : subjectType;
}

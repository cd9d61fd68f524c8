import { m } from '#lib/paraglide/messages.js';

// Audit rows store stable codes; the page names them in the reader's language. A code missing
// here (a newer feature's) is shown as it is rather than hidden.
const actions: Record<string, () => string> = {
	'account.password_changed': () => m.admin_audit_did_password_changed(),
	'account.password_reset': () => m.admin_audit_did_password_reset(),
	'account.profile_updated': () => m.admin_audit_did_profile_updated(),
	'company.member_invited': () => m.admin_audit_did_company_member_invited(),
	'company.member_removed': () => m.admin_audit_did_company_member_removed(),
	'invitation.issued': () => m.admin_audit_did_invitation_issued(),
	'invitation.redeemed': () => m.admin_audit_did_invitation_redeemed(),
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
};

const subjects: Record<string, () => string> = {
	building: () => m.admin_audit_about_building(),
	company: () => m.admin_audit_about_company(),
	estate: () => m.admin_audit_about_estate(),
	outbox: () => m.admin_audit_about_outbox(),
	repair_team: () => m.repairs_staff_audit_about_team(),
	registry_import: () => m.admin_audit_about_registry_import(),
	unit: () => m.admin_audit_about_unit(),
	user: () => m.admin_audit_about_user(),
};

/** The action in words, or null when only the code is known. */
export function auditActionLabel(action: string): string | null {
	return Object.hasOwn(actions, action) ? actions[action]!() : null;
}

export function auditSubjectLabel(subjectType: string): string {
	return Object.hasOwn(subjects, subjectType) ? subjects[subjectType]!() : subjectType;
}

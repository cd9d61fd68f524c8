/**
 * What audit rows may say: every action code, one line per domain (a domain edits its own line
 * when it audits something new). recordAudit refuses a code not listed here, and the audit page's
 * labels (components/audit-labels.ts) are a table keyed by AuditAction, so the compiler checks
 * that every code has a name in every language.
 */
export interface AuditActions {
	account: 'account.password_changed' | 'account.password_reset' | 'account.profile_updated';
	company: 'company.registered' | 'company.member_invited' | 'company.member_removed' | 'company.invitations_withdrawn';
	invitation: 'invitation.issued' | 'invitation.redeemed';
	resident: 'resident.account_created' | 'resident.linked_to_unit' | 'resident.contact_updated';
	registry:
		| 'registry.estate.create'
		| 'registry.building.create'
		| 'registry.unit.create'
		| 'registry.unit.update'
		| 'registry.occupancy.add'
		| 'registry.occupancy.end'
		| 'registry.household.add'
		| 'registry.household.remove'
		| 'registry.contact.add'
		| 'registry.contact.remove'
		| 'registry.import';
	staff: 'staff.created' | 'staff.access_changed' | 'staff.disabled' | 'staff.enabled';
	outbox: 'outbox.read';
	moves: 'moves.waive';
	visits: 'visits.target.add' | 'visits.target.remove';
	repairs:
		| 'repairs.team.create'
		| 'repairs.team.rename'
		| 'repairs.team.activate'
		| 'repairs.team.deactivate'
		| 'repairs.team.member.add'
		| 'repairs.team.member.remove';
	dictionary:
		| 'dictionary.repair_kind.create'
		| 'dictionary.repair_kind.update'
		| 'dictionary.repair_kind.activate'
		| 'dictionary.repair_kind.deactivate'
		| `dictionary.${'free_service_item' | 'paid_service_item' | 'complaint_kind' | 'service_application_kind' | 'customer_type'}.${'create' | 'update' | 'activate' | 'deactivate'}`
		| 'dictionary.callback_rules.update'
		| 'dictionary.renovation_limits.update'
		| 'dictionary.signoff_settings.update';
	appointments: 'appointments.slots.create' | 'appointments.slot.delete';
	calendar: 'calendar.holiday.add' | 'calendar.holiday.remove';
	fees:
		| 'fees.item.create'
		| 'fees.item.update'
		| 'fees.item.retire'
		| 'fees.item.restore'
		| 'fees.price.add'
		| 'fees.price.withdraw'
		| 'fees.settings'
		| 'fees.readings.import'
		| 'fees.meter.change'
		| 'fees.billing.run';
	refund: 'refund.request' | 'refund.approve' | 'refund.reject' | 'refund.pay';
	correction: 'correction.request' | 'correction.approve' | 'correction.reject';
	bill: 'bill.void' | 'bill.credit_note' | 'bill.adjust_line' | 'bill.write_off' | 'bill.reissue';
	widget: 'widget.settings_saved' | 'widget.key_rotated';
	customers: 'customers.rules.update' | 'customers.profile_updated';
	segments: 'segments.create' | 'segments.update' | 'segments.archive' | 'segments.restore';
}

export type AuditAction = AuditActions[keyof AuditActions];

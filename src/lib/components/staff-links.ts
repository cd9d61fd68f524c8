import { m } from '#lib/paraglide/messages.js';

/** Back-office sections, each shown only to staff whose roles grant its permission. */
const sections = [
	// Every staff member has an inbox: no permission needed.
	{ href: '/staff/inbox', permission: null, label: () => m.notify_nav_inbox() },
	{ href: '/staff/repairs', permission: 'repairs.read', label: () => m.repairs_nav() },
	{ href: '/staff/callbacks', permission: 'callbacks.do', label: () => m.repairs_nav_callbacks() },
	// Technicians have no callbacks of their own, but rectification notices addressed to them.
	{ href: '/staff/callbacks/rectifications', permission: 'repairs.work', label: () => m.callbacks_nav_rectifications() },
	{ href: '/staff/reports/repairs', permission: 'repairs.stats', label: () => m.repairs_nav_reports() },
	{ href: '/staff/fees', permission: 'fees.read', label: () => m.feesstaff_nav_fees() },
	{ href: '/staff/fees/refunds', permission: 'fees.read', label: () => m.finance_nav_refunds() },
	{ href: '/staff/reports/finance', permission: 'fees.read', label: () => m.finance_nav_report() },
	{ href: '/staff/registry', permission: 'registry.read', label: () => m.admin_nav_registry() },
	{ href: '/staff/appointments', permission: 'appointments.manage', label: () => m.appointments_nav() },
	{ href: '/staff/admin/staff', permission: 'staff.manage', label: () => m.admin_nav_staff() },
	{ href: '/staff/admin/outbox', permission: 'outbox.read', label: () => m.admin_nav_outbox() },
	{ href: '/staff/admin/audit', permission: 'audit.read', label: () => m.admin_nav_audit() },
	{ href: '/staff/admin/dictionaries', permission: 'dictionaries.manage', label: () => m.dict_nav() },
	{ href: '/staff/admin/fees', permission: 'fees.manage', label: () => m.feesstaff_nav_items() },
	{ href: '/staff/admin/teams', permission: 'repairs.teams', label: () => m.repairs_nav_teams() }
] as const;

export type StaffLink = (typeof sections)[number];

export function staffLinks(granted: readonly string[]): StaffLink[] {
	return sections.filter((s) => s.permission === null || granted.includes(s.permission));
}

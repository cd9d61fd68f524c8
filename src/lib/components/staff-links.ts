import { m } from '#lib/paraglide/messages.js';

/**
 * Back-office sections. Which of them a staff member sees is decided by the route table on the
 * server (auth/staff-routes.ts `openStaffPages`): the layout hands over the pages the actor may open.
 */
const sections = [
	{ href: '/staff/inbox', label: () => m.notify_nav_inbox() },
	{ href: '/staff/repairs', label: () => m.repairs_nav() },
	{ href: '/staff/complaints', label: () => m.complaints_ui_nav() },
	{ href: '/staff/callbacks', label: () => m.repairs_nav_callbacks() },
	{ href: '/staff/callbacks/rectifications', label: () => m.callbacks_nav_rectifications() },
	{ href: '/staff/reports/repairs', label: () => m.repairs_nav_reports() },
	{ href: '/staff/renovations', label: () => m.renovations_nav() },
	{ href: '/staff/surveys', label: () => m.surveys_nav() },
	{ href: '/staff/fees', label: () => m.feesstaff_nav_fees() },
	{ href: '/staff/fees/refunds', label: () => m.finance_nav_refunds() },
	{ href: '/staff/reports/finance', label: () => m.finance_nav_report() },
	{ href: '/staff/registry', label: () => m.admin_nav_registry() },
	{ href: '/staff/appointments', label: () => m.appointments_nav() },
	{ href: '/staff/admin/staff', label: () => m.admin_nav_staff() },
	{ href: '/staff/admin/outbox', label: () => m.admin_nav_outbox() },
	{ href: '/staff/admin/audit', label: () => m.admin_nav_audit() },
	{ href: '/staff/admin/dictionaries', label: () => m.dict_nav() },
	{ href: '/staff/admin/survey-templates', label: () => m.survey_builder_nav_templates() },
	{ href: '/staff/admin/fees', label: () => m.feesstaff_nav_items() },
	{ href: '/staff/admin/teams', label: () => m.repairs_nav_teams() }
] as const;

export type StaffLink = (typeof sections)[number];

export function staffLinks(openPages: readonly string[]): StaffLink[] {
	return sections.filter((s) => openPages.includes(s.href));
}

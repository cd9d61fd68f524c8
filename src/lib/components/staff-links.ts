import { m } from '#lib/paraglide/messages.js';

/**
 * Back-office navigation: the sections in groups (cases, fees, property, reports, admin). Which
 * links a staff member sees is decided by the route table on the server (auth/staff-routes.ts
 * `openStaffPages`): the layout hands over the pages the actor may open, and a group with none of
 * them is not shown. A new area is a link in a group, or a group of its own.
 */
const groups = [
	{
		id: 'cases',
		label: () => m.staffhome_nav_cases(),
		links: [
			{ href: '/staff/repairs', label: () => m.repairs_nav() },
			{ href: '/staff/complaints', label: () => m.complaints_ui_nav() },
			{ href: '/staff/callbacks', label: () => m.repairs_nav_callbacks() },
			{ href: '/staff/callbacks/rectifications', label: () => m.callbacks_nav_rectifications() },
			{ href: '/staff/renovations', label: () => m.renovations_nav() },
			{ href: '/staff/releases', label: () => m.releases_nav_desk() },
			// Security's own page: the day's slips and the number box (the QR code opens /staff/gate/<token>).
			{ href: '/staff/gate', label: () => m.releases_nav_gate() },
			{ href: '/staff/services', label: () => m.services_nav() },
			{ href: '/staff/visits', label: () => m.visit_nav() },
			{ href: '/staff/notices', label: () => m.notices_nav() },
			{ href: '/staff/appointments', label: () => m.appointments_nav() }
		]
	},
	{
		id: 'fees',
		label: () => m.staffhome_nav_fees(),
		links: [
			{ href: '/staff/fees', label: () => m.feesstaff_nav_fees() },
			{ href: '/staff/fees/refunds', label: () => m.finance_nav_refunds() },
			{ href: '/staff/fees/corrections', label: () => m.corrections_nav() },
			// The fee items and prices are finance's own settings, kept with the fees.
			{ href: '/staff/admin/fees', label: () => m.feesstaff_nav_items() }
		]
	},
	{
		id: 'property',
		label: () => m.staffhome_nav_property(),
		links: [
			{ href: '/staff/registry', label: () => m.admin_nav_registry() },
			{ href: '/staff/moves', label: () => m.moves_title() },
			{ href: '/staff/customers', label: () => m.customer_nav() },
			{ href: '/staff/customers/segments', label: () => m.segment_nav() },
			{ href: '/staff/archive/requests', label: () => m.archive_nav_requests() },
			{ href: '/staff/archive/reads', label: () => m.archive_nav_reads() }
		]
	},
	{
		id: 'reports',
		label: () => m.staffhome_nav_reports(),
		links: [
			{ href: '/staff/dashboard', label: () => m.dashboard_title() },
			{ href: '/staff/reports/repairs', label: () => m.repairs_nav_reports() },
			{ href: '/staff/reports/finance', label: () => m.finance_nav_report() },
			{ href: '/staff/surveys', label: () => m.surveys_nav() },
			{ href: '/staff/visits/stats', label: () => m.visit_nav_stats() },
			{ href: '/staff/customers/accuracy', label: () => m.accuracy_nav() }
		]
	},
	{
		id: 'admin',
		label: () => m.staffhome_nav_admin(),
		links: [
			{ href: '/staff/admin/staff', label: () => m.admin_nav_staff() },
			{ href: '/staff/admin/teams', label: () => m.repairs_nav_teams() },
			{ href: '/staff/admin/dictionaries', label: () => m.dict_nav() },
			{ href: '/staff/admin/rating-rules', label: () => m.customer_rules_nav() },
			{ href: '/staff/admin/survey-templates', label: () => m.survey_builder_nav_templates() },
			{ href: '/staff/admin/widget', label: () => m.widget_admin_nav() },
			{ href: '/staff/admin/outbox', label: () => m.admin_nav_outbox() },
			{ href: '/staff/admin/audit', label: () => m.admin_nav_audit() }
		]
	}
] as const;

/** Every staff member's own inbox: in the header, with its unread count, rather than in a group. */
export const inboxLink = { href: '/staff/inbox', label: () => m.notify_nav_inbox() } as const;

export interface StaffLink {
	href: string;
	label: () => string;
}

export interface StaffNavGroup {
	id: (typeof groups)[number]['id'];
	label: () => string;
	links: StaffLink[];
}

/** The groups the actor sees, each with the links it may open (route table); empty groups left out. */
export function staffNavGroups(openPages: readonly string[]): StaffNavGroup[] {
	return groups
		.map((group) => ({ id: group.id, label: group.label, links: group.links.filter((link) => openPages.includes(link.href)) }))
		.filter((group) => group.links.length > 0);
}

/** Every back-office link the actor is offered: the inbox and the groups' links. */
export function staffLinks(openPages: readonly string[]): StaffLink[] {
	return [inboxLink, ...staffNavGroups(openPages).flatMap((group) => group.links)].filter((link) => openPages.includes(link.href));
}

/** The link the page belongs to: the longest one that contains it (/staff/callbacks/rectifications is not also "Callbacks"). */
export function currentLink(links: readonly StaffLink[], pathname: string): string | undefined {
	return links
		.map((link) => link.href)
		.filter((href) => pathname === href || pathname.startsWith(`${href}/`))
		.sort((a, b) => b.length - a.length)[0];
}

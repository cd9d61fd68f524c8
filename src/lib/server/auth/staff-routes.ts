/**
 * What opening each back-office route needs, keyed by SvelteKit route id: the second line of
 * defence, checked in the hook (route-guard.ts) before any load, action or endpoint runs. The
 * first line stays in every service and action (`requireStaff`), which may ask for more than the
 * route does — an action that needs more than its page (paying at the counter on a unit's
 * account), a record in another estate (404). So an entry states the least that opening the area
 * needs: a permission, any one of several, or `anyStaff` (the dashboard, one's own inbox and
 * profile). A route under src/routes/staff without an entry is refused to everyone, and
 * staff-routes.test.ts fails until it has one.
 */
import type { Actor } from './actor.ts';
import { can } from './guards.ts';
import type { Permission } from './permissions.ts';

/** Every staff account, whatever its roles. */
export const anyStaff = 'any staff';

export type StaffRouteNeed = Permission | readonly Permission[] | typeof anyStaff;

export const staffRoutes = {
	'/staff': anyStaff,
	'/staff/inbox': anyStaff,
	'/staff/profile': anyStaff,
	// The front desk's search: each kind of result is offered only to whoever may open it (frontdesk/).
	'/staff/find': anyStaff,
	// What is past its deadline: each sees their own; the estate-wide figures ask for deadlines.oversee.
	'/staff/overdue': anyStaff,

	'/staff/moves': 'moves.read',
	'/staff/moves/[id]': 'moves.read',
	'/staff/moves/new': 'moves.manage',

	'/staff/admin/audit': 'audit.read',
	'/staff/admin/audit/export': 'audit.read',
	'/staff/admin/dictionaries': 'dictionaries.manage',
	'/staff/admin/rating-rules': 'customers.rules',
	'/staff/admin/fees': 'fees.manage',
	'/staff/admin/outbox': 'outbox.read',
	'/staff/admin/outbox/[id]': 'outbox.read',
	'/staff/admin/staff': 'staff.manage',
	'/staff/admin/survey-templates': 'surveys.templates',
	'/staff/admin/survey-templates/[id]': 'surveys.templates',
	'/staff/admin/survey-templates/[id]/preview': 'surveys.templates',
	'/staff/admin/staff/[id]': 'staff.manage',
	'/staff/admin/staff/new': 'staff.manage',
	'/staff/admin/teams': 'repairs.teams',
	'/staff/admin/widget': 'widget.configure',
	'/staff/admin/widget/[estateId]': 'widget.configure',

	'/staff/appointments': 'appointments.manage',

	// The manager's approval queue; other staff see their own requests there and ask from a unit's file page.
	'/staff/archive/requests': ['archive.grant', 'archive.request'],
	'/staff/archive/reads': 'archive.reads',
	'/staff/archive/reads/export': 'archive.reads',

	'/staff/callbacks': 'callbacks.do',
	'/staff/callbacks/[id]': 'callbacks.do',
	'/staff/callbacks/[id]/signature': 'callbacks.do',
	// Technicians read (and resolve) the notices addressed to them; leads and callback staff all.
	'/staff/callbacks/rectifications': ['callbacks.do', 'repairs.work', 'repairs.supervise'],

	// Departments work the complaints passed to them; the desk and managers see all of their estates'.
	'/staff/complaints': ['complaints.read', 'complaints.resolve'],
	'/staff/complaints/[id]': ['complaints.read', 'complaints.resolve'],
	'/staff/complaints/[id]/sheet': ['complaints.read', 'complaints.resolve'],
	'/staff/complaints/new': 'complaints.intake',
	// Service applications: each department sees those it approves (service-applications/access.ts).
	'/staff/services': 'services.read',
	'/staff/services/[id]': 'services.read',
	'/staff/complaints/export': 'complaints.read',

	'/staff/fees': 'fees.read',
	'/staff/fees/bills/[id]': 'fees.read',
	'/staff/fees/billing': 'fees.manage',
	'/staff/fees/corrections': 'fees.read',
	'/staff/fees/corrections/[id]': 'fees.read',
	'/staff/fees/corrections/new': 'fees.manage',
	'/staff/fees/readings': 'fees.manage',
	'/staff/fees/readings/template.csv': 'fees.manage',
	'/staff/fees/refunds': 'refunds.read',
	'/staff/fees/refunds/[id]': 'refunds.read',
	'/staff/fees/refunds/new': 'fees.manage',
	// Reading the account; paying (payments.counter) and issuing (fees.manage) are checked by the actions.
	'/staff/fees/units/[unitId]': 'fees.read',

	'/staff/notices': 'notices.manage',
	'/staff/notices/[id]': 'notices.manage',
	'/staff/notices/[id]/edit': 'notices.manage',
	'/staff/notices/new': 'notices.manage',
	'/staff/customers/segments': 'customers.segments',
	'/staff/customers/segments/new': 'customers.segments',
	'/staff/customers/segments/[id]': 'customers.segments',
	'/staff/customers/segments/[id]/export': 'customers.segments',

	'/staff/registry': 'registry.read',
	'/staff/registry/estates/[id]': 'registry.read',
	'/staff/registry/import': 'registry.import',
	'/staff/registry/import/template.csv': 'registry.import',
	'/staff/registry/units': 'registry.read',
	'/staff/registry/units/[id]': 'registry.read',
	// The unit's file (一戶一檔): customer service reads it; other staff see the page to ask for access (archive/access.ts).
	'/staff/registry/units/[id]/archive': ['archive.read', 'archive.request'],
	'/staff/registry/units/[id]/archive/[occupancyId]/index.pdf': ['archive.read', 'archive.request'],
	'/staff/registry/units/[id]/archive/entries/[entryId]': ['archive.read', 'archive.request'],
	'/staff/registry/units/new': 'registry.write',

	// Goods release slips (放行單): the desk issues them; the gate (security) opens one by number or QR link.
	'/staff/releases': 'releases.issue',
	'/staff/gate': 'releases.gate',
	'/staff/gate/[token]': 'releases.gate',

	'/staff/renovations': 'renovations.read',
	'/staff/renovations/[id]': 'renovations.read',
	'/staff/renovations/[id]/sheets/[sheet]': 'renovations.read',
	'/staff/renovations/export': 'renovations.read',

	'/staff/surveys': 'surveys.manage',
	'/staff/surveys/[id]': 'surveys.manage',
	'/staff/surveys/[id]/results': 'surveys.manage',
	'/staff/surveys/[id]/export': 'surveys.manage',
	'/staff/surveys/[id]/report': 'surveys.manage',
	'/staff/surveys/[id]/letters/[building]': 'surveys.manage',
	'/staff/surveys/[id]/questions': 'surveys.manage',
	'/staff/surveys/[id]/preview': 'surveys.manage',
	// Owners of corrective actions work in any department: the list shows them their own.
	'/staff/surveys/actions': anyStaff,

	// Visits to customers (拜訪客戶): the plan, booking and the figures are the office's; a follow-up's owner
	// (any department) opens the visit to answer it (visits/access.ts).
	// Customers as the office classifies them (rule 11): their grades, overrides and history.
	'/staff/customers': 'customers.read',
	'/staff/customers/[id]': 'customers.read',
	'/staff/visits': 'visits.manage',
	'/staff/visits/new': 'visits.manage',
	'/staff/visits/stats': 'visits.manage',
	'/staff/visits/follow-ups': anyStaff,
	'/staff/visits/[id]': anyStaff,

	// Customers (rule 11): key-account data accuracy; a customer's profile (type, licence, contacts confirmed).
	'/staff/customers/accuracy': 'customers.accuracy',
	'/staff/customers/[id]/profile': 'customers.profile',
	// A resident's own phone and email, as the office corrects them (accounts/resident-contact.ts).
	'/staff/registry/people/[id]': 'registry.write',

	'/staff/repairs': 'repairs.read',
	'/staff/repairs/[id]': 'repairs.read',
	'/staff/repairs/[id]/sheet': 'repairs.read',
	'/staff/repairs/new': 'repairs.intake',

	'/staff/reports/finance': 'fees.read',
	'/staff/reports/finance/export': 'fees.read',
	'/staff/reports/repairs': 'repairs.stats',
	'/staff/reports/repairs/export': 'repairs.stats',
	'/staff/dashboard': 'dashboard.read',
	'/staff/dashboard/export': 'dashboard.read'
} as const satisfies Record<`/staff${string}`, StaffRouteNeed>;

export type StaffRouteId = keyof typeof staffRoutes;

/** The back office: its routes' ids are the table's keys. */
export function isStaffRoute(routeId: string | null | undefined): routeId is string {
	return !!routeId && (routeId === '/staff' || routeId.startsWith('/staff/'));
}

/** What opening the route needs; undefined for a route the table does not know. */
export function staffRouteNeed(routeId: string): StaffRouteNeed | undefined {
	return Object.hasOwn(staffRoutes, routeId) ? staffRoutes[routeId as StaffRouteId] : undefined;
}

/** Whether the actor may open the back-office route at all (unknown routes: nobody). */
export function mayOpenStaffRoute(actor: Actor | null | undefined, routeId: string): boolean {
	if (!actor || actor.kind !== 'staff') return false;
	const need = staffRouteNeed(routeId);
	if (need === undefined) return false;
	return need === anyStaff || can(actor, need);
}

/**
 * The back-office pages without parameters that the actor may open: what navigation offers. Links
 * are filtered by this, so the menu and the hook read the same table.
 */
export function openStaffPages(actor: Actor): string[] {
	return Object.keys(staffRoutes).filter((id) => !id.includes('[') && mayOpenStaffRoute(actor, id));
}

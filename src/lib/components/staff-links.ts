import { m } from '#lib/paraglide/messages.js';

/** Back-office sections, each shown only to staff whose roles grant its permission. */
const sections = [
	{ href: '/staff/registry', permission: 'registry.read', label: () => m.admin_nav_registry() },
	{ href: '/staff/admin/staff', permission: 'staff.manage', label: () => m.admin_nav_staff() },
	{ href: '/staff/admin/outbox', permission: 'outbox.read', label: () => m.admin_nav_outbox() },
	{ href: '/staff/admin/audit', permission: 'audit.read', label: () => m.admin_nav_audit() }
] as const;

export type StaffLink = (typeof sections)[number];

export function staffLinks(granted: readonly string[]): StaffLink[] {
	return sections.filter((s) => granted.includes(s.permission));
}

/**
 * The one table of who may do what. Every service checks it on the server; layouts only
 * redirect. Resident-side roles are derived from data (occupancies, company membership).
 */
export const staffRoleNames = [
	'customer_service',
	'engineering',
	'security',
	'finance',
	'manager',
	'admin'
] as const;
export type StaffRole = (typeof staffRoleNames)[number];
export type Role = StaffRole | 'resident' | 'company_admin' | 'company_member' | 'contractor';

export const permissions = {
	// Finance works from unit accounts and bills (its own views), not from the occupant registry.
	'registry.read': ['customer_service', 'engineering', 'security', 'manager', 'admin'],
	'registry.write': ['customer_service', 'manager', 'admin'],
	'registry.import': ['manager', 'admin'],
	/** Adding estates and buildings (the shape of the registry), not units. */
	'registry.structure': ['manager', 'admin'],
	'invitations.issue': ['customer_service', 'manager', 'admin'],
	'residents.create': ['customer_service', 'manager', 'admin'],
	'staff.manage': ['admin'],
	'outbox.read': ['admin'],
	'audit.read': ['manager', 'admin'],
	'dictionaries.manage': ['manager', 'admin'],
	'company.invite': ['company_admin'],
	'appointments.manage': ['customer_service', 'engineering', 'manager', 'admin']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesGrant(roles: Iterable<Role>, permission: Permission): boolean {
	const allowed: readonly Role[] = permissions[permission];
	for (const role of roles) if (allowed.includes(role)) return true;
	return false;
}

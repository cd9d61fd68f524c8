import { describe, expect, it } from 'vitest';
import { permissions, rolesGrant, staffRoleNames } from './permissions.ts';

describe('the permission table', () => {
	it('keeps occupant records from finance but gives them to front-line roles', () => {
		expect(rolesGrant(['finance'], 'registry.read')).toBe(false);
		expect(rolesGrant(['customer_service'], 'registry.read')).toBe(true);
		expect(rolesGrant(['finance', 'engineering'], 'registry.read')).toBe(true);
	});

	it('grants staff management to admins only', () => {
		for (const role of staffRoleNames) expect(rolesGrant([role], 'staff.manage')).toBe(role === 'admin');
	});

	it('never grants a staff permission to residents or contractors', () => {
		// The company admin's own two: inviting its members, paying the company's bills.
		const residentSide = new Set(['company.invite', 'company.pay']);
		for (const permission of Object.keys(permissions) as (keyof typeof permissions)[]) {
			if (residentSide.has(permission)) continue;
			expect(rolesGrant(['resident', 'company_admin', 'company_member', 'contractor'], permission)).toBe(false);
		}
	});
});

import { m } from '#lib/paraglide/messages.js';

const names: Record<string, () => string> = {
	customer_service: () => m.admin_role_customer_service(),
	engineering: () => m.admin_role_engineering(),
	engineering_supervisor: () => m.admin_role_engineering_supervisor(),
	security: () => m.admin_role_security(),
	finance: () => m.admin_role_finance(),
	manager: () => m.admin_role_manager(),
	admin: () => m.admin_role_admin(),
	resident: () => m.admin_role_resident(),
	company_admin: () => m.admin_role_company_admin(),
	company_member: () => m.admin_role_company_member(),
	contractor: () => m.admin_role_contractor()
};

/** A role's name in the reader's language (the code itself if a new role has no name yet). */
export function roleName(role: string): string {
	return names[role]?.() ?? role;
}

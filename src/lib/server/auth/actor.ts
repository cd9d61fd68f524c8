import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, staffEstates, staffRoles, users } from '../db/schema/index.ts';
import type { Role } from './permissions.ts';

/** Who is asking: every service takes this first and scopes its queries by it. */
export interface Actor {
	userId: string;
	sessionId: string | null;
	name: string;
	email: string;
	kind: 'resident' | 'staff' | 'contractor';
	locale: string | null;
	roles: ReadonlySet<Role>;
	/** Estates a staff member may see; null means every estate (admins). */
	estateIds: readonly string[] | null;
	/** Resident companies this user belongs to, with the role held there. */
	companies: readonly { companyId: string; role: 'admin' | 'member' }[];
}

export async function loadActor(userId: string, sessionId: string | null): Promise<Actor | null> {
	const [user] = await db().select().from(users).where(eq(users.id, userId));
	if (!user || user.disabled) return null;
	const [roleRows, estateRows, companyRows] = await Promise.all([
		db().select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.userId, userId)),
		db().select({ estateId: staffEstates.estateId }).from(staffEstates).where(eq(staffEstates.userId, userId)),
		db()
			.select({ companyId: companyMembers.companyId, role: companyMembers.role })
			.from(companyMembers)
			.where(eq(companyMembers.userId, userId))
	]);
	const roles = new Set<Role>(user.kind === 'staff' ? roleRows.map((r) => r.role) : []);
	if (user.kind === 'contractor') roles.add('contractor');
	if (user.kind === 'resident') {
		roles.add('resident');
		if (companyRows.some((c) => c.role === 'admin')) roles.add('company_admin');
		if (companyRows.length > 0) roles.add('company_member');
	}
	return {
		userId: user.id,
		sessionId,
		name: user.name,
		email: user.email,
		kind: user.kind,
		locale: user.locale,
		roles,
		estateIds: roles.has('admin') ? null : estateRows.map((e) => e.estateId),
		companies: companyRows
	};
}

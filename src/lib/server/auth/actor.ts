import { eq, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, staffEstates, staffRoles, users } from '../db/schema/index.ts';
import type { RequestMemo } from '../kernel/request-memo.ts';
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
	/** Lookups kept for the rest of a read-only request (kernel/request-memo.ts); none elsewhere. */
	memo?: RequestMemo;
}

/** A JSON array of a subquery's rows, as text (both drivers hand text back as it is). */
const jsonRows = (query: SQL) => sql<string>`(select coalesce(json_agg(r), '[]')::text from (${query}) r)`;

/**
 * The actor of a user, or null for an unknown or disabled one. One statement with the roles,
 * estates and companies as subqueries: it runs on every signed-in request.
 */
export async function loadActor(userId: string, sessionId: string | null, memo?: RequestMemo): Promise<Actor | null> {
	const [user] = await db()
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			kind: users.kind,
			locale: users.locale,
			disabled: users.disabled,
			roles: jsonRows(sql`select ${staffRoles.role} as role from ${staffRoles} where ${staffRoles.userId} = ${users.id}`),
			estates: jsonRows(sql`select ${staffEstates.estateId} as "estateId" from ${staffEstates} where ${staffEstates.userId} = ${users.id}`),
			companies: jsonRows(
				sql`select ${companyMembers.companyId} as "companyId", ${companyMembers.role} as role from ${companyMembers}
					where ${companyMembers.userId} = ${users.id}`
			)
		})
		.from(users)
		.where(eq(users.id, userId));
	if (!user || user.disabled) return null;
	const roleRows = JSON.parse(user.roles) as { role: Role }[];
	const estateRows = JSON.parse(user.estates) as { estateId: string }[];
	const companyRows = JSON.parse(user.companies) as { companyId: string; role: 'admin' | 'member' }[];
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
		companies: companyRows,
		...(memo ? { memo } : {})
	};
}

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
 * What makes an actor, as columns of a select from users: the user's own fields with the roles,
 * estates and companies as subqueries, so that one statement reads them all. It runs on every
 * signed-in request, joined to the session's row (sessions.ts).
 */
export const actorColumns = {
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
};

interface ActorRow {
	id: string;
	name: string;
	email: string;
	kind: Actor['kind'];
	locale: string | null;
	disabled: boolean;
	roles: string;
	estates: string;
	companies: string;
}

/** The actor a row of actorColumns describes; null for a disabled user. */
export function actorFromRow(user: ActorRow, sessionId: string | null, memo?: RequestMemo): Actor | null {
	if (user.disabled) return null;
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

/** The actor of a user, or null for an unknown or disabled one (jobs, scripts and tests; requests read it with their session). */
export async function loadActor(userId: string, sessionId: string | null, memo?: RequestMemo): Promise<Actor | null> {
	const [user] = await db().select(actorColumns).from(users).where(eq(users.id, userId));
	return user ? actorFromRow(user, sessionId, memo) : null;
}

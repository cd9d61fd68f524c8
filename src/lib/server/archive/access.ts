/**
 * Who may open a unit's file (一戶一檔, rule 10). Customer service, managers and admins read the
 * files of their estates (archive.read); other staff (archive.request) read one only by an approved
 * request that has not run out (a grant, access-requests.ts); anyone else is refused. A unit
 * outside the actor's estates is a 404, like a missing one.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { archiveAccessRequests } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, requireStaff } from '../auth/guards.ts';
import { visibleUnit } from '../property/units.ts';

export type ArchiveAccess =
	/** Reads by role: customer service, a manager, an admin. */
	| { by: 'role' }
	/** Reads by an approved request until it expires. */
	| { by: 'grant'; grantId: string; expiresAt: Date }
	/** Must ask first; `pending` is the request already waiting, if any. */
	| { by: 'none'; pending: { id: string; createdAt: Date } | null };

/** The unit (404 outside the actor's estates) and how the actor may read its file; 403 for staff who may neither read nor ask. */
export async function archiveAccess(executor: Executor, actor: Actor, unitId: string, now: Date = new Date()) {
	requireStaff(actor, ['archive.read', 'archive.request']);
	const unit = await visibleUnit(actor, unitId, executor);
	if (can(actor, 'archive.read')) return { unit, access: { by: 'role' } as ArchiveAccess };
	const rows = await executor
		.select({
			id: archiveAccessRequests.id,
			state: archiveAccessRequests.state,
			expiresAt: archiveAccessRequests.expiresAt,
			createdAt: archiveAccessRequests.createdAt
		})
		.from(archiveAccessRequests)
		.where(
			and(
				eq(archiveAccessRequests.unitId, unit.id),
				eq(archiveAccessRequests.requesterId, actor.userId),
				inArray(archiveAccessRequests.state, ['requested', 'approved'])
			)
		)
		.orderBy(desc(archiveAccessRequests.createdAt));
	const grant = rows.find((r) => r.state === 'approved' && r.expiresAt && r.expiresAt > now);
	if (grant) return { unit, access: { by: 'grant', grantId: grant.id, expiresAt: grant.expiresAt! } as ArchiveAccess };
	const pending = rows.find((r) => r.state === 'requested');
	return { unit, access: { by: 'none', pending: pending ? { id: pending.id, createdAt: pending.createdAt } : null } as ArchiveAccess };
}

/** The same, refusing (403) an actor who may not read the file now. */
export async function requireArchiveAccess(executor: Executor, actor: Actor, unitId: string, now: Date = new Date()) {
	const found = await archiveAccess(executor, actor, unitId, now);
	if (found.access.by === 'none') error(403, 'Forbidden');
	return found as typeof found & { access: Exclude<ArchiveAccess, { by: 'none' }> };
}

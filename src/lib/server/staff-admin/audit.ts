import { desc, eq, lt } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
	id: number;
	actorName: string | null;
	actorEmail: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	detail: Record<string, unknown>;
	ip: string;
	at: Date;
}

/**
 * Newest first; `before` is the id of the last entry shown (ids only grow). Audit rows belong to
 * no estate, so their times read in the default zone (`timeZone`).
 */
export async function listAudit(
	actor: Actor,
	before?: string | null
): Promise<{ entries: AuditEntry[]; next: string | null; timeZone: string }> {
	requireStaff(actor, 'audit.read');
	const cursor = before && /^[1-9][0-9]{0,15}$/.test(before) ? Number(before) : null;
	const rows = await db()
		.select({
			id: auditLog.id,
			actorName: users.name,
			actorEmail: users.email,
			action: auditLog.action,
			subjectType: auditLog.subjectType,
			subjectId: auditLog.subjectId,
			detail: auditLog.detail,
			ip: auditLog.ip,
			at: auditLog.at
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(cursor ? lt(auditLog.id, cursor) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE + 1);
	const entries = rows.slice(0, AUDIT_PAGE_SIZE);
	return { entries, next: rows.length > AUDIT_PAGE_SIZE ? String(entries.at(-1)!.id) : null, timeZone: DEFAULT_TIME_ZONE };
}

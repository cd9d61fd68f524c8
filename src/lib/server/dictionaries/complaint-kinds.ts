import { asc, eq } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { complaintKinds } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';

export type ComplaintKind = typeof complaintKinds.$inferSelect;

/** Complaint kinds in the admin's order; complainants and staff pick from the active ones only. */
export function listComplaintKinds(executor: Executor = db(), options: { activeOnly?: boolean } = {}): Promise<ComplaintKind[]> {
	return executor
		.select()
		.from(complaintKinds)
		.where(options.activeOnly ? eq(complaintKinds.active, true) : undefined)
		.orderBy(asc(complaintKinds.sort), asc(complaintKinds.code));
}

/** An active kind by id, or null (an unknown, retired or malformed id). */
export async function activeComplaintKind(executor: Executor, id: string): Promise<ComplaintKind | null> {
	if (!isUuid(id)) return null;
	const [kind] = await executor.select().from(complaintKinds).where(eq(complaintKinds.id, id));
	return kind?.active ? kind : null;
}

/** The admin's list, retired kinds included. */
export function complaintKindsForAdmin(actor: Actor): Promise<ComplaintKind[]> {
	requireStaff(actor, 'dictionaries.manage');
	return listComplaintKinds(db());
}

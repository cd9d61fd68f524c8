/**
 * A notice as the office reaches it: staff with notices.manage in the notice's estate; staff of
 * other estates get 404 and staff without the permission 403, as everywhere.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import type { Executor } from '../db/client.ts';
import { notices } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { noticeCapacities, type NoticeCapacity } from './machine.ts';
import type { Notice } from './publish.ts';

/** The notice with the actor's capacities, or 404 (locked inside a transaction that will change it). */
export async function loadOfficeNotice(
	executor: Executor,
	actor: Actor | null,
	noticeId: string,
	{ forUpdate = false } = {}
): Promise<{ notice: Notice; capacities: Set<NoticeCapacity> }> {
	requireStaff(actor, 'notices.manage');
	if (!isUuid(noticeId)) error(404, 'Not found');
	const query = executor.select().from(notices).where(eq(notices.id, noticeId));
	const [notice] = forUpdate ? await query.for('update') : await query;
	if (!notice || !canSeeEstate(actor, notice.estateId)) error(404, 'Not found');
	return { notice, capacities: noticeCapacities(actor, notice.estateId) };
}

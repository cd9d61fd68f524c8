/**
 * A resident's notices: those delivered to an occupancy the actor holds today (in person or
 * through its company; property/occupancy.ts), published and not expired — pinned first, then
 * newest. A notice delivered to a unit's earlier occupant is not the later occupant's: deliveries
 * are per occupancy, made when the notice was published. Anything else is 404.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { noticeDeliveries, noticeReads, notices } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';

const current = (now: Date) => and(eq(notices.state, 'published'), or(isNull(notices.expiresAt), gt(notices.expiresAt, now)));

/** The occupancies the actor holds today, and the zone of each estate (a notice's times are shown in its estate's). */
async function held(executor: Executor, actor: Actor) {
	const occupancies = await actorOccupancies(executor, actor);
	return { ids: occupancies.map((o) => o.id), zone: new Map(occupancies.map((o) => [o.estateId, o.timeZone])) };
}

/** The actor's current notices, pinned first, then newest; `limit` for the home. One statement after the occupancies. */
export async function myNotices(actor: Actor | null, { limit = 100 } = {}, executor: Executor = db(), now = new Date()) {
	requireSignedIn(actor);
	const { ids, zone } = await held(executor, actor);
	if (ids.length === 0) return [];
	const rows = await executor
		.selectDistinctOn([notices.pinned, notices.publishedAt, notices.id], {
			id: notices.id,
			title: notices.title,
			pinned: notices.pinned,
			urgent: notices.urgent,
			publishedAt: notices.publishedAt,
			estateId: notices.estateId,
			read: noticeReads.id
		})
		.from(noticeDeliveries)
		.innerJoin(notices, eq(notices.id, noticeDeliveries.noticeId))
		.leftJoin(noticeReads, and(eq(noticeReads.deliveryId, noticeDeliveries.id), eq(noticeReads.userId, actor.userId)))
		.where(and(inArray(noticeDeliveries.occupancyId, ids), current(now)))
		.orderBy(desc(notices.pinned), desc(notices.publishedAt), notices.id)
		.limit(limit);
	return rows.map(({ read, estateId, ...row }) => ({
		...row,
		timeZone: zone.get(estateId)!,
		publishedAt: row.publishedAt!,
		read: read !== null
	}));
}

/** One of the actor's current notices, or 404, with whether the actor has read it. */
export async function myNotice(actor: Actor | null, noticeId: string, executor: Executor = db(), now = new Date()) {
	requireSignedIn(actor);
	if (!isUuid(noticeId)) error(404, 'Not found');
	const { ids, zone } = await held(executor, actor);
	if (ids.length === 0) error(404, 'Not found');
	const rows = await executor
		.select({
			id: notices.id,
			seq: notices.seq,
			title: notices.title,
			body: notices.body,
			attachments: notices.attachments,
			urgent: notices.urgent,
			pinned: notices.pinned,
			publishedAt: notices.publishedAt,
			expiresAt: notices.expiresAt,
			estateId: notices.estateId,
			read: noticeReads.id
		})
		.from(noticeDeliveries)
		.innerJoin(notices, eq(notices.id, noticeDeliveries.noticeId))
		.leftJoin(noticeReads, and(eq(noticeReads.deliveryId, noticeDeliveries.id), eq(noticeReads.userId, actor.userId)))
		.where(and(eq(notices.id, noticeId), inArray(noticeDeliveries.occupancyId, ids), current(now)));
	const [row] = rows;
	if (!row) error(404, 'Not found');
	const { read: _read, estateId, ...notice } = row;
	return { ...notice, timeZone: zone.get(estateId)!, publishedAt: notice.publishedAt!, read: rows.some((r) => r.read !== null) };
}

/**
 * Records that the actor opened the notice: once per delivery and person (notice_reads is
 * append-only; a second opening changes nothing). A POST, as every write: pages' loads never write.
 */
export async function recordNoticeRead(actor: Actor | null, noticeId: string, now = new Date()): Promise<void> {
	requireSignedIn(actor);
	if (!isUuid(noticeId)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const held = (await actorOccupancies(tx, actor, now)).map((o) => o.id);
		const deliveries = held.length
			? await tx
					.select({ id: noticeDeliveries.id })
					.from(noticeDeliveries)
					.innerJoin(notices, eq(notices.id, noticeDeliveries.noticeId))
					.where(and(eq(notices.id, noticeId), inArray(noticeDeliveries.occupancyId, held), current(now)))
			: [];
		if (deliveries.length === 0) error(404, 'Not found');
		await tx
			.insert(noticeReads)
			.values(deliveries.map((d) => ({ deliveryId: d.id, userId: actor.userId, at: now })))
			.onConflictDoNothing();
	});
}

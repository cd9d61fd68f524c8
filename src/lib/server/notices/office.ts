/**
 * The office's side of notices: writing one (a draft, published now or scheduled), publishing a
 * draft, reminding those who have not read it, withdrawing it (editing: edit.ts; its time:
 * timing.ts). Each step is one transaction that locks the notice, asks the machine, writes the
 * state and appends the event. Staff of other estates, and staff without notices.manage, get 404
 * and 403 as everywhere (access.ts).
 */
import { and, eq, notExists } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { noticeSchema } from '#lib/schemas/notices.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { noticeAudience, noticeDeliveries, noticeReads, notices, occupancies } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { loadOfficeNotice } from './access.ts';
import { acceptAttachments, audienceLines, expiryOf, noticeTextsOf, storeAttachments } from './content.ts';
import { noticeActionEvent } from './event-kinds.ts';
import { noticeCapacities, noticeMachine } from './machine.ts';
import { publishLocked, sendNotice } from './publish.ts';
import { publishTimeOf, replacePublishJob, scheduleLocked } from './timing.ts';

/**
 * Writes a notice with its files and, as asked, publishes it at once, schedules it for its time,
 * or keeps it as a draft. Returns its id.
 */
export async function createNotice(actor: Actor | null, input: unknown, now = new Date(), posted: readonly File[] = []): Promise<string> {
	requireStaff(actor, 'notices.manage');
	const values = parseInput(noticeSchema, input);
	const files = await acceptAttachments(posted);
	if (!canSeeEstate(actor, values.estateId)) throw new InputError('estateId', m.notices_estate_required());
	return db().transaction(async (tx) => {
		const zone = await estateZone(tx, values.estateId).catch(() => null);
		if (!zone) throw new InputError('estateId', m.notices_estate_required());
		const lines = await audienceLines(tx, values.estateId, values);
		const publishAt = values.when === 'later' ? publishTimeOf(values.publishAt, zone.timeZone, now) : null;
		const expiresAt = expiryOf(values.expiresAt, zone.timeZone, publishAt ?? now);
		let [notice] = await tx
			.insert(notices)
			.values({
				estateId: values.estateId,
				...noticeTextsOf(values),
				party: values.party,
				pinned: values.pinned,
				urgent: values.urgent,
				public: values.public,
				publishAt,
				expiresAt,
				createdBy: actor.userId,
				createdAt: now
			})
			.returning();
		await tx.insert(noticeAudience).values(lines.map((l) => ({ noticeId: notice!.id, ...l })));
		if (files.length) {
			const attachments = await storeAttachments(tx, actor, notice!.id, files);
			[notice] = await tx.update(notices).set({ attachments }).where(eq(notices.id, notice!.id)).returning();
		}
		await recordEvent(tx, { actor, subjectType: 'notice', subjectId: notice!.id, kind: 'created', to: 'draft' });
		const capacities = noticeCapacities(actor, notice!.estateId);
		if (values.when === 'now') await publishLocked(tx, notice!, capacities, actor, now);
		if (values.when === 'later') await scheduleLocked(tx, notice!, capacities, actor, publishAt!);
		return notice!.id;
	});
}

/** Publishes a draft or a scheduled notice now. */
export async function publishNotice(actor: Actor | null, noticeId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		await publishLocked(tx, notice, capacities, actor, now);
		// A scheduled notice published early: its job has nothing left to do.
		await replacePublishJob(tx, notice.id, null);
	});
}

/** Withdraws a notice: residents no longer see it; who received and read it stays on record. */
export async function withdrawNotice(actor: Actor | null, noticeId: string): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		const to = noticeMachine.take(notice.state, 'withdraw', capacities);
		await tx.update(notices).set({ state: to }).where(eq(notices.id, notice.id));
		await replacePublishJob(tx, notice.id, null);
		await recordEvent(tx, { actor, subjectType: 'notice', subjectId: notice.id, kind: noticeActionEvent.withdraw, from: notice.state, to });
	});
}

/**
 * Reminds the people of every delivery nobody has read yet (urgent: by email and SMS again), and
 * records the reminder with how many it went to. Returns that number.
 */
export async function remindUnread(actor: Actor | null, noticeId: string, now = new Date()): Promise<number> {
	requireStaff(actor, 'notices.manage');
	return db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		noticeMachine.take(notice.state, 'remind', capacities);
		if (notice.expiresAt && notice.expiresAt <= now) throw new InputError('', m.notices_remind_expired());
		const unread = await tx
			.select({
				occupancyId: noticeDeliveries.occupancyId,
				unitId: noticeDeliveries.unitId,
				buildingId: noticeDeliveries.buildingId,
				userId: occupancies.userId,
				companyId: occupancies.companyId
			})
			.from(noticeDeliveries)
			.innerJoin(occupancies, eq(occupancies.id, noticeDeliveries.occupancyId))
			.where(
				and(
					eq(noticeDeliveries.noticeId, notice.id),
					notExists(tx.select({ id: noticeReads.id }).from(noticeReads).where(eq(noticeReads.deliveryId, noticeDeliveries.id)))
				)
			);
		if (unread.length === 0) throw new InputError('', m.notices_remind_none());
		await sendNotice(tx, notice, unread, true, actor);
		await recordEvent(tx, {
			actor,
			subjectType: 'notice',
			subjectId: notice.id,
			kind: noticeActionEvent.remind,
			from: notice.state,
			to: notice.state,
			data: { deliveries: unread.length }
		});
		return unread.length;
	});
}

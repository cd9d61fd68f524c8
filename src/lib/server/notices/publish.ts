/**
 * Publishing a notice: in one transaction the state and its event, one delivery per occupancy the
 * audience reaches that day, the inbox notice to their people (urgent: email and SMS too, through
 * notify's outbox), and the notice filed in each unit's file with whom it reached and how
 * (archive/correspondence.ts). The office publishes at once; the notices.publish job publishes a
 * scheduled notice at its time.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Locale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { noticeText } from '#lib/notices/text.ts';
import { noticeReference } from '#lib/references.ts';
import type { Actor } from '../auth/actor.ts';
import { fileCorrespondence } from '../archive/correspondence.ts';
import type { Executor } from '../db/client.ts';
import { companyMembers, noticeAudience, noticeDeliveries, notices } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import type { JobContext } from '../jobs/queue.ts';
import { notifyTold, type NotifyChannel } from '../notify/notify.ts';
import { audienceOccupancies, type AudienceOccupancy } from './audience.ts';
import { noticeActionEvent } from './event-kinds.ts';
import { noticeMachine, type NoticeCapacity } from './machine.ts';

export type Notice = typeof notices.$inferSelect;

/** The job that publishes a scheduled notice at its time. */
export const PUBLISH_JOB = 'notices.publish';

/**
 * The key of a notice's publishing job: while it is scheduled a notice has one, at its time
 * (timing.ts replaces it when the time moves and removes it when the notice leaves 'scheduled').
 */
export const publishJobKey = (noticeId: string) => `${PUBLISH_JOB}:${noticeId}`;

export interface NoticePublishPayload {
	noticeId: string;
}

/** The message a notice's people get, in each one's language (a missing language falls back). */
function noticeMessage(notice: Pick<Notice, 'title' | 'body' | 'urgent'>, reminder = false) {
	return (locale: Locale) => {
		const title = noticeText(notice.title, locale).text;
		const body = noticeText(notice.body, locale).text;
		const heading = reminder
			? m.notices_notify_reminder({ title }, { locale })
			: notice.urgent
				? m.notices_notify_urgent({ title }, { locale })
				: m.notices_notify_title({ title }, { locale });
		return { title: heading, body: body.length > 300 ? `${body.slice(0, 300)}…` : body };
	};
}

/** The people of these occupancies: the occupant in person, every member of an occupying company. */
async function occupancyPeople(
	executor: Executor,
	rows: readonly Pick<AudienceOccupancy, 'occupancyId' | 'userId' | 'companyId'>[]
): Promise<Map<string, string[]>> {
	const companyIds = [...new Set(rows.map((r) => r.companyId).filter((id): id is string => !!id))];
	const members = companyIds.length
		? await executor
				.select({ companyId: companyMembers.companyId, userId: companyMembers.userId })
				.from(companyMembers)
				.where(inArray(companyMembers.companyId, companyIds))
		: [];
	return new Map(
		rows.map((r) => [
			r.occupancyId,
			r.userId ? [r.userId] : members.filter((member) => member.companyId === r.companyId).map((member) => member.userId)
		])
	);
}

/** Tells these occupancies' people of the notice and files it in each unit's file with its delivery. */
export async function sendNotice(
	executor: Executor,
	notice: Notice,
	rows: readonly AudienceOccupancy[],
	reminder: boolean,
	actor: Pick<Actor, 'userId'> | null
): Promise<void> {
	if (rows.length === 0) return;
	const people = await occupancyPeople(executor, rows);
	const channels: NotifyChannel[] = notice.urgent ? ['inbox', 'email', 'sms'] : ['inbox'];
	const told = await notifyTold(executor, {
		userIds: [...people.values()].flat(),
		kind: reminder ? 'notice.reminded' : 'notice.published',
		subject: { type: 'notice', id: notice.id },
		link: `/app/notices/${notice.id}`,
		message: noticeMessage(notice, reminder),
		channels,
		// The email carries the notice's files (the inbox and the portal link to them).
		attachments: notice.attachments.map((a) => ({ fileId: a.fileId, filename: a.name, contentType: a.contentType }))
	});
	// A reminder is the office's record on the notice (its event); the unit's file keeps the notice itself.
	if (reminder) return;
	for (const row of rows) {
		const userIds = new Set(people.get(row.occupancyId));
		await fileCorrespondence(executor, {
			unitId: row.unitId,
			occupancyId: row.occupancyId,
			kind: 'notice',
			sourceType: 'notice',
			sourceId: notice.id,
			summary: { reference: noticeReference(notice.seq), title: noticeText(notice.title, 'en').text },
			delivery: told.filter((t) => userIds.has(t.userId)),
			actor
		});
	}
}

/**
 * Publishes a notice the caller holds locked: the machine's step, the deliveries, the telling and
 * the filing, and the event — in the caller's transaction.
 */
export async function publishLocked(
	tx: Executor,
	notice: Notice,
	capacities: ReadonlySet<NoticeCapacity>,
	actor: Pick<Actor, 'userId'> | null,
	now: Date
): Promise<void> {
	const to = noticeMachine.take(notice.state, 'publish', capacities);
	const lines = await tx
		.select({ kind: noticeAudience.kind, targetId: noticeAudience.targetId })
		.from(noticeAudience)
		.where(eq(noticeAudience.noticeId, notice.id));
	const rows = await audienceOccupancies(tx, notice.estateId, lines, notice.party, now);
	const [published] = await tx.update(notices).set({ state: to, publishedAt: now }).where(eq(notices.id, notice.id)).returning();
	if (rows.length) {
		await tx
			.insert(noticeDeliveries)
			.values(
				rows.map((r) => ({ noticeId: notice.id, occupancyId: r.occupancyId, unitId: r.unitId, buildingId: r.buildingId, deliveredAt: now }))
			)
			.onConflictDoNothing();
	}
	await sendNotice(tx, published!, rows, false, actor);
	await recordEvent(tx, {
		actor,
		subjectType: 'notice',
		subjectId: notice.id,
		kind: noticeActionEvent.publish,
		from: notice.state,
		to,
		data: { deliveries: rows.length }
	});
}

/**
 * notices.publish: publishes the scheduled notice when its time has come (again: nothing, it is
 * published). It reads the notice's state and time itself, whatever the job was scheduled for: a
 * job claimed just before the office moved the time or took the notice back to a draft (or one
 * scheduled before jobs had a key) finds it so and publishes nothing.
 */
export async function runPublishJob(payload: NoticePublishPayload, context: JobContext): Promise<void> {
	await context.db.transaction(async (tx) => {
		const [notice] = await tx.select().from(notices).where(eq(notices.id, payload.noticeId)).for('update');
		// Withdrawn or published meanwhile, or moved to a later time (its own job will come).
		if (!notice || notice.state !== 'scheduled' || (notice.publishAt && notice.publishAt > context.now)) return;
		await publishLocked(tx, notice, new Set(['system']), null, context.now);
	});
}

/**
 * The office's side of notices: writing one (a draft, published now or scheduled), publishing a
 * draft, reminding those who have not read it, withdrawing it. Each step is one transaction that
 * locks the notice, asks the machine, writes the state and appends the event. Staff of other
 * estates, and staff without notices.manage, get 404 and 403 as everywhere.
 */
import { error } from '@sveltejs/kit';
import { and, eq, notExists } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { noticeSchema } from '#lib/schemas/notices.ts';
import { parseLocalDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { noticeAudience, noticeDeliveries, noticeReads, notices, occupancies } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { scheduleJob } from '../jobs/queue.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUuid } from '../kernel/ids.ts';
import { displayName } from '../files/photos.ts';
import { storeFile } from '../files/service.ts';
import { checkDocumentSize, checkPaper, documentContentTypes } from '../renovations/documents.ts';
import { SNIFF_BYTES } from '#lib/files/sniff.ts';
import { type AudienceLine, linesOutsideEstate, type NoticeAudienceKind, typedUnits } from './audience.ts';
import { noticeActionEvent } from './event-kinds.ts';
import { noticeCapacities, noticeMachine, type NoticeCapacity } from './machine.ts';
import { PUBLISH_JOB, publishLocked, sendNotice, type Notice, type NoticePublishPayload } from './publish.ts';

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

/** A posted audience line ("building:<id>") as data. */
function line(value: string): AudienceLine {
	const [kind, targetId] = value.split(':') as [NoticeAudienceKind, string];
	return { kind, targetId: targetId.toLowerCase() };
}

/** The most files one notice carries. */
export const NOTICE_MAX_ATTACHMENTS = 3;

/** The posted files, checked like every document (size, then a PDF or an image by their first bytes), with their bytes. */
async function acceptAttachments(posted: readonly File[]) {
	if (posted.length > NOTICE_MAX_ATTACHMENTS)
		throw new InputError('attachments', m.notices_attachments_too_many({ max: NOTICE_MAX_ATTACHMENTS }));
	const accepted = [];
	for (const file of posted) {
		try {
			// The size before the bytes: a file over the route's limit was counted, not kept.
			checkDocumentSize(file.name, file.size);
			const data = new Uint8Array(await file.arrayBuffer());
			const type = checkPaper(file.name, file.size, data.subarray(0, SNIFF_BYTES), ['pdf', 'png', 'jpeg']);
			accepted.push({ data, contentType: documentContentTypes[type], name: displayName(file.name, () => m.notices_attachment_unnamed()) });
		} catch (err) {
			// The documents' own messages, at this form's field.
			if (err instanceof InputError) throw new InputError('attachments', err.message);
			throw err;
		}
	}
	return accepted;
}

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
		const typed = await typedUnits(tx, values.estateId, values.units);
		if (typed.unknown.length) throw new InputError('units', m.notices_units_unknown({ units: typed.unknown.join(', ') }));
		const lines = [...new Map([...values.targets.map(line), ...typed.lines].map((l) => [`${l.kind}:${l.targetId}`, l])).values()];
		if ((await linesOutsideEstate(tx, values.estateId, lines)).length) throw new InputError('targets', m.notices_audience_outside());
		const publishAt = values.when === 'later' ? parseLocalDateTime(values.publishAt, zone.timeZone) : null;
		if (values.when === 'later' && (!publishAt || publishAt <= now)) throw new InputError('publishAt', m.notices_publish_at_future());
		const expiresAt = values.expiresAt ? parseLocalDateTime(values.expiresAt, zone.timeZone) : null;
		if (values.expiresAt && (!expiresAt || expiresAt <= (publishAt ?? now))) throw new InputError('expiresAt', m.notices_expires_after());
		let [notice] = await tx
			.insert(notices)
			.values({
				estateId: values.estateId,
				title: { en: values.titleEn, 'zh-Hant': values.titleHant, 'zh-Hans': values.titleHans },
				body: { en: values.bodyEn, 'zh-Hant': values.bodyHant, 'zh-Hans': values.bodyHans },
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
			const attachments = [];
			for (const file of files) {
				const stored = await storeFile(
					tx,
					{ data: file.data, contentType: file.contentType, ownerId: actor.userId },
					{ type: 'notice', id: notice!.id }
				);
				attachments.push({ fileId: stored.id, name: file.name, contentType: file.contentType });
			}
			[notice] = await tx.update(notices).set({ attachments }).where(eq(notices.id, notice!.id)).returning();
		}
		await recordEvent(tx, { actor, subjectType: 'notice', subjectId: notice!.id, kind: 'created', to: 'draft' });
		const capacities = noticeCapacities(actor, notice!.estateId);
		if (values.when === 'now') await publishLocked(tx, notice!, capacities, actor, now);
		if (values.when === 'later') await scheduleLocked(tx, notice!, capacities, actor, publishAt!);
		return notice!.id;
	});
}

async function scheduleLocked(tx: Executor, notice: Notice, capacities: ReadonlySet<NoticeCapacity>, actor: Actor, publishAt: Date) {
	const to = noticeMachine.take(notice.state, 'schedule', capacities);
	await tx.update(notices).set({ state: to, publishAt }).where(eq(notices.id, notice.id));
	await scheduleJob(tx, { kind: PUBLISH_JOB, payload: { noticeId: notice.id } satisfies NoticePublishPayload, runAt: publishAt });
	await recordEvent(tx, {
		actor,
		subjectType: 'notice',
		subjectId: notice.id,
		kind: noticeActionEvent.schedule,
		from: notice.state,
		to,
		data: { publishAt: publishAt.toISOString() }
	});
}

/** Publishes a draft or a scheduled notice now. */
export async function publishNotice(actor: Actor | null, noticeId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		await publishLocked(tx, notice, capacities, actor, now);
	});
}

/** Withdraws a notice: residents no longer see it; who received and read it stays on record. */
export async function withdrawNotice(actor: Actor | null, noticeId: string): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		const to = noticeMachine.take(notice.state, 'withdraw', capacities);
		await tx.update(notices).set({ state: to }).where(eq(notices.id, notice.id));
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

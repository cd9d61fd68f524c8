/**
 * Editing a notice before anyone has been sent it: a draft or a scheduled notice takes new texts,
 * audience, options, expiry and files — checked as when it was written (content.ts) — and keeps
 * its id, estate, state and time (timing.ts moves the time). Published and withdrawn notices stay
 * as they were sent: the machine refuses, with a message the page shows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { noticeLocales } from '#lib/notices/text.ts';
import { NOTICE_MAX_ATTACHMENTS } from '#lib/notices/limits.ts';
import { noticeEditSchema } from '#lib/schemas/notices.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { files, noticeAudience, notices, type NoticeText } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { parseInput } from '../kernel/input-error.ts';
import { loadOfficeNotice } from './access.ts';
import type { AudienceLine } from './audience.ts';
import { acceptAttachments, audienceLines, expiryOf, noticeTextsOf, storeAttachments, tooManyAttachments } from './content.ts';
import { noticeActionEvent } from './event-kinds.ts';
import { noticeMachine } from './machine.ts';

/** The parts of a notice an edit may change, as its event records them. */
export type NoticePart = 'texts' | 'audience' | 'options' | 'expiry' | 'files';

const sameTexts = (a: NoticeText, b: NoticeText) => noticeLocales.every((locale) => a[locale] === b[locale]);
const lineKey = (l: AudienceLine) => `${l.kind}:${l.targetId}`;

/** The notice's audience lines as stored. */
export function storedLines(executor: Executor, noticeId: string): Promise<AudienceLine[]> {
	return executor
		.select({ kind: noticeAudience.kind, targetId: noticeAudience.targetId })
		.from(noticeAudience)
		.where(eq(noticeAudience.noticeId, noticeId));
}

/**
 * Edits a draft or a scheduled notice with the posted form (noticeEditSchema) and files: the
 * files ticked to remove are taken off (their rows deleted; the sweep removes the bytes), the new
 * ones added, at most three in all. One transaction, one 'edited' event naming what changed.
 */
export async function editNotice(
	actor: Actor | null,
	noticeId: string,
	input: unknown,
	now = new Date(),
	posted: readonly File[] = []
): Promise<void> {
	requireStaff(actor, 'notices.manage');
	const values = parseInput(noticeEditSchema, input);
	const added = await acceptAttachments(posted);
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		const to = noticeMachine.take(notice.state, 'edit', capacities, m.notices_edit_closed());
		const { timeZone } = await estateZone(tx, notice.estateId);
		const lines = await audienceLines(tx, notice.estateId, values);
		// A scheduled notice expires after its time; a draft after now (it may be published at once).
		const expiresAt = expiryOf(values.expiresAt, timeZone, notice.publishAt ?? now);
		const removed = new Set(values.removeAttachments);
		const kept = notice.attachments.filter((a) => !removed.has(a.fileId));
		if (kept.length + added.length > NOTICE_MAX_ATTACHMENTS) throw tooManyAttachments();

		const texts = noticeTextsOf(values);
		const before = new Set((await storedLines(tx, notice.id)).map(lineKey));
		const after = new Set(lines.map(lineKey));
		const changed: Record<NoticePart, boolean> = {
			texts: !sameTexts(notice.title, texts.title) || !sameTexts(notice.body, texts.body),
			audience: notice.party !== values.party || before.size !== after.size || [...after].some((key) => !before.has(key)),
			options: notice.pinned !== values.pinned || notice.urgent !== values.urgent || notice.public !== values.public,
			expiry: (notice.expiresAt?.getTime() ?? null) !== (expiresAt?.getTime() ?? null),
			files: kept.length < notice.attachments.length || added.length > 0
		};

		const stored = await storeAttachments(tx, actor, notice.id, added);
		await tx
			.update(notices)
			.set({
				...texts,
				party: values.party,
				pinned: values.pinned,
				urgent: values.urgent,
				public: values.public,
				expiresAt,
				attachments: [...kept, ...stored]
			})
			.where(eq(notices.id, notice.id));
		if (changed.audience) {
			await tx.delete(noticeAudience).where(eq(noticeAudience.noticeId, notice.id));
			await tx.insert(noticeAudience).values(lines.map((l) => ({ noticeId: notice.id, ...l })));
		}
		const gone = notice.attachments.filter((a) => removed.has(a.fileId)).map((a) => a.fileId);
		if (gone.length) {
			await tx.delete(files).where(and(eq(files.subjectType, 'notice'), eq(files.subjectId, notice.id), inArray(files.id, gone)));
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'notice',
			subjectId: notice.id,
			kind: noticeActionEvent.edit,
			from: notice.state,
			to,
			data: { changed: (Object.keys(changed) as NoticePart[]).filter((part) => changed[part]) }
		});
	});
}

/**
 * What a notice says, whom it is for, when it expires and the files it carries, checked against
 * the database: the one reading of the form's content for writing a notice and for editing one.
 * Every problem is an InputError at its field.
 */
import { m } from '#lib/paraglide/messages.js';
import { SNIFF_BYTES } from '#lib/files/sniff.ts';
import { NOTICE_MAX_ATTACHMENTS } from '#lib/notices/limits.ts';
import { parseLocalDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import type { NoticeAttachment, NoticeText } from '../db/schema/index.ts';
import { displayName } from '../files/photos.ts';
import { storeFile } from '../files/service.ts';
import { InputError } from '../kernel/input-error.ts';
import { checkDocumentSize, checkPaper, documentContentTypes } from '../renovations/documents.ts';
import { type AudienceLine, linesOutsideEstate, type NoticeAudienceKind, typedUnits } from './audience.ts';

/** The title and the text in each language, as the form names them. */
export function noticeTextsOf(values: Record<`${'title' | 'body'}${'En' | 'Hant' | 'Hans'}`, string>): {
	title: NoticeText;
	body: NoticeText;
} {
	return {
		title: { en: values.titleEn, 'zh-Hant': values.titleHant, 'zh-Hans': values.titleHans },
		body: { en: values.bodyEn, 'zh-Hant': values.bodyHant, 'zh-Hans': values.bodyHans }
	};
}

/** A posted audience line ("building:<id>") as data. */
function line(value: string): AudienceLine {
	const [kind, targetId] = value.split(':') as [NoticeAudienceKind, string];
	return { kind, targetId: targetId.toLowerCase() };
}

/** The form's audience — ticked lines and typed units — as lines of the estate, each once. */
export async function audienceLines(
	executor: Executor,
	estateId: string,
	values: { targets: readonly string[]; units: string }
): Promise<AudienceLine[]> {
	const typed = await typedUnits(executor, estateId, values.units);
	if (typed.unknown.length) throw new InputError('units', m.notices_units_unknown({ units: typed.unknown.join(', ') }));
	const lines = [...new Map([...values.targets.map(line), ...typed.lines].map((l) => [`${l.kind}:${l.targetId}`, l])).values()];
	if ((await linesOutsideEstate(executor, estateId, lines)).length) throw new InputError('targets', m.notices_audience_outside());
	return lines;
}

/** The expiry typed in the estate's zone, which must come after the notice is published ('' for none). */
export function expiryOf(value: string, timeZone: string, publishedFrom: Date): Date | null {
	if (!value) return null;
	const expiresAt = parseLocalDateTime(value, timeZone);
	if (!expiresAt || expiresAt <= publishedFrom) throw new InputError('expiresAt', m.notices_expires_after());
	return expiresAt;
}

export interface AcceptedAttachment {
	data: Uint8Array;
	contentType: string;
	name: string;
}

/** More files than a notice carries: the form's message at its field. */
export function tooManyAttachments(): InputError {
	return new InputError('attachments', m.notices_attachments_too_many({ max: NOTICE_MAX_ATTACHMENTS }));
}

/** The posted files, checked like every document (size, then a PDF or an image by their first bytes), with their bytes. */
export async function acceptAttachments(posted: readonly File[]): Promise<AcceptedAttachment[]> {
	if (posted.length > NOTICE_MAX_ATTACHMENTS) throw tooManyAttachments();
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

/** Stores accepted files as the notice's, in the caller's transaction: what the notice lists. */
export async function storeAttachments(
	tx: Executor,
	actor: Pick<Actor, 'userId'>,
	noticeId: string,
	accepted: readonly AcceptedAttachment[]
): Promise<NoticeAttachment[]> {
	const attachments = [];
	for (const file of accepted) {
		const stored = await storeFile(
			tx,
			{ data: file.data, contentType: file.contentType, ownerId: actor.userId },
			{ type: 'notice', id: noticeId }
		);
		attachments.push({ fileId: stored.id, name: file.name, contentType: file.contentType });
	}
	return attachments;
}

/**
 * The notice form's values (components/notices/NoticeForm.svelte): as posted, for writing and
 * editing alike, and as a stored notice fills them in for the edit page.
 */
import { localDateTimeValue } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { noticeMachine } from './machine.ts';
import { loadOfficeNotice } from './access.ts';
import { storedLines } from './edit.ts';
import { audienceLabels, noticeChoices } from './office-queries.ts';
import type { Notice } from './publish.ts';
import type { AudienceLine } from './audience.ts';

/** The fields posted once per ticked box. */
const listFields = ['targets', 'removeAttachments'];

/** The posted form's text fields, and its lists as lists (files are read apart: postedFiles). */
export function postedNoticeValues(data: FormData): Record<string, unknown> {
	const values: Record<string, unknown> = Object.fromEntries(
		[...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && !listFields.includes(e[0]))
	);
	for (const field of listFields) values[field] = data.getAll(field).filter((v) => typeof v === 'string');
	return values;
}

/** A stored notice as the form's values: what the edit page starts from. */
function noticeFormValues(notice: Notice, lines: readonly AudienceLine[], timeZone: string): Record<string, string | string[]> {
	const tick = (on: boolean) => (on ? 'on' : '');
	return {
		titleEn: notice.title.en,
		titleHant: notice.title['zh-Hant'],
		titleHans: notice.title['zh-Hans'],
		bodyEn: notice.body.en,
		bodyHant: notice.body['zh-Hant'],
		bodyHans: notice.body['zh-Hans'],
		targets: lines.map((l) => `${l.kind}:${l.targetId}`),
		units: '',
		party: notice.party,
		pinned: tick(notice.pinned),
		urgent: tick(notice.urgent),
		public: tick(notice.public),
		expiresAt: notice.expiresAt ? localDateTimeValue(notice.expiresAt, timeZone) : ''
	};
}

/** The kinds of line the form offers no box for: an edited notice's lines of these kinds are listed to keep or untick. */
const unlistedKinds: readonly AudienceLine['kind'][] = ['unit'];

/**
 * The edit page of a notice: whether the machine lets the actor edit it now, its estate with the
 * buildings and floors the form offers, the form's values, its files, and the lines of the kind
 * the form has no box for (units, typed by number when written) with their names.
 */
export async function noticeEditForm(actor: Actor | null, noticeId: string, executor = db()) {
	const { notice, capacities } = await loadOfficeNotice(executor, actor, noticeId);
	const [choices, lines, labels] = await Promise.all([
		noticeChoices(actor, executor),
		storedLines(executor, notice.id),
		audienceLabels(executor, notice.id)
	]);
	const estate = choices.find((e) => e.id === notice.estateId)!;
	return {
		notice: { id: notice.id, seq: notice.seq, state: notice.state },
		editable: noticeMachine.can(notice.state, 'edit', capacities),
		estate,
		values: noticeFormValues(notice, lines, estate.timeZone),
		attachments: notice.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
		otherTargets: lines
			.filter((l) => unlistedKinds.includes(l.kind))
			.map((l) => ({
				value: `${l.kind}:${l.targetId}`,
				kind: l.kind,
				name: labels.find((label) => label.targetId === l.targetId)?.name ?? ''
			}))
	};
}

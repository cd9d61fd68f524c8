/**
 * The complaint record as printed from the staff complaint page: the complaint the page shows, to
 * the same people (complaintDetail's scope; anyone else 404), on one A4 page (record-pdf.ts).
 * Printing records nothing.
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { photoThumbnails } from '../pdf/thumbnails.ts';
import { complaintDetail } from './queries.ts';
import { renderComplaintRecord } from './record-pdf.ts';

export async function complaintRecordSheet(
	actor: Actor,
	complaintId: string,
	options: { now?: Date; executor?: Executor } = {}
): Promise<{ filename: string; pdf: Uint8Array }> {
	requireStaff(actor, ['complaints.read', 'complaints.resolve']);
	const executor = options.executor ?? db();
	const detail = await complaintDetail(actor, complaintId, executor);
	const photos = await photoThumbnails(
		executor,
		detail.photos
			.filter((p) => p.type === 'complaint')
			.slice(0, 5)
			.map((p, i) => ({ id: p.id, caption: m.print_photo_n({ n: i + 1 }) }))
	);
	const pdf = await renderComplaintRecord({ detail, photos, locale: getLocale(), printedAt: options.now ?? new Date() });
	return { filename: `complaint-${detail.summary.reference}.pdf`, pdf };
}

/**
 * The work order as printed from the staff repair page: the same order the page shows, to the same
 * people (repairDetail's scope: staff with repairs.read of the estate, a technician only their own
 * orders; anyone else 404), drawn on one A4 page (work-order-pdf.ts). Loads only read: printing
 * records nothing.
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import type { SheetImage } from '../pdf/record-sheet.ts';
import { photoThumbnails } from '../pdf/thumbnails.ts';
import { repairDetail } from './queries.ts';
import { teamName } from './staff-choices.ts';
import { renderWorkOrder, type RepairDetail } from './work-order-pdf.ts';

/** Photos printed at most (one row). */
const PHOTOS = 5;

/** The order's first photos, before-photos first, as thumbnails. */
function thumbnails(executor: Executor, detail: RepairDetail): Promise<SheetImage[]> {
	const before = detail.photos.filter((p) => p.type === 'repair');
	const after = detail.photos.filter((p) => p.type === 'repair-after');
	return photoThumbnails(
		executor,
		[
			...before.map((p, i) => ({ id: p.id, caption: m.print_photo_before({ n: i + 1 }) })),
			...after.map((p, i) => ({ id: p.id, caption: m.print_photo_after({ n: i + 1 }) }))
		].slice(0, PHOTOS)
	);
}

/** The work order's PDF and its download name; 404 for an order the actor may not see. */
export async function workOrderSheet(
	actor: Actor,
	repairId: string,
	options: { now?: Date; executor?: Executor } = {}
): Promise<{ filename: string; pdf: Uint8Array }> {
	requireStaff(actor, 'repairs.read');
	const executor = options.executor ?? db();
	const detail = await repairDetail(actor, repairId, executor);
	const [team, photos] = await Promise.all([teamName(executor, detail.order.teamId), thumbnails(executor, detail)]);
	const pdf = await renderWorkOrder({ detail, teamName: team, photos, locale: getLocale(), printedAt: options.now ?? new Date() });
	return { filename: `work-order-${detail.order.reference}.pdf`, pdf };
}

// What a goods release slip's states and sources are called, and its goods as lines (pages and server).
import { m } from '#lib/paraglide/messages.js';
import type { GoodsReleaseItem } from '#lib/server/db/schema/goods-release.ts';
import type { SlipStatus } from '#lib/server/goods-release/status.ts';

export const releaseStatusName: Record<SlipStatus, () => string> = {
	requested: m.releases_state_requested,
	issued: m.releases_state_issued,
	released: m.releases_state_released,
	refused: m.releases_state_refused,
	cancelled: m.releases_state_cancelled,
	expired: m.releases_state_expired,
	not_yet: m.releases_state_not_yet
};

export const releaseSourceName: Record<'resident' | 'desk' | 'move_out', () => string> = {
	resident: m.releases_source_resident,
	desk: m.releases_source_desk,
	move_out: m.releases_source_move_out
};

/**
 * The goods as the reader reads them: each line with its quantity; a move-out slip that lists none
 * reads "furniture and belongings on moving out" in the reader's language (nothing is stored in one).
 */
export function releaseItemLines(slip: { items: readonly GoodsReleaseItem[]; source: string }): string[] {
	if (slip.items.length === 0) return slip.source === 'move_out' ? [m.releases_move_out_items()] : [];
	return slip.items.map((item) =>
		item.quantity === 1 ? item.description : m.releases_item_line({ description: item.description, quantity: item.quantity })
	);
}

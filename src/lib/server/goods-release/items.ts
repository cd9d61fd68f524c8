/**
 * What may leave, as people type it: one item a line, with its quantity at the end when more than
 * one ("Sofa", "Chairs x 4", "椅子 ×4", "Boxes*10"). Stored as lines of description and quantity.
 */
import type { GoodsReleaseItem } from '../db/schema/index.ts';

export const MAX_ITEM_LINES = 40;
export const MAX_ITEM_LENGTH = 200;
const MAX_QUANTITY = 9999;

/** The lines of the text, each an item; blank lines are skipped. */
export function readItemLines(text: string): GoodsReleaseItem[] {
	return text
		.normalize('NFKC')
		.split(/\r?\n/)
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter((line) => line.length > 0)
		.map((line) => {
			// "x" counts only between spaces ("Chairs x 4"), so a model name ("Model X1") stays whole; × and * anywhere.
			const match = /^(.*?)(?:\s+x\s+|\s*[×*]\s*)(\d{1,4})$/iu.exec(line);
			const quantity = match ? Number(match[2]) : 1;
			if (match && match[1] && quantity >= 1 && quantity <= MAX_QUANTITY) return { description: match[1], quantity };
			return { description: line, quantity: 1 };
		});
}

/** The items back as the text they were typed as (a form shown again). */
export function itemLinesText(items: readonly GoodsReleaseItem[]): string {
	return items.map((item) => (item.quantity === 1 ? item.description : `${item.description} × ${item.quantity}`)).join('\n');
}

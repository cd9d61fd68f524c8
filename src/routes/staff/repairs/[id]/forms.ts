import { z } from 'zod';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { matchUnitSchema } from '#lib/schemas/case-match.ts';
import {
	assignSchema,
	commentSchema,
	completeSchema,
	handOverSchema,
	materialSchema,
	missSchema,
	promiseSchema,
	QUOTE_MAX_LINES,
	quoteReviewSchema,
	quoteSchema,
	reasonSchema,
	signOffSchema,
	slotChoiceSchema
} from '#lib/schemas/repairs.ts';

/**
 * The paid-service quote as a plain form posts it: parallel lists of item and quantity (one pair
 * per row, rows left empty ignored), so it works without JavaScript.
 */
export const quoteFormSchema = z
	.object({
		itemId: z.array(z.string().trim().max(40)).max(QUOTE_MAX_LINES).default([]),
		quantity: z.array(z.string().trim().max(4)).max(QUOTE_MAX_LINES).default([]),
		workMinutes: quoteSchema.shape.workMinutes,
		note: quoteSchema.shape.note
	})
	.superRefine((data, ctx) => {
		let lines = 0;
		data.itemId.forEach((itemId, row) => {
			if (itemId === '') return;
			lines++;
			const quantity = Number(data.quantity[row] ?? '');
			if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
				ctx.addIssue({ code: 'custom', path: ['quantity', row], message: m.repairs_quote_quantity_invalid() });
			}
		});
		if (lines === 0) ctx.addIssue({ code: 'custom', path: ['itemId'], message: m.repairs_quote_item_required() });
	});
export type QuoteFormInput = z.output<typeof quoteFormSchema>;

/** The lines requestQuote takes, from the rows that name an item. */
export function quoteInput(data: QuoteFormInput) {
	const lines = data.itemId
		.map((itemId, row) => ({ itemId, quantity: Number(data.quantity[row] ?? '1') }))
		.filter((line) => line.itemId !== '');
	return { lines, workMinutes: data.workMinutes, note: data.note };
}

const reviewFormSchema = quoteReviewSchema.extend({ quoteId: z.string().trim().max(40) });

/** One adapter per form of the order page; the keys are the superforms ids. */
export const adapters = {
	/** Claim, receive, on site: nothing to fill in. */
	plain: zod4(z.object({})),
	handOver: zod4(handOverSchema),
	promise: zod4(promiseSchema),
	assign: zod4(assignSchema),
	reassign: zod4(assignSchema),
	schedule: zod4(slotChoiceSchema),
	miss: zod4(missSchema),
	/** The resident's answer to a proposed time, taken by phone: confirmed (the slot shown), or another slot. */
	confirmTime: zod4(slotChoiceSchema),
	chooseTime: zod4(slotChoiceSchema),
	material: zod4(materialSchema),
	afterPhotos: zod4(z.object({})),
	quote: zod4(quoteFormSchema),
	review: zod4(reviewFormSchema),
	complete: zod4(completeSchema),
	signOff: zod4(signOffSchema),
	comment: zod4(commentSchema),
	cancel: zod4(reasonSchema),
	/** A request from the public widget matched to its sender's unit. */
	match: zod4(matchUnitSchema)
};

import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { nameField, phoneField } from './auth.ts';
import { checkbox, localDateTime, optionalText, requiredText } from './fields.ts';

const DESCRIPTION_MAX = 2000;
const NOTE_MAX = 1000;

const id = z.uuid({ error: () => m.field_required() });
const rating = z.coerce
	.number({ error: () => m.repairs_rating_invalid() })
	.int({ error: () => m.repairs_rating_invalid() })
	.min(1, { error: () => m.repairs_rating_invalid() })
	.max(5, { error: () => m.repairs_rating_invalid() });

/** What a resident (or the desk on a resident's behalf) fills in; photos travel beside it. */
const requestFields = {
	unitId: id,
	kindId: z.uuid({ error: () => m.repairs_kind_required() }),
	location: z.enum(['unit', 'common_area']).default('unit'),
	locationDetail: optionalText(200),
	description: z
		.string()
		.trim()
		.min(5, { error: () => m.repairs_description_short() })
		.max(DESCRIPTION_MAX),
	contactName: nameField,
	contactPhone: phoneField,
	enterWhenAbsent: checkbox,
	accessNotes: optionalText(500),
	appointment: z.enum(['slot', 'call']).default('call'),
	slotId: z.string().trim().max(40).default('')
};

type RequestShape = { location: 'unit' | 'common_area'; locationDetail: string; appointment: 'slot' | 'call'; slotId: string };

function checkRequest(data: RequestShape, ctx: z.RefinementCtx) {
	if (data.location === 'common_area' && data.locationDetail === '') {
		ctx.addIssue({ code: 'custom', path: ['locationDetail'], message: m.repairs_where_required() });
	}
	if (data.appointment === 'slot' && !z.uuid().safeParse(data.slotId).success) {
		ctx.addIssue({ code: 'custom', path: ['slotId'], message: m.repairs_slot_required() });
	}
}

export const repairRequestSchema = z.object(requestFields).superRefine(checkRequest);
export type RepairRequestInput = z.output<typeof repairRequestSchema>;

/** The desk enters a request taken by phone or at the counter, for a unit's resident (or none). */
export const deskRequestSchema = z
	.object({
		...requestFields,
		channel: z.enum(['phone', 'counter']),
		requesterId: z.string().trim().max(40).default('')
	})
	.superRefine(checkRequest);
export type DeskRequestInput = z.output<typeof deskRequestSchema>;

export const reasonSchema = z.object({ reason: requiredText(NOTE_MAX) });
export const commentSchema = z.object({ comment: optionalText(NOTE_MAX) });
export const slotChoiceSchema = z.object({ slotId: z.uuid({ error: () => m.repairs_slot_required() }) });
export const missSchema = z.object({
	reason: requiredText(NOTE_MAX),
	slotId: z.uuid({ error: () => m.repairs_slot_required() })
});

export const assignSchema = z
	.object({
		mode: z.enum(['technician', 'round_robin']).default('technician'),
		technicianId: z.string().trim().max(40).default(''),
		teamId: z.string().trim().max(40).default(''),
		reason: optionalText(NOTE_MAX)
	})
	.superRefine((data, ctx) => {
		if (data.mode === 'technician' && !z.uuid().safeParse(data.technicianId).success) {
			ctx.addIssue({ code: 'custom', path: ['technicianId'], message: m.repairs_technician_required() });
		}
		if (data.mode === 'round_robin' && !z.uuid().safeParse(data.teamId).success) {
			ctx.addIssue({ code: 'custom', path: ['teamId'], message: m.repairs_team_required() });
		}
	});
export type AssignInput = z.output<typeof assignSchema>;

export const handOverSchema = z.object({ toUserId: id, reason: requiredText(NOTE_MAX) });
export const promiseSchema = z.object({
	/** A local date-time from <input type="datetime-local">, read in the estate's time zone. */
	promisedReplyBy: localDateTime
});

export const materialSchema = z
	.object({
		name: requiredText(200),
		quantity: z.string().trim().min(1).max(40).default('1'),
		source: z.enum(['estate', 'resident']),
		accepted: z.enum(['', 'yes', 'no']).default(''),
		note: optionalText(500)
	})
	.superRefine((data, ctx) => {
		if (data.source === 'resident' && data.accepted === '') {
			ctx.addIssue({ code: 'custom', path: ['accepted'], message: m.repairs_material_acceptance_required() });
		}
	});

export const completeSchema = z.object({ workSummary: requiredText(DESCRIPTION_MAX) });

export const QUOTE_MAX_LINES = 10;
export const quoteSchema = z.object({
	lines: z
		.array(
			z.object({
				itemId: z.uuid({ error: () => m.repairs_quote_item_required() }),
				quantity: z.coerce
					.number({ error: () => m.repairs_quote_quantity_invalid() })
					.int({ error: () => m.repairs_quote_quantity_invalid() })
					.min(1, { error: () => m.repairs_quote_quantity_invalid() })
					.max(99, { error: () => m.repairs_quote_quantity_invalid() })
			})
		)
		.min(1, { error: () => m.repairs_quote_item_required() })
		.max(QUOTE_MAX_LINES),
	workMinutes: z.coerce
		.number({ error: () => m.repairs_quote_minutes_invalid() })
		.int({ error: () => m.repairs_quote_minutes_invalid() })
		.min(5, { error: () => m.repairs_quote_minutes_invalid() })
		.max(7 * 24 * 60, { error: () => m.repairs_quote_minutes_invalid() }),
	note: optionalText(NOTE_MAX)
});

export const quoteDecisionSchema = z.object({ decision: z.enum(['accept', 'decline']), note: optionalText(NOTE_MAX) });
export const quoteReviewSchema = z.object({ decision: z.enum(['approve', 'reject']), note: optionalText(NOTE_MAX) });

/**
 * Sign-off: a typed full name, or a drawn signature sent as a PNG data URL by the signature pad
 * (the pad needs JavaScript; the typed name always works).
 */
export const SIGNATURE_MAX_CHARS = 400_000;
export const signOffSchema = z
	.object({
		signedName: z.string().trim().max(100).default(''),
		signature: z
			.string()
			.max(SIGNATURE_MAX_CHARS, { error: () => m.repairs_signature_invalid() })
			.default('')
	})
	.superRefine((data, ctx) => {
		if (data.signedName === '' && data.signature === '') {
			ctx.addIssue({ code: 'custom', path: ['signedName'], message: m.repairs_signature_required() });
		}
		if (data.signature !== '' && !data.signature.startsWith('data:image/png;base64,')) {
			ctx.addIssue({ code: 'custom', path: ['signature'], message: m.repairs_signature_invalid() });
		}
	});

export const ratingSchema = z.object({
	overall: rating,
	speed: rating,
	technician: rating,
	comment: optionalText(NOTE_MAX)
});

import { z } from 'zod';
import { optionalText } from './fields.ts';
import { m } from '#lib/paraglide/messages.js';
import { SIGNATURE_MAX_CHARS } from './repairs.ts';

const CALLBACK_NOTE_MAX = 1000;

/**
 * A yes/no radio group. Unanswered must stay unanswered: superforms would fill a missing enum with
 * its first value ("yes"), so '' is the default and requireAnswer() refuses it.
 */
const yesNo = z.enum(['', 'yes', 'no']).default('');
type YesNo = z.output<typeof yesNo>;

function requireAnswer(ctx: z.RefinementCtx, value: YesNo, path: string, message: () => string) {
	if (value === '') ctx.addIssue({ code: 'custom', path: [path], message: message() });
}
const rating = z.coerce
	.number({ error: () => m.callbacks_rating_required() })
	.int({ error: () => m.callbacks_rating_required() })
	.min(1, { error: () => m.callbacks_rating_required() })
	.max(5, { error: () => m.callbacks_rating_required() });

/**
 * The callback (回訪) as staff record it: the work checked, the technician's service as the
 * resident rates it, suggestions, the charges checked, the resident's signature (typed name, or
 * a drawn one when the signature pad is there), and whether a problem was found.
 */
export const callbackFormSchema = z
	.object({
		workOk: yesNo,
		serviceRating: rating,
		suggestions: optionalText(CALLBACK_NOTE_MAX),
		chargesOk: yesNo,
		residentSignedName: z.string().trim().max(100).default(''),
		signature: z
			.string()
			.max(SIGNATURE_MAX_CHARS, { error: () => m.repairs_signature_invalid() })
			.default(''),
		problemFound: yesNo,
		problemNote: optionalText(CALLBACK_NOTE_MAX)
	})
	.superRefine((data, ctx) => {
		requireAnswer(ctx, data.workOk, 'workOk', m.callbacks_work_ok_required);
		requireAnswer(ctx, data.chargesOk, 'chargesOk', m.callbacks_charges_ok_required);
		requireAnswer(ctx, data.problemFound, 'problemFound', m.callbacks_problem_found_required);
		if (data.residentSignedName === '' && data.signature === '') {
			ctx.addIssue({ code: 'custom', path: ['residentSignedName'], message: m.callbacks_signed_name_required() });
		}
		if (data.signature !== '' && !data.signature.startsWith('data:image/png;base64,')) {
			ctx.addIssue({ code: 'custom', path: ['signature'], message: m.repairs_signature_invalid() });
		}
		if (data.workOk === 'no' && data.problemFound === 'no') {
			ctx.addIssue({ code: 'custom', path: ['problemFound'], message: m.callbacks_problem_when_work_not_ok() });
		}
		if (data.problemFound === 'yes' && data.problemNote === '') {
			ctx.addIssue({ code: 'custom', path: ['problemNote'], message: m.callbacks_problem_note_required() });
		}
	});
export type CallbackFormInput = z.output<typeof callbackFormSchema>;

/** A manager gives the callback to another director, administrator or repair lead, with a reason. */
export const reassignCallbackSchema = z.object({
	assigneeId: z.uuid({ error: () => m.callbacks_assignee_required() }),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.callbacks_reason_required() })
		.max(CALLBACK_NOTE_MAX)
});

/** The technician says what was done about a rectification notice. */
export const resolveRectificationSchema = z.object({
	noticeId: z.uuid(),
	resolution: z
		.string()
		.trim()
		.min(1, { error: () => m.callbacks_resolution_required() })
		.max(CALLBACK_NOTE_MAX)
});

/** The resident's own evaluation form (回訪評議表), answered through the personal link. */
export const evaluationFormSchema = z
	.object({
		workOk: yesNo,
		serviceRating: rating,
		chargesOk: yesNo,
		suggestions: optionalText(CALLBACK_NOTE_MAX),
		signedName: z
			.string()
			.trim()
			.min(1, { error: () => m.callbacks_signed_name_required() })
			.max(100)
	})
	.superRefine((data, ctx) => {
		requireAnswer(ctx, data.workOk, 'workOk', m.callbacks_work_ok_required);
		requireAnswer(ctx, data.chargesOk, 'chargesOk', m.callbacks_charges_ok_required);
	});
export type EvaluationForm = z.infer<typeof evaluationFormSchema>;

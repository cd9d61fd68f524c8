import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { emailField, nameField, phoneField } from './auth.ts';
import { checkbox, localDateTime, optionalText, requiredText } from './fields.ts';

const CONTENT_MAX = 2000;
const NOTE_MAX = 1000;

export const complaintDepartments = ['customer_service', 'engineering', 'security', 'finance', 'management'] as const;
export type ComplaintDepartment = (typeof complaintDepartments)[number];

const content = z
	.string()
	.trim()
	.min(5, { error: () => m.complaints_content_short() })
	.max(CONTENT_MAX);
const optionalId = z
	.string()
	.trim()
	.max(40)
	.default('')
	.refine((v) => v === '' || z.uuid().safeParse(v).success, { error: () => m.field_required() });

/** What a resident files in the portal (photos travel beside it). */
const complaintFields = {
	unitId: z.uuid({ error: () => m.field_required() }),
	kindId: z.uuid({ error: () => m.complaints_kind_required() }),
	location: z.enum(['unit', 'common_area']).default('unit'),
	locationDetail: optionalText(200),
	content,
	complainantName: nameField,
	companyName: optionalText(200),
	phone: phoneField
};

function checkWhere(data: { location: 'unit' | 'common_area'; locationDetail: string }, ctx: z.RefinementCtx) {
	if (data.location === 'common_area' && data.locationDetail === '') {
		ctx.addIssue({ code: 'custom', path: ['locationDetail'], message: m.complaints_where_required() });
	}
}

export const complaintSchema = z.object(complaintFields).superRefine(checkWhere);
export type ComplaintInput = z.output<typeof complaintSchema>;

/**
 * The desk enters a complaint taken by phone or at the counter (首問: the receiver owns it), for
 * a resident of the unit or for a caller without an account; the promised reply time is required.
 */
export const deskComplaintSchema = z
	.object({
		...complaintFields,
		channel: z.enum(['phone', 'counter']),
		severity: z.enum(['normal', 'serious']).default('normal'),
		requesterId: optionalId,
		email: z.union([z.literal(''), emailField]).default(''),
		promisedReplyBy: localDateTime
	})
	.superRefine(checkWhere);
export type DeskComplaintInput = z.output<typeof deskComplaintSchema>;

/** Taking up a complaint means promising the complainant a reply time (rule 1). */
export const claimSchema = z.object({ promisedReplyBy: localDateTime });

export const assignSchema = z.object({
	department: z.enum(complaintDepartments, { error: () => m.complaints_department_required() }),
	dueAt: localDateTime,
	responsibleId: optionalId,
	note: optionalText(NOTE_MAX)
});
export type AssignComplaintInput = z.output<typeof assignSchema>;

/** The manager's direction of a serious complaint: the fix and the person responsible. */
export const directSchema = z.object({
	department: z.enum(complaintDepartments, { error: () => m.complaints_department_required() }),
	dueAt: localDateTime,
	responsibleId: z.uuid({ error: () => m.complaints_responsible_required() }),
	fixPlan: requiredText(NOTE_MAX)
});

export const replySchema = z.object({ message: requiredText(NOTE_MAX) });

/** The resolver records the result and signs it (rule 4); an outside party's case still gets one. */
export const resultSchema = z.object({
	resolution: requiredText(CONTENT_MAX),
	outsideParty: checkbox,
	signedName: nameField
});

/** A malicious complaint is answered politely on the record, and kept. */
export const maliciousSchema = z.object({ answer: requiredText(CONTENT_MAX), reason: requiredText(NOTE_MAX) });

export const callbackSchema = z
	.object({
		mode: z.enum(['phone', 'in_person'], { error: () => m.field_required() }),
		satisfied: z.enum(['yes', 'no'], { error: () => m.complaints_satisfied_required() }),
		note: optionalText(NOTE_MAX),
		signedName: optionalText(120),
		signature: z.string().max(400_000).default('')
	})
	.superRefine((data, ctx) => {
		if (data.mode !== 'in_person') return;
		if (data.signedName === '') ctx.addIssue({ code: 'custom', path: ['signedName'], message: m.complaints_signed_name_required() });
		if (!data.signature.startsWith('data:image/png;base64,')) {
			ctx.addIssue({ code: 'custom', path: ['signature'], message: m.complaints_signature_required() });
		}
	});

/** The complainant's answer on the personal link: satisfied or not, and why. */
export const satisfactionSchema = z.object({
	satisfied: z.enum(['yes', 'no'], { error: () => m.complaints_satisfied_required() }),
	comment: optionalText(NOTE_MAX)
});

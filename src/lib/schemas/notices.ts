import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { checkbox, localDateTime, optionalText } from './fields.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One audience line as the form posts it: "building:<id>". */
const target = z.string().regex(new RegExp(`^(estate|building|floor|unit|segment|customer_type):${uuid.source.slice(1, -1)}$`, 'i'));
const optionalDateTime = z.union([z.literal(''), localDateTime]).default('');

/** What a notice says and whom it is for: the part of the form that writing and editing share. */
const noticeContent = z.object({
	titleEn: optionalText(200),
	titleHant: optionalText(200),
	titleHans: optionalText(200),
	bodyEn: optionalText(8000),
	bodyHant: optionalText(8000),
	bodyHans: optionalText(8000),
	targets: z.array(target, { error: () => m.notices_audience_required() }).default([]),
	/** Single units, one a line: the building's code and the unit's number ("A 12A"). */
	units: optionalText(4000),
	party: z.enum(['all', 'owner', 'renter']).default('all'),
	pinned: checkbox,
	urgent: checkbox,
	public: checkbox,
	expiresAt: optionalDateTime
});

function contentIssues(v: z.output<typeof noticeContent>, ctx: z.RefinementCtx) {
	if (!v.titleEn && !v.titleHant && !v.titleHans) ctx.addIssue({ code: 'custom', path: ['titleEn'], message: m.notices_title_required() });
	if (!v.bodyEn && !v.bodyHant && !v.bodyHans) ctx.addIssue({ code: 'custom', path: ['bodyEn'], message: m.notices_body_required() });
	if (v.targets.length === 0 && !v.units) ctx.addIssue({ code: 'custom', path: ['targets'], message: m.notices_audience_required() });
}

/** A time to publish at, checked as given; the service reads it in the estate's zone and wants it in the future. */
function publishAtIssue(v: { publishAt: string }, ctx: z.RefinementCtx) {
	if (!v.publishAt) ctx.addIssue({ code: 'custom', path: ['publishAt'], message: m.notices_publish_at_required() });
}

/** A notice as the staff form posts it; times are read in the estate's zone by the service. */
export const noticeSchema = noticeContent
	.extend({
		estateId: z.string().regex(uuid, { error: () => m.notices_estate_required() }),
		when: z.enum(['now', 'later', 'draft']).default('now'),
		publishAt: optionalDateTime
	})
	.superRefine((v, ctx) => {
		contentIssues(v, ctx);
		if (v.when === 'later') publishAtIssue(v, ctx);
	});

/**
 * A draft or scheduled notice as the edit form posts it: the same fields and checks as writing
 * one, less its estate (fixed once written) and its time (scheduling and rescheduling set that),
 * plus the files to take off it.
 */
export const noticeEditSchema = noticeContent
	.extend({ removeAttachments: z.array(z.string().regex(uuid)).default([]) })
	.superRefine(contentIssues);

/** Scheduling a draft, or moving a scheduled notice's time. */
export const noticeTimeSchema = z.object({ publishAt: optionalDateTime }).superRefine(publishAtIssue);

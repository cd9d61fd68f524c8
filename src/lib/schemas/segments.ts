import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseAmountMinor } from '#lib/money/parse.ts';
import { optionalText } from './fields.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const segmentGrades = ['A', 'B', 'C', 'D'] as const;

/**
 * A segment's filter (客戶細分, rule 11), as stored (segments.filter) and read back: every part
 * narrows; an empty list or null leaves that part out. What each part means is stated in
 * server/customers/segments.ts, which turns it into SQL.
 */
export const segmentFilterSchema = z.object({
	/** Customer types (customer_types.id). */
	typeIds: z.array(uuid).max(50).default([]),
	/** Effective grades (the override, else the computed grade). */
	grades: z.array(z.enum(segmentGrades)).default([]),
	/** Estates in which the customer occupies a unit today; always narrowed to the staff member's estates. */
	estateIds: z.array(uuid).max(50).default([]),
	/** Has overdue bills (fees/arrears.ts's arrears), owing together at least minMinor. */
	arrears: z
		.object({ minMinor: z.number().int().min(0) })
		.nullable()
		.default(null),
	/** Total area of the units occupied today, m². */
	areaMin: z.number().min(0).nullable().default(null),
	areaMax: z.number().min(0).nullable().default(null),
	/** A renovation application in works now, or any submitted in a period. */
	renovation: z
		.discriminatedUnion('kind', [z.object({ kind: z.literal('in_works') }), z.object({ kind: z.literal('period'), from: day, to: day })])
		.nullable()
		.default(null),
	/** Answered survey X (in its name, not anonymously); optionally a question scored below N. */
	survey: z
		.object({ surveyId: uuid, questionId: z.string().max(100).nullable(), below: z.number().int().min(1).max(11).nullable() })
		.nullable()
		.default(null)
});
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

const amount = z
	.string()
	.trim()
	.refine((v) => v === '' || parseAmountMinor(v) !== null, { error: () => m.segment_amount_invalid() })
	.default('');
const area = z
	.string()
	.trim()
	.refine((v) => v === '' || (/^\d{1,7}(\.\d{1,2})?$/.test(v) && Number.isFinite(Number(v))), { error: () => m.segment_area_invalid() })
	.default('');
const date = z.union([z.literal(''), day]).default('');

/** A segment as the staff form posts it (no JavaScript: lists of checkboxes, plain fields). */
export const segmentFormSchema = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, { error: () => m.segment_name_required() })
			.max(120, { error: () => m.segment_name_required() }),
		description: optionalText(1000),
		typeIds: z.array(uuid).default([]),
		grades: z.array(z.enum(segmentGrades)).default([]),
		estateIds: z.array(uuid).default([]),
		arrears: z.enum(['any', 'overdue']).default('any'),
		arrearsMin: amount,
		areaMin: area,
		areaMax: area,
		renovation: z.enum(['any', 'in_works', 'period']).default('any'),
		renovationFrom: date,
		renovationTo: date,
		surveyId: z.union([z.literal(''), uuid], { error: () => m.segment_survey_unknown() }).default(''),
		questionId: optionalText(100),
		below: z
			.union(
				[
					z.literal(''),
					z.coerce
						.number({ error: () => m.segment_below_invalid() })
						.int({ error: () => m.segment_below_invalid() })
						.min(1, { error: () => m.segment_below_invalid() })
						.max(11, { error: () => m.segment_below_invalid() })
				],
				{ error: () => m.segment_below_invalid() }
			)
			.default('')
	})
	.superRefine((v, ctx) => {
		if (v.renovation === 'period' && (!v.renovationFrom || !v.renovationTo || v.renovationTo < v.renovationFrom))
			ctx.addIssue({ code: 'custom', path: ['renovationTo'], message: m.segment_period_invalid() });
		if (v.areaMin && v.areaMax && Number(v.areaMax) < Number(v.areaMin))
			ctx.addIssue({ code: 'custom', path: ['areaMax'], message: m.segment_area_invalid() });
		if ((v.questionId || v.below !== '') && !v.surveyId)
			ctx.addIssue({ code: 'custom', path: ['surveyId'], message: m.segment_survey_required() });
	});
export type SegmentForm = z.infer<typeof segmentFormSchema>;

/** The stored filter of a posted form. */
export function filterOfForm(form: SegmentForm): SegmentFilter {
	return {
		typeIds: [...new Set(form.typeIds)],
		grades: [...new Set(form.grades)],
		estateIds: [...new Set(form.estateIds)],
		arrears: form.arrears === 'overdue' ? { minMinor: form.arrearsMin ? (parseAmountMinor(form.arrearsMin) ?? 0) : 0 } : null,
		areaMin: form.areaMin ? Number(form.areaMin) : null,
		areaMax: form.areaMax ? Number(form.areaMax) : null,
		renovation:
			form.renovation === 'in_works'
				? { kind: 'in_works' }
				: form.renovation === 'period'
					? { kind: 'period', from: form.renovationFrom, to: form.renovationTo }
					: null,
		survey: form.surveyId
			? { surveyId: form.surveyId, questionId: form.questionId || null, below: form.below === '' ? null : form.below }
			: null
	};
}

/** The form's fields for a stored filter (editing a segment). */
export function formOfFilter(segment: { name: string; description: string; filter: SegmentFilter }): SegmentForm {
	const f = segment.filter;
	return {
		name: segment.name,
		description: segment.description,
		typeIds: f.typeIds,
		grades: f.grades,
		estateIds: f.estateIds,
		arrears: f.arrears ? 'overdue' : 'any',
		arrearsMin: f.arrears?.minMinor ? (f.arrears.minMinor / 100).toFixed(2) : '',
		areaMin: f.areaMin === null ? '' : String(f.areaMin),
		areaMax: f.areaMax === null ? '' : String(f.areaMax),
		renovation: f.renovation?.kind ?? 'any',
		renovationFrom: f.renovation?.kind === 'period' ? f.renovation.from : '',
		renovationTo: f.renovation?.kind === 'period' ? f.renovation.to : '',
		surveyId: f.survey?.surveyId ?? '',
		questionId: f.survey?.questionId ?? '',
		below: f.survey?.below ?? ''
	};
}

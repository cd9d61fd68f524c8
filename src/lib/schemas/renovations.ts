import { z } from 'zod';
import { optionalText } from './fields.ts';
import { m } from '#lib/paraglide/messages.js';
import { renovationWorks } from '#lib/renovation-works.ts';

/** An empty field posts ''; a draft may leave any field empty (the checklist says what is missing). */
const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
const optionalDate = z.preprocess(blankToNull, z.iso.date({ error: () => m.field_date_invalid() }).nullable());

/**
 * A renovation application's form, saved as a draft as often as the applicant likes. Each field
 * is checked when given; completeness is the checklist's business (renovations/checklist.ts),
 * asked when the application is submitted.
 */
export const renovationFormSchema = z
	.object({
		plannedStart: optionalDate,
		plannedEnd: optionalDate,
		scope: optionalText(2000),
		areaM2: z.preprocess(
			blankToNull,
			z
				.string()
				.trim()
				.regex(/^\d{1,7}(\.\d{1,2})?$/, { error: () => m.renovations_area_invalid() })
				.refine((v) => Number(v) > 0, { error: () => m.renovations_area_invalid() })
				.nullable()
		),
		// Checkboxes post one value each, or none.
		works: z.preprocess(
			(value): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
			z.array(z.enum(renovationWorks, { error: () => m.renovations_work_invalid() })).transform((works) => [...new Set(works)])
		),
		contractorCompany: optionalText(200),
		contractorLicence: z
			.string()
			.trim()
			.toUpperCase()
			.refine((v) => v === '' || /^[A-Z0-9-]{6,30}$/.test(v), { error: () => m.renovations_licence_invalid() })
			.default(''),
		// 資質等級 1 is the highest; 3 is refused at once, not at submission: the applicant should know now.
		contractorGrade: z.preprocess(
			blankToNull,
			z.coerce
				.number({ error: () => m.renovations_grade_invalid() })
				.int({ error: () => m.renovations_grade_invalid() })
				.min(1, { error: () => m.renovations_grade_invalid() })
				.max(3, { error: () => m.renovations_grade_invalid() })
				.refine((grade) => grade <= 2, { error: () => m.renovations_grade_too_low() })
				.nullable()
		),
		contractorEmail: z.preprocess(
			(value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
			z.union([z.literal(''), z.email({ error: () => m.field_email_invalid() }).max(254)]).default('')
		),
		contractorPhone: optionalText(40)
	})
	.superRefine((data, ctx) => {
		if (data.plannedStart && data.plannedEnd && data.plannedEnd < data.plannedStart) {
			ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: m.renovations_end_before_start() });
		}
	});

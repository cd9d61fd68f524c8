import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { customerGrades, ratingCriteria, type CustomerGrade, type RatingCriterion } from '#lib/rating-criteria.ts';

/** Customers (rule 11): what the rating-rules, override and customer-type forms post. */

const weight = z
	.number({ error: () => m.customer_rules_weight_range() })
	.int({ error: () => m.customer_rules_weight_range() })
	.min(0, { error: () => m.customer_rules_weight_range() })
	.max(100, { error: () => m.customer_rules_weight_range() });
const figure = z
	.number({ error: () => m.customer_rules_figure_range() })
	.int({ error: () => m.customer_rules_figure_range() })
	.min(0, { error: () => m.customer_rules_figure_range() })
	.max(1_000_000, { error: () => m.customer_rules_figure_range() });
const score = z
	.number({ error: () => m.customer_rules_band_range() })
	.int({ error: () => m.customer_rules_band_range() })
	.min(0, { error: () => m.customer_rules_band_range() })
	.max(100, { error: () => m.customer_rules_band_range() });

export type RuleField = `${RatingCriterion}_${'weight' | 'full' | 'zero'}`;
export type BandField = `band_${CustomerGrade}`;

const ruleShape = Object.fromEntries(
	ratingCriteria.flatMap((c) => [
		[`${c}_weight`, weight],
		[`${c}_full`, figure],
		[`${c}_zero`, figure]
	])
) as Record<RuleField, typeof figure>;
const bandShape = Object.fromEntries(customerGrades.map((g) => [`band_${g}`, score])) as Record<BandField, typeof score>;

/**
 * The rating rules as one form: each criterion's weight and its full-points and no-points figures,
 * and the least score of each grade. Some weight must count, a criterion's two figures must differ,
 * and the bands must fall from A to D.
 */
export const ratingRulesSchema = z.object({ ...ruleShape, ...bandShape }).superRefine((input, ctx) => {
	if (ratingCriteria.every((c) => input[`${c}_weight`] === 0))
		ctx.addIssue({ code: 'custom', path: [`${ratingCriteria[0]}_weight`], message: m.customer_rules_weights_zero() });
	for (const c of ratingCriteria)
		if (input[`${c}_full`] === input[`${c}_zero`])
			ctx.addIssue({ code: 'custom', path: [`${c}_zero`], message: m.customer_rules_full_equals_zero() });
	customerGrades.forEach((grade, index) => {
		const above = customerGrades[index - 1];
		if (above && input[`band_${grade}`] >= input[`band_${above}`])
			ctx.addIssue({ code: 'custom', path: [`band_${grade}`], message: m.customer_rules_bands_descending() });
	});
});
export type RatingRulesInput = z.infer<typeof ratingRulesSchema>;

const reason = () =>
	z
		.string()
		.trim()
		.min(1, { error: () => m.customer_override_reason_required() })
		.max(500, { error: () => m.customer_override_reason_long() });

/** The office's own grade for a customer and why. */
export const gradeOverrideSchema = z.object({
	grade: z.enum(customerGrades, { error: () => m.customer_override_grade_required() }),
	reason: reason()
});
export type GradeOverrideInput = z.infer<typeof gradeOverrideSchema>;

/** Lifting the override: why the computed grade stands again. */
export const liftOverrideSchema = z.object({ liftReason: reason() });
export type LiftOverrideInput = z.infer<typeof liftOverrideSchema>;

// What the rating rules' criteria are called, in the reader's language (pages and server): one
// table, checked complete by the compiler. The criteria themselves are the rule book's (rule 11).
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { RatingCriterion } from '#lib/rating-criteria.ts';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const criterionLabel: Record<RatingCriterion, Label> = {
	arrears_history: m.customer_criterion_arrears_history,
	complaints: m.customer_criterion_complaints,
	area_leased: m.customer_criterion_area_leased,
	tenure: m.customer_criterion_tenure,
	survey_scores: m.customer_criterion_survey_scores
};

// What the rating rules' criteria are called, in the reader's language (pages and server): one
// table, checked complete by the compiler. The criteria themselves are the rule book's (rule 11).
import { m } from '#lib/paraglide/messages.js';
import { areaNumber, formatNumber, numberFormat } from '#lib/numbers.ts';
import { getLocale, type Locale } from '#lib/paraglide/runtime.js';
import type { RatingCriterion } from '#lib/rating-criteria.ts';
import type { CustomerEventKind } from '#lib/server/customers/event-kinds.ts';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const criterionLabel: Record<RatingCriterion, Label> = {
	arrears_history: m.customer_criterion_arrears_history,
	complaints: m.customer_criterion_complaints,
	area_leased: m.customer_criterion_area_leased,
	tenure: m.customer_criterion_tenure,
	survey_scores: m.customer_criterion_survey_scores
};

/** A customer's history, in words (events of subject 'customer'). */
export const customerEventNames: Record<CustomerEventKind, () => string> = {
	graded: () => m.customer_event_graded(),
	override_set: () => m.customer_event_override_set(),
	override_lifted: () => m.customer_event_override_lifted()
};

/** What figure each criterion reads, in words (the rating rules' form: the unit its figures are in). */
export const criterionUnit: Record<RatingCriterion, () => string> = {
	arrears_history: () => m.customer_unit_arrears_history(),
	complaints: () => m.customer_unit_complaints(),
	area_leased: () => m.customer_unit_area_leased(),
	tenure: () => m.customer_unit_tenure(),
	survey_scores: () => m.customer_unit_survey_scores()
};

/** A reason's figure as people read it: months, a count, m², an average score (stored ×100). */
export function criterionValue(criterion: RatingCriterion, value: number): string {
	switch (criterion) {
		case 'arrears_history':
		case 'tenure':
			return m.customer_value_months({ count: value });
		case 'complaints':
			return formatNumber(value);
		case 'area_leased':
			return m.customer_value_area({ area: areaNumber(value) });
		case 'survey_scores':
			return numberFormat(getLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100);
	}
}

import { describe, expect, it } from 'vitest';
import { criterionPoints, gradeOf, rateCustomer, type GradeBand, type RatingFigures, type RatingRule } from './rating.ts';

const rules: RatingRule[] = [
	{ criterion: 'arrears_history', weight: 30, fullAt: 0, zeroAt: 3 },
	{ criterion: 'complaints', weight: 20, fullAt: 0, zeroAt: 5 },
	{ criterion: 'area_leased', weight: 20, fullAt: 500, zeroAt: 0 },
	{ criterion: 'tenure', weight: 15, fullAt: 60, zeroAt: 0 },
	{ criterion: 'survey_scores', weight: 15, fullAt: 500, zeroAt: 100 }
];
const bands: GradeBand[] = [
	{ grade: 'A', minScore: 85 },
	{ grade: 'B', minScore: 70 },
	{ grade: 'C', minScore: 50 },
	{ grade: 'D', minScore: 0 }
];
const best: RatingFigures = { arrears_history: 0, complaints: 0, area_leased: 500, tenure: 60, survey_scores: 500 };
const only = (criterion: RatingRule['criterion']) => rules.filter((r) => r.criterion === criterion);

describe('rating a customer', () => {
	it('gives full points for no months overdue, none from three months on, a third off for each month', () => {
		const rule = only('arrears_history')[0]!;
		expect([0, 1, 2, 3, 7].map((months) => criterionPoints(months, rule))).toEqual([100, 67, 33, 0, 0]);
	});

	it('takes points off for each complaint of the last twelve months down to none at five', () => {
		const rule = only('complaints')[0]!;
		expect([0, 1, 5, 9].map((count) => criterionPoints(count, rule))).toEqual([100, 80, 0, 0]);
	});

	it('gives points for the area held in proportion up to the full area', () => {
		const rule = only('area_leased')[0]!;
		expect([0, 125.5, 250, 500, 2000].map((m2) => criterionPoints(m2, rule))).toEqual([0, 25, 50, 100, 100]);
	});

	it('gives points for months of tenure up to five years', () => {
		const rule = only('tenure')[0]!;
		expect([0, 6, 30, 60, 120].map((months) => criterionPoints(months, rule))).toEqual([0, 10, 50, 100, 100]);
	});

	it('reads an average survey score ×100 between 1.00 (none) and 5.00 (full)', () => {
		const rule = only('survey_scores')[0]!;
		expect([100, 300, 450, 500].map((score) => criterionPoints(score, rule))).toEqual([0, 50, 88, 100]);
	});

	it('weighs the points by the rules and keeps each criterion’s value, points and weight as the reasons', () => {
		const rating = rateCustomer({ arrears_history: 1, complaints: 1, area_leased: 250, tenure: 30, survey_scores: 300 }, rules, bands);
		// (67·30 + 80·20 + 50·20 + 50·15 + 50·15) / 100 = 61.1
		expect(rating.score).toBe(61);
		expect(rating.grade).toBe('C');
		expect(rating.reasons).toEqual([
			{ criterion: 'arrears_history', value: 1, points: 67, weight: 30 },
			{ criterion: 'complaints', value: 1, points: 80, weight: 20 },
			{ criterion: 'area_leased', value: 250, points: 50, weight: 20 },
			{ criterion: 'tenure', value: 30, points: 50, weight: 15 },
			{ criterion: 'survey_scores', value: 300, points: 50, weight: 15 }
		]);
	});

	it('leaves out a criterion without a figure or without weight instead of marking the customer down', () => {
		const rating = rateCustomer({ ...best, survey_scores: null }, rules, bands);
		expect(rating.score).toBe(100);
		expect(rating.reasons.map((r) => r.criterion)).not.toContain('survey_scores');
		const unweighted = rateCustomer(best, [...rules.filter((r) => r.criterion !== 'tenure'), { ...only('tenure')[0]!, weight: 0 }], bands);
		expect(unweighted.reasons.map((r) => r.criterion)).not.toContain('tenure');
	});

	it('scores nothing when no criterion counts', () => {
		expect(rateCustomer(best, [], bands)).toEqual({ score: 0, grade: 'D', reasons: [] });
	});
});

describe('grade bands', () => {
	it('give the best band a score reaches, the band’s least score included', () => {
		expect([100, 85, 84, 70, 69, 50, 49, 0].map((score) => gradeOf(score, bands))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
	});

	it('give the last grade to a score below every band, whatever order the bands come in', () => {
		const shuffled: GradeBand[] = [bands[2]!, { grade: 'D', minScore: 20 }, bands[0]!, bands[1]!];
		expect(gradeOf(10, shuffled)).toBe('D');
		expect(gradeOf(90, shuffled)).toBe('A');
	});
});

/**
 * A customer's grade from its figures and the office's rating rules (rule 11), with nothing read
 * or written: grading.ts reads the figures and keeps the result. Each criterion gives 0–100 points,
 * linearly from the figure that earns none (`zeroAt`) to the one that earns all (`fullAt`), capped
 * at both ends — either may be the larger (fewer months overdue is better, more m² held is
 * better). The score is the points' average weighted by the rules' weights, over the criteria
 * whose figure is known (a customer who answered no survey is not marked down for it); the grade
 * is the first band, best first, whose least score the score reaches, else the last.
 */
import { customerGrades, ratingCriteria, type CustomerGrade, type RatingCriterion } from '#lib/rating-criteria.ts';
import type { GradeReason } from '../db/schema/index.ts';

/** The figures of one customer, by criterion; null when there is none to read (no survey answered). */
export type RatingFigures = Record<RatingCriterion, number | null>;

export interface RatingRule {
	criterion: RatingCriterion;
	weight: number;
	fullAt: number;
	zeroAt: number;
}

export interface GradeBand {
	grade: CustomerGrade;
	minScore: number;
}

export interface Rating {
	score: number;
	grade: CustomerGrade;
	reasons: GradeReason[];
}

/** The points 0–100 a figure earns under one rule. */
export function criterionPoints(value: number, rule: Pick<RatingRule, 'fullAt' | 'zeroAt'>): number {
	if (rule.fullAt === rule.zeroAt) return value === rule.fullAt ? 100 : 0;
	const share = (value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
	return Math.round(Math.min(1, Math.max(0, share)) * 100);
}

/** The grade a score earns: the best band it reaches, else the last grade. */
export function gradeOf(score: number, bands: readonly GradeBand[]): CustomerGrade {
	const best = [...bands].sort((a, b) => customerGrades.indexOf(a.grade) - customerGrades.indexOf(b.grade));
	return best.find((band) => score >= band.minScore)?.grade ?? customerGrades.at(-1)!;
}

/** The score, grade and reasons (in the criteria's order) of one customer's figures under the rules. */
export function rateCustomer(figures: RatingFigures, rules: readonly RatingRule[], bands: readonly GradeBand[]): Rating {
	const reasons: GradeReason[] = [];
	for (const criterion of ratingCriteria) {
		const rule = rules.find((r) => r.criterion === criterion);
		const value = figures[criterion];
		if (!rule || rule.weight <= 0 || value === null) continue;
		reasons.push({ criterion, value, points: criterionPoints(value, rule), weight: rule.weight });
	}
	const weights = reasons.reduce((sum, r) => sum + r.weight, 0);
	const score = weights === 0 ? 0 : Math.round(reasons.reduce((sum, r) => sum + r.points * r.weight, 0) / weights);
	return { score, grade: gradeOf(score, bands), reasons };
}

/**
 * The office's rating rules and grade bands (rule 11): read by the grading job, edited by the admin
 * (customers.rules) as one form, audited with before and after. Defaults fill a missing row at
 * every start (ensureDefaultRatingRules), never overwriting the office's own figures.
 */
import { db, type Executor } from '../db/client.ts';
import { gradeBands, ratingRules } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { customerGrades, ratingCriteria, type CustomerGrade, type RatingCriterion } from '#lib/rating-criteria.ts';
import type { RatingRulesInput } from '#lib/schemas/customers.ts';
import type { GradeBand, RatingRule } from './rating.ts';

/**
 * What an office starts from: arrears weigh most (none overdue full, three months none),
 * complaints of the last 12 months (none full, five none), area held (500 m² full), tenure (five
 * years full), average survey score ×100 (5.00 full, 1.00 none).
 */
const DEFAULT_RATING_RULES: Record<RatingCriterion, Omit<RatingRule, 'criterion'>> = {
	arrears_history: { weight: 30, fullAt: 0, zeroAt: 3 },
	complaints: { weight: 20, fullAt: 0, zeroAt: 5 },
	area_leased: { weight: 20, fullAt: 500, zeroAt: 0 },
	tenure: { weight: 15, fullAt: 60, zeroAt: 0 },
	survey_scores: { weight: 15, fullAt: 500, zeroAt: 100 }
};
const DEFAULT_GRADE_BANDS: Record<CustomerGrade, number> = { A: 85, B: 70, C: 50, D: 0 };

export interface RatingRuleBook {
	rules: RatingRule[];
	bands: GradeBand[];
}

/** Fills in any missing rule or band with the default (at start; the office's rows are kept). */
export async function ensureDefaultRatingRules(executor: Executor): Promise<void> {
	await executor
		.insert(ratingRules)
		.values(ratingCriteria.map((criterion) => ({ criterion, ...DEFAULT_RATING_RULES[criterion] })))
		.onConflictDoNothing();
	await executor
		.insert(gradeBands)
		.values(customerGrades.map((grade) => ({ grade, minScore: DEFAULT_GRADE_BANDS[grade] })))
		.onConflictDoNothing();
}

/** The rules and bands in force, a missing row read as its default. */
export async function loadRatingRules(executor: Executor = db()): Promise<RatingRuleBook> {
	const [ruleRows, bandRows] = await Promise.all([executor.select().from(ratingRules), executor.select().from(gradeBands)]);
	return {
		rules: ratingCriteria.map((criterion) => {
			const row = ruleRows.find((r) => r.criterion === criterion);
			return { criterion, ...(row ? { weight: row.weight, fullAt: row.fullAt, zeroAt: row.zeroAt } : DEFAULT_RATING_RULES[criterion]) };
		}),
		bands: customerGrades.map((grade) => ({
			grade,
			minScore: bandRows.find((b) => b.grade === grade)?.minScore ?? DEFAULT_GRADE_BANDS[grade]
		}))
	};
}

/** The rule book as the form's fields. */
export function ruleBookToForm(book: RatingRuleBook): RatingRulesInput {
	const form: Record<string, number> = {};
	for (const rule of book.rules) {
		form[`${rule.criterion}_weight`] = rule.weight;
		form[`${rule.criterion}_full`] = rule.fullAt;
		form[`${rule.criterion}_zero`] = rule.zeroAt;
	}
	for (const band of book.bands) form[`band_${band.grade}`] = band.minScore;
	return form as RatingRulesInput;
}

function formToRuleBook(input: RatingRulesInput): RatingRuleBook {
	return {
		rules: ratingCriteria.map((criterion) => ({
			criterion,
			weight: input[`${criterion}_weight`],
			fullAt: input[`${criterion}_full`],
			zeroAt: input[`${criterion}_zero`]
		})),
		bands: customerGrades.map((grade) => ({ grade, minScore: input[`band_${grade}`] }))
	};
}

export function ratingRulesForAdmin(actor: Actor | null): Promise<RatingRuleBook> {
	requireStaff(actor, 'customers.rules');
	return loadRatingRules(db());
}

/** Saves the whole rule book (validated by ratingRulesSchema) with one audit row of before and after; grades follow at the next grading. */
export async function saveRatingRules(actor: Actor, input: RatingRulesInput, ip?: string): Promise<void> {
	requireStaff(actor, 'customers.rules');
	const after = formToRuleBook(input);
	await db().transaction(async (tx) => {
		const before = await loadRatingRules(tx);
		const now = new Date();
		for (const rule of after.rules) {
			const values = { weight: rule.weight, fullAt: rule.fullAt, zeroAt: rule.zeroAt };
			await tx
				.insert(ratingRules)
				.values({ criterion: rule.criterion, ...values })
				.onConflictDoUpdate({ target: ratingRules.criterion, set: { ...values, updatedAt: now } });
		}
		for (const band of after.bands) {
			await tx
				.insert(gradeBands)
				.values(band)
				.onConflictDoUpdate({ target: gradeBands.grade, set: { minScore: band.minScore, updatedAt: now } });
		}
		await recordAudit(tx, {
			actor,
			action: 'customers.rules.update',
			subjectType: 'rating_rules',
			subjectId: 'rating_rules',
			detail: { before, after },
			ip
		});
	});
}

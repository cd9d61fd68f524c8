import { describe, expect, it } from 'vitest';
import { annualSurvey } from './annual-template.ts';
import { answersFromForm, checkAnswers, type Answers } from './definition.ts';

const complete: Answers = {
	overall: 4,
	areas: { customer_service: 4, repairs: 3, security: 5, cleaning: 4, greening: 4, value: 3 },
	fees_level: 'about_right',
	recommend: 8,
	improve: ['response', 'fees'],
	comments: '  Lifts are slow in the mornings.  '
};

describe('checking answers against the annual survey', () => {
	it('keeps a complete response, with its text trimmed', () => {
		const checked = checkAnswers(annualSurvey, complete, { submit: true });
		expect(checked.problems).toEqual({});
		expect(checked.answers.comments).toBe('Lifts are slow in the mornings.');
	});

	it('asks for every required question on submit, and for every row of a required grid, but not while saving as you go', () => {
		const partial: Answers = { overall: 4, areas: { repairs: 2 } };
		expect(checkAnswers(annualSurvey, partial, { submit: false }).problems).toEqual({});
		expect(checkAnswers(annualSurvey, partial, { submit: true }).problems).toEqual({
			areas: 'required',
			fees_level: 'required',
			recommend: 'required'
		});
	});

	it('refuses out-of-range scores: 6 of 5, 11 of 10, a fraction, a grid row of 0', () => {
		const problems = checkAnswers(
			annualSurvey,
			{ ...complete, overall: 6, recommend: 11, areas: { ...(complete.areas as Record<string, number>), repairs: 0 } },
			{ submit: true }
		).problems;
		expect(problems).toEqual({ overall: 'out_of_range', recommend: 'out_of_range', areas: 'out_of_range' });
		expect(checkAnswers(annualSurvey, { ...complete, recommend: 7.5 }, { submit: true }).problems).toEqual({ recommend: 'out_of_range' });
	});

	it('refuses tampered ids: a question, a choice and a grid row the survey does not have', () => {
		const problems = checkAnswers(
			annualSurvey,
			{
				...complete,
				salary: 'x',
				fees_level: 'free',
				improve: ['response', 'response'],
				areas: { ...(complete.areas as Record<string, number>), pool: 5 }
			},
			{ submit: true }
		).problems;
		expect(problems).toEqual({
			salary: 'unknown_question',
			fees_level: 'unknown_choice',
			improve: 'unknown_choice',
			areas: 'unknown_choice'
		});
	});

	it('shows "what went wrong?" only under a low overall score, and drops its answer otherwise', () => {
		const low = checkAnswers(annualSurvey, { ...complete, overall: 2, overall_why: 'Slow repairs' }, { submit: true });
		expect(low.answers.overall_why).toBe('Slow repairs');
		const high = checkAnswers(annualSurvey, { ...complete, overall: 4, overall_why: 'Slow repairs' }, { submit: true });
		expect(high.answers).not.toHaveProperty('overall_why');
	});

	it('refuses a text longer than its question allows', () => {
		expect(checkAnswers(annualSurvey, { ...complete, comments: 'x'.repeat(4001) }, { submit: true }).problems).toEqual({
			comments: 'too_long'
		});
	});
});

describe('reading answers from a plain form', () => {
	it('reads scores, a choice, repeated choices, grid rows and text; a field the survey lacks comes through to be refused', () => {
		const answers = answersFromForm(annualSurvey, [
			['q.overall', '2'],
			['q.overall_why', 'Lift broken for a week'],
			['q.areas.repairs', '1'],
			['q.areas.security', ''],
			['q.fees_level', 'too_high'],
			['q.improve', 'response'],
			['q.improve', 'facilities'],
			['q.recommend', 'ten'],
			['q.bonus', '1'],
			['csrf', 'x']
		]);
		expect(answers).toEqual({
			overall: 2,
			overall_why: 'Lift broken for a week',
			areas: { repairs: 1 },
			fees_level: 'too_high',
			improve: ['response', 'facilities'],
			recommend: 'ten',
			bonus: '1'
		});
		expect(checkAnswers(annualSurvey, answers, { submit: false }).problems).toEqual({
			recommend: 'out_of_range',
			bonus: 'unknown_question'
		});
	});
});

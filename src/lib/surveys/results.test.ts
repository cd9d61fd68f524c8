import { describe, expect, it } from 'vitest';
import { annualSurvey } from './annual-template.ts';
import type { Answers, SurveyDefinition } from './definition.ts';
import {
	answerCells,
	answerColumns,
	compareResults,
	computeResults,
	npsOf,
	resultsOf,
	satisfactionIndex,
	tallyResponses,
	textAnswersOf,
	type ResponseFacts
} from './results.ts';

const areas = (customer_service: number, repairs: number) => ({
	customer_service,
	repairs,
	security: 4,
	cleaning: 4,
	greening: 4,
	value: 4
});

const at = (estateId: string, buildingId: string, answers: Answers): ResponseFacts => ({ estateId, buildingId, answers });

// Estate E1 (buildings A and B) and estate E2 (building C).
const responses: ResponseFacts[] = [
	at('E1', 'A', { overall: 5, areas: areas(5, 2), fees_level: 'about_right', recommend: 10, improve: ['response', 'fees'] }),
	at('E1', 'A', { overall: 4, areas: areas(4, 2), fees_level: 'too_high', recommend: 9, comments: 'Lifts are slow.' }),
	at('E1', 'B', {
		overall: 2,
		overall_why: 'Noise at night',
		areas: areas(3, 1),
		fees_level: 'too_high',
		recommend: 6,
		improve: ['response']
	}),
	at('E2', 'C', { overall: 3, areas: areas(4, 3), fees_level: 'about_right', recommend: 7 })
];

const results = resultsOf(annualSurvey, responses, { targetScore: 4 });
const question = (id: string) => results.questions.find((q) => q.id === id)!;

describe('the satisfaction index', () => {
	it('is (mean − 1) / 4 × 100: 1 → 0, 3 → 50, 4 → 75, 5 → 100', () => {
		expect([1, 3, 4, 5, 4.2].map(satisfactionIndex)).toEqual([0, 50, 75, 100, 80]);
		expect(results.target).toEqual({ score: 4, index: 75 });
	});

	it('gives a satisfaction question its distribution, mean and index, and flags it below the target', () => {
		const overall = question('overall');
		expect(overall).toMatchObject({ kind: 'satisfaction', answered: 4, count: 4, mean: 3.5, index: 62.5, belowTarget: true });
		if (overall.kind !== 'satisfaction') throw new Error('kind');
		expect(overall.distribution.map((b) => [b.value, b.count, b.share])).toEqual([
			['1', 0, 0],
			['2', 1, 0.25],
			['3', 1, 0.25],
			['4', 1, 0.25],
			['5', 1, 0.25]
		]);
	});

	it('gives each grid row its own distribution and index, as a service area named question/row', () => {
		const grid = question('areas');
		if (grid.kind !== 'grid') throw new Error('kind');
		const repairs = grid.rows.find((r) => r.id === 'repairs')!;
		expect(repairs).toMatchObject({ areaId: 'areas/repairs', count: 4, mean: 2, index: 25, belowTarget: true });
		expect(repairs.distribution.map((b) => b.count)).toEqual([1, 2, 1, 0, 0]);
		const service = grid.rows.find((r) => r.id === 'customer_service')!;
		expect(service).toMatchObject({ mean: 4, index: 75, belowTarget: false });
		// The grid as a whole: every row's scores (24 of them).
		expect(grid).toMatchObject({ answered: 4, count: 24 });
	});

	it('lists the areas — satisfaction questions and grid rows — with the flags, in the survey’s order', () => {
		expect(results.areas.map((a) => [a.id, a.mean, a.belowTarget])).toEqual([
			['overall', 3.5, true],
			['areas/customer_service', 4, false],
			['areas/repairs', 2, true],
			['areas/security', 4, false],
			['areas/cleaning', 4, false],
			['areas/greening', 4, false],
			['areas/value', 4, false]
		]);
	});

	it('is the mean of every 1–5 score of the group, overall, by estate and by building', () => {
		// E1: overall 5+4+2, grid rows 5+2+16, 4+2+16, 3+1+16 → 11 + 65 = 76 over 21 scores.
		const e1 = results.byEstate.find((e) => e.id === 'E1')!;
		expect(e1).toMatchObject({ responses: 3, count: 21 });
		expect(e1.mean).toBeCloseTo(76 / 21, 10);
		expect(e1.index).toBeCloseTo(satisfactionIndex(76 / 21), 10);
		expect(e1.belowTarget).toBe(true);
		const a = results.byBuilding.find((b) => b.id === 'A')!;
		expect(a).toMatchObject({ estateId: 'E1', responses: 2, count: 14 });
		expect(a.mean).toBeCloseTo((9 + 5 + 2 + 4 + 2 + 32) / 14, 10);
		expect(a.areas['areas/repairs']).toMatchObject({ count: 2, mean: 2, index: 25, belowTarget: true });
		const c = results.byBuilding.find((b) => b.id === 'C')!;
		expect(c).toMatchObject({ estateId: 'E2', responses: 1, count: 7, mean: 26 / 7 });
		// Overall: the 28 scores of the four responses (overall 14, grid rows 23 + 22 + 20 + 23).
		expect(results.overall.count).toBe(28);
		expect(results.overall.mean).toBeCloseTo(102 / 28, 10);
	});

	it('flags nothing when the target is low enough, and nothing without answers', () => {
		const lenient = resultsOf(annualSurvey, responses, { targetScore: 1 });
		expect(lenient.areas.some((a) => a.belowTarget)).toBe(false);
		const empty = resultsOf(annualSurvey, [], { targetScore: 4 });
		expect(empty.responses).toBe(0);
		expect(empty.overall).toEqual({ count: 0, mean: null, index: null, belowTarget: false });
		expect(empty.nps).toEqual({ count: 0, promoters: 0, passives: 0, detractors: 0, score: null });
		expect(empty.areas.every((a) => a.mean === null && !a.belowTarget)).toBe(true);
	});
});

describe('NPS', () => {
	it('counts 9–10 as promoters, 7–8 as passives, 0–6 as detractors, and gives promoters minus detractors in %', () => {
		expect(
			npsOf(
				new Map([
					[9, 1],
					[10, 1],
					[7, 1],
					[8, 1],
					[6, 1],
					[0, 1],
					[5, 2]
				])
			)
		).toEqual({
			count: 8,
			promoters: 2,
			passives: 2,
			detractors: 4,
			score: -25
		});
		expect(npsOf(new Map([[10, 3]])).score).toBe(100);
		expect(npsOf(new Map([[6, 3]])).score).toBe(-100);
		expect(npsOf(new Map()).score).toBeNull();
	});

	it('is the survey’s NPS and each group’s, from the first NPS question', () => {
		// 10, 9 promoters; 6 detractor; 7 passive → (2 − 1) / 4 = 25.
		expect(results.nps).toEqual({ count: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
		const recommend = question('recommend');
		expect(recommend).toMatchObject({ kind: 'nps', answered: 4, mean: 8 });
		expect(results.byEstate.find((e) => e.id === 'E2')!.nps).toMatchObject({ count: 1, passives: 1, score: 0 });
		expect(results.byBuilding.find((b) => b.id === 'B')!.nps).toMatchObject({ detractors: 1, score: -100 });
	});
});

describe('choices and free text', () => {
	it('counts single and multiple choices, shares of the responses that answered', () => {
		const fees = question('fees_level');
		if (fees.kind !== 'single') throw new Error('kind');
		expect(fees.choices.map((c) => [c.value, c.count, c.share])).toEqual([
			['too_high', 2, 0.5],
			['about_right', 2, 0.5],
			['low', 0, 0]
		]);
		const improve = question('improve');
		if (improve.kind !== 'multiple') throw new Error('kind');
		// Two responses answered; "response" was chosen by both.
		expect(improve.answered).toBe(2);
		expect(improve.choices.map((c) => [c.value, c.count, c.share])).toEqual([
			['response', 2, 1],
			['communication', 0, 0],
			['facilities', 0, 0],
			['fees', 1, 0.5]
		]);
	});

	it('counts free-text answers with their tags, and lists a response’s texts in the survey’s order', () => {
		const tagged = resultsOf(annualSurvey, responses, {
			targetScore: 4,
			tags: [
				{ questionId: 'comments', tag: 'lift', count: 1 },
				{ questionId: 'overall_why', tag: 'noise', count: 1 }
			]
		});
		expect(tagged.questions.find((q) => q.id === 'comments')).toMatchObject({
			kind: 'text',
			answered: 1,
			tags: [{ tag: 'lift', count: 1 }]
		});
		expect(tagged.questions.find((q) => q.id === 'overall_why')).toMatchObject({ answered: 1, tags: [{ tag: 'noise', count: 1 }] });
		expect(textAnswersOf(annualSurvey, { comments: 'Thanks', overall_why: 'Noise', overall: 2 })).toEqual([
			{ questionId: 'overall_why', text: 'Noise' },
			{ questionId: 'comments', text: 'Thanks' }
		]);
	});

	it('ignores what the survey does not ask: unknown questions, rows, choices and scores off the scale', () => {
		const odd = resultsOf(annualSurvey, [at('E1', 'A', { overall: 9, bonus: 5, areas: { lobby: 1, repairs: 5 }, fees_level: 'free' })], {
			targetScore: 4
		});
		expect(odd.questions.find((q) => q.id === 'overall')).toMatchObject({ count: 0, mean: null });
		expect(odd.areas.find((a) => a.id === 'areas/repairs')).toMatchObject({ count: 1, mean: 5 });
		expect(odd.overall).toMatchObject({ count: 1, mean: 5 });
	});
});

describe('the tally', () => {
	it('counts per building: responses, questions answered and values given (no free text)', () => {
		const tally = tallyResponses(annualSurvey, responses.slice(0, 2));
		expect(tally.responses).toEqual([{ estateId: 'E1', buildingId: 'A', count: 2 }]);
		expect(tally.answered).toContainEqual({ estateId: 'E1', buildingId: 'A', questionId: 'comments', count: 1 });
		expect(tally.values).toContainEqual({ estateId: 'E1', buildingId: 'A', questionId: 'areas', rowId: 'repairs', value: '2', count: 2 });
		expect(tally.values).toContainEqual({ estateId: 'E1', buildingId: 'A', questionId: 'recommend', rowId: null, value: '10', count: 1 });
		expect(tally.values.some((v) => v.questionId === 'comments')).toBe(false);
	});

	it('gives the same results however the counts are split into rows', () => {
		const tally = tallyResponses(annualSurvey, responses);
		const split = {
			...tally,
			values: tally.values.flatMap((v) =>
				v.count > 1
					? [
							{ ...v, count: 1 },
							{ ...v, count: v.count - 1 }
						]
					: [v]
			)
		};
		expect(computeResults(annualSurvey, split, { targetScore: 4 })).toEqual(results);
	});
});

describe('comparing with last year', () => {
	const lastYear: SurveyDefinition = {
		sections: [
			{
				id: 's',
				title: { en: 'S', zhHans: 'S', zhHant: 'S' },
				questions: [
					{ id: 'overall', kind: 'satisfaction', required: true, text: { en: 'Overall', zhHans: '总体', zhHant: '整體' } },
					{
						id: 'areas',
						kind: 'grid',
						required: true,
						text: { en: 'Areas', zhHans: '各项', zhHant: '各項' },
						rows: [
							{ id: 'repairs', text: { en: 'Repairs', zhHans: '维修', zhHant: '維修' } },
							{ id: 'parking', text: { en: 'Parking', zhHans: '停车', zhHant: '停車' } }
						]
					},
					{ id: 'recommend', kind: 'nps', required: true, text: { en: 'Recommend', zhHans: '推荐', zhHant: '推薦' } },
					{
						id: 'fees_level',
						kind: 'single',
						required: true,
						text: { en: 'Fees', zhHans: '费用', zhHant: '費用' },
						choices: [{ id: 'too_high', text: { en: 'Too high', zhHans: '过高', zhHant: '過高' } }]
					}
				]
			}
		]
	};
	const previous = resultsOf(
		lastYear,
		[
			at('E1', 'A', { overall: 3, areas: { repairs: 3, parking: 2 }, recommend: 5, fees_level: 'too_high' }),
			at('E1', 'A', { overall: 3, areas: { repairs: 4, parking: 4 }, recommend: 10, fees_level: 'too_high' })
		],
		{ targetScore: 4 }
	);
	const comparison = compareResults(results, previous);

	it('matches areas by question id and row id, with the change of index and mean', () => {
		expect(comparison.responses).toEqual({ current: 4, previous: 2 });
		const overall = comparison.areas.find((a) => a.id === 'overall')!;
		expect(overall.index).toEqual({ current: 62.5, previous: 50, change: 12.5 });
		expect(overall.mean).toEqual({ current: 3.5, previous: 3, change: 0.5 });
		expect(comparison.areas.find((a) => a.id === 'areas/repairs')!.index).toEqual({ current: 25, previous: 62.5, change: -37.5 });
		// Asked only this year: no figure last year; asked only last year: after this year's, none this year.
		expect(comparison.areas.find((a) => a.id === 'areas/security')!.index).toEqual({ current: 75, previous: null, change: null });
		expect(comparison.areas.at(-1)).toMatchObject({ id: 'areas/parking', index: { current: null, previous: 50, change: null } });
	});

	it('compares the survey’s index, its NPS, the NPS and choice questions asked both years, and the estates', () => {
		// Last year's six scores: 3, 3 (overall), 3, 4 (repairs), 2, 4 (parking).
		expect(comparison.index.previous).toBeCloseTo(satisfactionIndex(19 / 6), 10);
		expect(comparison.nps).toEqual({ current: 25, previous: 0, change: 25 });
		expect(comparison.questions.map((q) => q.id)).toEqual(['fees_level', 'recommend']);
		const fees = comparison.questions.find((q) => q.id === 'fees_level');
		if (fees?.kind !== 'single') throw new Error('kind');
		expect(fees.choices.find((c) => c.id === 'too_high')!.share).toEqual({ current: 0.5, previous: 1, change: -0.5 });
		expect(fees.choices.find((c) => c.id === 'about_right')!.share).toEqual({ current: 0.5, previous: null, change: null });
		expect(comparison.estates.map((e) => [e.id, e.previous === null])).toEqual([
			['E1', false],
			['E2', true]
		]);
	});
});

describe('the responses export’s columns', () => {
	it('has one column per question and per grid row, titled in the reader’s language', () => {
		const columns = answerColumns(annualSurvey);
		expect(columns.map((c) => (c.rowId ? `${c.questionId}/${c.rowId}` : c.questionId))).toEqual([
			'overall',
			'overall_why',
			'areas/customer_service',
			'areas/repairs',
			'areas/security',
			'areas/cleaning',
			'areas/greening',
			'areas/value',
			'fees_level',
			'recommend',
			'improve',
			'comments'
		]);
		expect(columns[3]!.title('zh-Hant')).toBe('您對以下各項服務的滿意程度？ — 維修');
	});

	it('writes scores as numbers, choices by their text, several joined, and nothing where not answered', () => {
		expect(answerCells(annualSurvey, responses[0]!.answers, 'en')).toEqual([
			5,
			null,
			5,
			2,
			4,
			4,
			4,
			4,
			'About right',
			10,
			'Response times; Fees and billing',
			null
		]);
		expect(answerCells(annualSurvey, { fees_level: 'too_high', comments: '=1+1' }, 'zh-Hans').slice(8)).toEqual([
			'过高',
			null,
			null,
			'=1+1'
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { annualSurvey } from './annual-template.ts';
import {
	applyOp,
	followUpCandidates,
	idsOf,
	newId,
	optionsFromLines,
	questionsOf,
	slug,
	validateDefinition,
	type BuilderOp,
	type OpResult,
	type QuestionInput
} from './builder.ts';
import { checkAnswers, type LocalText, type SurveyDefinition } from './definition.ts';

const t = (en: string, zhHans = `${en}（简）`, zhHant = `${en}（繁）`): LocalText => ({ en, zhHans, zhHant });

/** A random part that counts up, so ids are predictable. */
function counter(start = 0) {
	let n = start;
	return () => String(n++).padStart(5, '0');
}

const question = (over: Partial<QuestionInput> = {}): QuestionInput => ({
	kind: 'satisfaction',
	text: t('How is the lift?'),
	required: true,
	options: [],
	maxLength: 2000,
	showIf: null,
	...over
});

function ok(result: OpResult): Extract<OpResult, { ok: true }> {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result;
}

function apply(definition: SurveyDefinition, ...ops: BuilderOp[]): SurveyDefinition {
	const random = counter();
	return ops.reduce((d, op) => ok(applyOp(d, op, random)).definition, definition);
}

const codes = (definition: SurveyDefinition, options?: { allowEmpty?: boolean }) =>
	validateDefinition(definition, options).map((p) => [p.code, p.field, p.language, p.question ?? p.section].filter(Boolean).join(' '));

/** The annual survey with one question changed. */
function annualWith(id: string, change: (q: Record<string, unknown>) => void): SurveyDefinition {
	const definition = structuredClone(annualSurvey);
	const found = questionsOf(definition).find((q) => q.id === id)!;
	change(found as unknown as Record<string, unknown>);
	return definition;
}

describe('ids', () => {
	it('start with the English text as a slug and end with a random part; a text without Latin letters falls back', () => {
		expect(slug('  How satisfied are you with the lifts?', 'q')).toBe('how_satisfied_are_you_wi');
		expect(slug('電梯', 'question')).toBe('question');
		expect(slug('Café — Ñandú', 'q')).toBe('cafe_nandu');
		expect(newId('Lifts', 'q', new Set(), () => 'abcde')).toBe('lifts_abcde');
	});

	it('are never one the definition already has: a collision draws again', () => {
		const draws = ['aaaaa', 'aaaaa', 'bbbbb'];
		expect(newId('Lifts', 'q', new Set(['lifts_aaaaa']), () => draws.shift()!)).toBe('lifts_bbbbb');
	});

	it('are unique across the whole definition, and stay when the texts are edited', () => {
		const added = ok(applyOp(annualSurvey, { op: 'addQuestion', section: 'service', question: question() }));
		expect(annualSurvey.sections[0]!.questions).toHaveLength(3);
		expect(idsOf(annualSurvey).has(added.question!)).toBe(false);
		expect(added.question).toMatch(/^how_is_the_lift_[a-z0-9]{5}$/);
		const edited = ok(
			applyOp(added.definition, { op: 'updateQuestion', question: added.question!, input: question({ text: t('The lifts?') }) })
		);
		expect(questionsOf(edited.definition).map((q) => q.id)).toEqual(questionsOf(added.definition).map((q) => q.id));
	});
});

describe('sections', () => {
	it('are added at the end, renamed, moved up and down (not past either end) and removed', () => {
		let d = apply(annualSurvey, { op: 'addSection', title: t('Parking') });
		const parking = d.sections.at(-1)!;
		expect(parking.title.en).toBe('Parking');
		expect(parking.questions).toEqual([]);
		d = apply(
			d,
			{ op: 'renameSection', section: parking.id, title: t('Car park') },
			{ op: 'moveSection', section: parking.id, direction: 'up' }
		);
		expect(d.sections.map((s) => s.id)).toEqual(['service', 'price', 'company', parking.id, 'comments']);
		expect(d.sections[3]!.title).toEqual(t('Car park'));
		expect(apply(d, { op: 'moveSection', section: 'service', direction: 'up' }).sections[0]!.id).toBe('service');
		expect(apply(d, { op: 'moveSection', section: 'comments', direction: 'down' }).sections.at(-1)!.id).toBe('comments');
		d = apply(d, { op: 'removeSection', section: parking.id });
		expect(d).toEqual(annualSurvey);
	});

	it('refuses a section that is not there, and removing one whose question has follow-ups elsewhere', () => {
		expect(applyOp(annualSurvey, { op: 'renameSection', section: 'gone', title: t('X') })).toMatchObject({
			ok: false,
			problem: { code: 'unknown_section' }
		});
		// overall_why follows overall in the same section: removing both together is fine.
		expect(applyOp(annualSurvey, { op: 'removeSection', section: 'service' }).ok).toBe(true);
		const d = apply(annualSurvey, {
			op: 'addQuestion',
			section: 'comments',
			question: question({ kind: 'text', showIf: { question: 'overall', below: 3 } })
		});
		expect(applyOp(d, { op: 'removeSection', section: 'service' })).toMatchObject({
			ok: false,
			problem: { code: 'has_follow_ups', question: 'overall' }
		});
	});
});

describe('questions', () => {
	it('are added to the end of a section with their choices, each choice with an id of its own', () => {
		const d = apply(annualSurvey, {
			op: 'addQuestion',
			section: 'price',
			question: question({ kind: 'single', text: t('Parking fee?'), options: [t('Fair'), t('Too high')] })
		});
		const added = d.sections[1]!.questions[1]!;
		expect(added).toMatchObject({ kind: 'single', required: true, text: t('Parking fee?') });
		expect(added.kind === 'single' && added.choices.map((c) => c.text.en)).toEqual(['Fair', 'Too high']);
		expect(added.kind === 'single' && added.choices.map((c) => c.id)).toEqual(['fair_00001', 'too_high_00002']);
		expect(validateDefinition(d)).toEqual([]);
	});

	it('keep only what their kind has: a text question its length, a score none of the options', () => {
		const d = apply(annualSurvey, {
			op: 'addQuestion',
			section: 'price',
			question: question({ kind: 'text', options: [t('ignored'), t('too')], maxLength: 300 })
		});
		expect(d.sections[1]!.questions[1]).toEqual({
			id: 'how_is_the_lift_00000',
			kind: 'text',
			text: t('How is the lift?'),
			required: true,
			maxLength: 300
		});
		const score = apply(annualSurvey, { op: 'addQuestion', section: 'price', question: question({ options: [t('a'), t('b')] }) });
		expect(Object.keys(score.sections[1]!.questions[1]!).sort()).toEqual(['id', 'kind', 'required', 'text']);
	});

	it('change kind, texts, required flag and follow-up, and keep the ids of grid rows edited in place or by one language', () => {
		const grid = annualSurvey.sections[0]!.questions[2]!;
		if (grid.kind !== 'grid') throw new Error('the annual survey changed');
		const rows = grid.rows.map((r) => ({ ...r.text }));
		rows[0] = { en: 'Front desk', zhHans: '前台', zhHant: '前台' }; // all three languages corrected in place
		rows[1] = { ...rows[1]!, en: 'Repairs and maintenance' }; // English only
		rows.splice(2, 1); // security removed
		rows.push(t('Parking'));
		const d = apply(annualSurvey, {
			op: 'updateQuestion',
			question: 'areas',
			input: { kind: 'grid', text: grid.text, required: false, options: rows, maxLength: 0, showIf: null }
		});
		const after = d.sections[0]!.questions[2]!;
		expect(after.kind === 'grid' && after.rows.map((r) => r.id)).toEqual([
			'customer_service',
			'repairs',
			'cleaning',
			'greening',
			'value',
			'parking_00000'
		]);
		expect(after.required).toBe(false);

		const changed = apply(annualSurvey, {
			op: 'updateQuestion',
			question: 'comments',
			input: question({ kind: 'nps', text: t('Again?'), showIf: { question: 'recommend', below: 7 } })
		});
		expect(questionsOf(changed).at(-1)).toEqual({
			id: 'comments',
			kind: 'nps',
			text: t('Again?'),
			required: true,
			showIf: { question: 'recommend', below: 7 }
		});
		expect(validateDefinition(changed)).toEqual([]);
	});

	it('move one place at a time, across into the neighbouring section at either end, and stay at the very ends', () => {
		let d = apply(annualSurvey, { op: 'moveQuestion', question: 'fees_level', direction: 'up' });
		expect(d.sections[0]!.questions.map((q) => q.id)).toEqual(['overall', 'overall_why', 'areas', 'fees_level']);
		expect(d.sections[1]!.questions).toEqual([]);
		d = apply(d, { op: 'moveQuestion', question: 'fees_level', direction: 'down' });
		expect(d.sections[1]!.questions.map((q) => q.id)).toEqual(['fees_level']);
		d = apply(d, { op: 'moveQuestion', question: 'recommend', direction: 'down' });
		expect(d.sections[2]!.questions.map((q) => q.id)).toEqual(['improve', 'recommend']);
		expect(apply(annualSurvey, { op: 'moveQuestion', question: 'overall', direction: 'up' })).toEqual(annualSurvey);
		expect(apply(annualSurvey, { op: 'moveQuestion', question: 'comments', direction: 'down' })).toEqual(annualSurvey);
	});

	it('are removed unless a follow-up follows them (its question must be removed or re-pointed first)', () => {
		expect(applyOp(annualSurvey, { op: 'removeQuestion', question: 'overall' })).toMatchObject({
			ok: false,
			problem: { code: 'has_follow_ups', question: 'overall', other: 'overall_why' }
		});
		const d = apply(annualSurvey, { op: 'removeQuestion', question: 'overall_why' }, { op: 'removeQuestion', question: 'overall' });
		expect(d.sections[0]!.questions.map((q) => q.id)).toEqual(['areas']);
		expect(applyOp(d, { op: 'removeQuestion', question: 'overall' })).toMatchObject({ ok: false, problem: { code: 'unknown_question' } });
	});

	it('offer as follow-up targets only the score questions before them', () => {
		expect(followUpCandidates(annualSurvey, 1).map((q) => q.id)).toEqual(['overall']);
		expect(followUpCandidates(annualSurvey, questionsOf(annualSurvey).length).map((q) => q.id)).toEqual(['overall', 'recommend']);
		expect(followUpCandidates(annualSurvey, 0)).toEqual([]);
	});
});

describe('options typed one per line', () => {
	it('match the three languages line by line, leaving out blank lines', () => {
		expect(optionsFromLines({ en: 'Yes\n\n No \n', zhHans: '是\n否', zhHant: '是\r\n否' })).toEqual({
			ok: true,
			options: [
				{ en: 'Yes', zhHans: '是', zhHant: '是' },
				{ en: 'No', zhHans: '否', zhHant: '否' }
			]
		});
	});

	it('refuse a language with fewer lines than the others, naming it', () => {
		expect(optionsFromLines({ en: 'Yes\nNo', zhHans: '是', zhHant: '是\n否' })).toEqual({
			ok: false,
			problem: { code: 'lines_mismatch', field: 'options', language: 'zhHans' }
		});
		expect(optionsFromLines({ en: 'Yes', zhHans: '是\n否', zhHant: '是\n否' })).toMatchObject({ ok: false, problem: { language: 'en' } });
	});
});

describe('validateDefinition', () => {
	it('accepts the annual survey, which checkAnswers works with', () => {
		expect(validateDefinition(annualSurvey)).toEqual([]);
		expect(checkAnswers(annualSurvey, {}, { submit: false }).problems).toEqual({});
	});

	it('refuses an empty text in any language: section titles, questions, choices and rows', () => {
		const d = structuredClone(annualSurvey);
		d.sections[1]!.title.zhHant = ' ';
		const single = d.sections[1]!.questions[0]!;
		single.text.en = '';
		if (single.kind === 'single') single.choices[0]!.text.zhHans = '';
		const grid = d.sections[0]!.questions[2]!;
		if (grid.kind === 'grid') grid.rows[5]!.text.en = '';
		expect(codes(d)).toEqual([
			'text_empty options en areas',
			'text_empty title zhHant price',
			'text_empty text en fees_level',
			'text_empty options zhHans fees_level'
		]);
	});

	it('refuses duplicate ids — of sections, of questions anywhere, of the options of one question — and ids unfit for a form field', () => {
		const d = structuredClone(annualSurvey);
		d.sections[2]!.id = 'price';
		d.sections[3]!.questions[0]!.id = 'overall';
		const single = d.sections[1]!.questions[0]!;
		if (single.kind === 'single') single.choices[1]!.id = 'too_high';
		const grid = d.sections[0]!.questions[2]!;
		if (grid.kind === 'grid') grid.rows[0]!.id = 'customer.service';
		expect(codes(d)).toEqual(['bad_id options areas', 'duplicate_id options fees_level', 'duplicate_id price', 'duplicate_id overall']);
		// A section and a question may share an id (the annual survey's "comments"): they are named apart.
		expect(annualSurvey.sections[3]!.id).toBe(annualSurvey.sections[3]!.questions[0]!.id);
	});

	it('refuses a choice question with fewer than two choices and a grid without rows', () => {
		const d = annualWith('fees_level', (q) => ((q.choices as unknown[]).length = 1));
		expect(codes(d)).toEqual(['too_few_choices options fees_level']);
		const multiple = annualWith('improve', (q) => (q.choices = []));
		expect(codes(multiple)).toEqual(['too_few_choices options improve']);
		const grid = annualWith('areas', (q) => (q.rows = []));
		expect(codes(grid)).toEqual(['no_rows options areas']);
	});

	it('refuses a free-text question without a sensible longest answer', () => {
		for (const maxLength of [0, 10_001, 2.5, Number.NaN]) {
			expect(codes(annualWith('comments', (q) => (q.maxLength = maxLength)))).toEqual(['max_length maxLength comments']);
		}
	});

	it('refuses a follow-up of a later question, of itself, of a question without a score or of none', () => {
		expect(codes(annualWith('overall_why', (q) => (q.showIf = { question: 'recommend', below: 7 })))).toEqual([
			'follow_up_later showIf overall_why'
		]);
		expect(codes(annualWith('overall_why', (q) => (q.showIf = { question: 'overall_why', below: 3 })))).toEqual([
			'follow_up_later showIf overall_why'
		]);
		expect(codes(annualWith('comments', (q) => (q.showIf = { question: 'fees_level', below: 3 })))).toEqual([
			'follow_up_not_score showIf comments'
		]);
		expect(codes(annualWith('comments', (q) => (q.showIf = { question: 'areas', below: 3 })))).toEqual([
			'follow_up_not_score showIf comments'
		]);
		expect(codes(annualWith('comments', (q) => (q.showIf = { question: 'gone', below: 3 })))).toEqual([
			'follow_up_missing showIf comments'
		]);
	});

	it('refuses a bound outside its scale: 2–5 under a satisfaction score, 1–10 under NPS', () => {
		for (const below of [1, 6, 2.5]) {
			expect(validateDefinition(annualWith('overall_why', (q) => (q.showIf = { question: 'overall', below })))).toEqual([
				{ code: 'bound_out_of_range', field: 'below', min: 2, max: 5, other: 'overall', section: 'service', question: 'overall_why' }
			]);
		}
		for (const below of [2, 5]) expect(codes(annualWith('overall_why', (q) => (q.showIf = { question: 'overall', below })))).toEqual([]);
		for (const below of [1, 10]) expect(codes(annualWith('comments', (q) => (q.showIf = { question: 'recommend', below })))).toEqual([]);
		for (const below of [0, 11]) {
			expect(codes(annualWith('comments', (q) => (q.showIf = { question: 'recommend', below })))).toEqual([
				'bound_out_of_range below comments'
			]);
		}
	});

	it('refuses a survey without a question, unless asked to allow it while it is being built', () => {
		const blank: SurveyDefinition = { sections: [] };
		expect(codes(blank)).toEqual(['empty_survey']);
		expect(codes(blank, { allowEmpty: true })).toEqual([]);
		const sectionOnly = apply(blank, { op: 'addSection', title: t('Only a heading') });
		expect(codes(sectionOnly)).toEqual(['empty_survey']);
		expect(codes(apply(sectionOnly, { op: 'addQuestion', section: sectionOnly.sections[0]!.id, question: question() }))).toEqual([]);
	});

	it('finds the change of a score question under its follow-ups: a kind without a score, or a bound the new scale refuses', () => {
		const toText = apply(annualSurvey, { op: 'updateQuestion', question: 'overall', input: question({ kind: 'text' }) });
		expect(codes(toText)).toEqual(['follow_up_not_score showIf overall_why']);
		const moved = apply(annualSurvey, { op: 'moveQuestion', question: 'overall', direction: 'down' });
		expect(codes(moved)).toEqual(['follow_up_later showIf overall_why']);
	});
});

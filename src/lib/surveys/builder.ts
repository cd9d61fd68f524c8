/**
 * The survey builder's operations on a definition (surveys/definition.ts), as pure functions: add,
 * rename, remove and move a section; add, change, remove and move a question. The server applies
 * one operation to a draft survey or a template in one transaction (server/surveys/builder.ts);
 * pages use the helpers here to offer what may be chosen (the questions a follow-up may follow).
 *
 * validateDefinition refuses what checkAnswers could not work with: a text left empty in one of
 * the three languages, ids that repeat (or would break a form field's name), a choice question
 * with fewer than two choices, a grid without rows, a follow-up that follows a later question or
 * one without a score, or a bound outside that score's scale, and a survey without a question.
 *
 * Ids are made once, from the English text (a slug and a short random part), never changed when
 * the text is edited, and never equal to another id of the definition. A choice or grid row keeps
 * its id while any of its three texts is unchanged, or while it stays on its line (a correction in
 * all three languages): an area keeps its id, and so its history, from one year's survey to the next.
 *
 * Removing a question that follow-ups follow is refused (problem `has_follow_ups`), as is removing
 * a section holding one: silently turning "what went wrong?" into a question everyone is asked
 * would change the survey behind the editor's back. The editor removes or re-points them first.
 */
import type { Choice, LocalText, Question, Section, SurveyDefinition } from './definition.ts';

export const LANGUAGES = ['en', 'zhHans', 'zhHant'] as const;
export type Language = (typeof LANGUAGES)[number];

export const QUESTION_KINDS = ['satisfaction', 'nps', 'single', 'multiple', 'text', 'grid'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose question lists options: choices (single, multiple) or rows (grid). */
export const OPTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'grid'];
/** Kinds a follow-up may follow: they give one score. */
const SCORE_KINDS: readonly QuestionKind[] = ['satisfaction', 'nps'];

export const DEFAULT_MAX_LENGTH = 2000;
export const MAX_TEXT_LENGTH = 10_000;

/** What a question becomes: its kind, texts and flags; options only for choices and grids, maxLength only for text. */
export interface QuestionInput {
	kind: QuestionKind;
	text: LocalText;
	required: boolean;
	/** Choices (single, multiple) or rows (grid), in order; ignored by the other kinds. */
	options: LocalText[];
	/** The longest answer of a free-text question, in characters. */
	maxLength: number;
	/** Shown only when an earlier score question's score is below `below`; null: always shown. */
	showIf: { question: string; below: number } | null;
}

export type BuilderOp =
	| { op: 'addSection'; title: LocalText }
	| { op: 'renameSection'; section: string; title: LocalText }
	| { op: 'removeSection'; section: string }
	| { op: 'moveSection'; section: string; direction: 'up' | 'down' }
	| { op: 'addQuestion'; section: string; question: QuestionInput }
	| { op: 'updateQuestion'; question: string; input: QuestionInput }
	| { op: 'removeQuestion'; question: string }
	| { op: 'moveQuestion'; question: string; direction: 'up' | 'down' };

export type BuilderOpName = BuilderOp['op'];

export type ProblemCode =
	| 'text_empty'
	| 'bad_id'
	| 'duplicate_id'
	| 'too_few_choices'
	| 'no_rows'
	| 'max_length'
	| 'follow_up_missing'
	| 'follow_up_later'
	| 'follow_up_not_score'
	| 'bound_out_of_range'
	| 'empty_survey'
	| 'unknown_section'
	| 'unknown_question'
	| 'has_follow_ups'
	| 'lines_mismatch';

/** Where a problem is: the form field ('title', 'text', 'options', 'maxLength', 'showIf', 'below' or '' for the whole). */
export type ProblemField = 'title' | 'text' | 'options' | 'maxLength' | 'showIf' | 'below' | '';

export interface Problem {
	code: ProblemCode;
	field: ProblemField;
	/** The language of an empty text or of lines that do not match. */
	language?: Language;
	section?: string;
	question?: string;
	/** For bound_out_of_range: the bounds allowed. For has_follow_ups: the follow-up. */
	min?: number;
	max?: number;
	other?: string;
}

export type OpResult = { ok: true; definition: SurveyDefinition; section?: string; question?: string } | { ok: false; problem: Problem };

/** A random part for ids: five characters of [a-z0-9]. */
export type RandomPart = () => string;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const randomPart: RandomPart = () => {
	const bytes = crypto.getRandomValues(new Uint8Array(5));
	return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
};

/** The ids a question, section or option may have: they become form field names (q.<id>.<row>). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A readable start for an id: the English text in lower case, words joined by '_', at most 24 characters. */
export function slug(text: string, fallback: string): string {
	const words = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 24)
		.replace(/_+$/, '');
	return words || fallback;
}

/** A new id: the slug and a random part, different from every id taken. */
export function newId(text: string, fallback: string, taken: ReadonlySet<string>, random: RandomPart = randomPart): string {
	const base = slug(text, fallback);
	for (;;) {
		const id = `${base}_${random()}`;
		if (!taken.has(id)) return id;
	}
}

/** Every id used in the definition: sections, questions and their options (a new id is none of them). */
export function idsOf(definition: SurveyDefinition): Set<string> {
	const ids = new Set<string>();
	for (const section of definition.sections) {
		ids.add(section.id);
		for (const question of section.questions) {
			ids.add(question.id);
			if ('choices' in question) for (const c of question.choices) ids.add(c.id);
			if ('rows' in question) for (const r of question.rows) ids.add(r.id);
		}
	}
	return ids;
}

export function questionsOf(definition: SurveyDefinition): Question[] {
	return definition.sections.flatMap((section) => section.questions);
}

/** The scores a score question gives, and the bounds (score < below) that make a follow-up sensible. */
function boundRange(kind: QuestionKind): { min: number; max: number } {
	// A bound of the scale's lowest score would never show the follow-up; one above its top always would.
	return kind === 'nps' ? { min: 1, max: 10 } : { min: 2, max: 5 };
}

/**
 * The questions a follow-up placed at `position` (its index among all questions; the end of a
 * section for a new one) may follow: the score questions before it.
 */
export function followUpCandidates(definition: SurveyDefinition, position: number): Question[] {
	return questionsOf(definition)
		.slice(0, position)
		.filter((q) => SCORE_KINDS.includes(q.kind));
}

/** Options typed one per line, a text area per language: lines matched by position, blank lines left out. */
export function optionsFromLines(lines: LocalText): { ok: true; options: LocalText[] } | { ok: false; problem: Problem } {
	const split = (text: string) =>
		text
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== '');
	const en = split(lines.en);
	const zhHans = split(lines.zhHans);
	const zhHant = split(lines.zhHant);
	const longest = Math.max(en.length, zhHans.length, zhHant.length);
	for (const [language, list] of [
		['en', en],
		['zhHans', zhHans],
		['zhHant', zhHant]
	] as const) {
		if (list.length !== longest) return { ok: false, problem: { code: 'lines_mismatch', field: 'options', language } };
	}
	return { ok: true, options: en.map((text, i) => ({ en: text, zhHans: zhHans[i]!, zhHant: zhHant[i]! })) };
}

/**
 * Options given as texts, with the ids of the options they were: an option keeps its id when one
 * of its texts is unchanged, else when it stays on its line; the others get new ids.
 */
function withIds(previous: readonly Choice[], texts: readonly LocalText[], taken: Set<string>, random: RandomPart): Choice[] {
	const claimed = new Set<string>();
	const ids: (string | undefined)[] = texts.map((text) => {
		const same = previous.find((p) => !claimed.has(p.id) && LANGUAGES.some((l) => p.text[l] !== '' && p.text[l] === text[l]));
		if (same) claimed.add(same.id);
		return same?.id;
	});
	texts.forEach((_, i) => {
		const inPlace = previous[i];
		if (ids[i] === undefined && inPlace && !claimed.has(inPlace.id)) {
			ids[i] = inPlace.id;
			claimed.add(inPlace.id);
		}
	});
	return texts.map((text, i) => {
		let id = ids[i];
		if (id === undefined) {
			id = newId(text.en, 'option', taken, random);
			taken.add(id);
		}
		return { id, text: { ...text } };
	});
}

/** A question built from what the editor gave, keeping the id and option ids it had. */
function buildQuestion(id: string, input: QuestionInput, previous: Question | null, taken: Set<string>, random: RandomPart): Question {
	const base = {
		id,
		text: { ...input.text },
		required: input.required,
		...(input.showIf ? { showIf: { question: input.showIf.question, below: input.showIf.below } } : {})
	};
	const before = previous && 'choices' in previous ? previous.choices : previous && 'rows' in previous ? previous.rows : [];
	switch (input.kind) {
		case 'satisfaction':
		case 'nps':
			return { ...base, kind: input.kind };
		case 'single':
		case 'multiple':
			return { ...base, kind: input.kind, choices: withIds(before, input.options, taken, random) };
		case 'grid':
			return { ...base, kind: 'grid', rows: withIds(before, input.options, taken, random) };
		case 'text':
			return { ...base, kind: 'text', maxLength: input.maxLength };
	}
}

function copy(definition: SurveyDefinition): SurveyDefinition {
	return structuredClone(definition);
}

function locate(definition: SurveyDefinition, questionId: string): { section: number; index: number } | null {
	for (const [s, section] of definition.sections.entries()) {
		const index = section.questions.findIndex((q) => q.id === questionId);
		if (index >= 0) return { section: s, index };
	}
	return null;
}

/** The first question following one of `removed` and not itself removed, as a refusal. */
function followUpOf(definition: SurveyDefinition, removed: ReadonlySet<string>): Problem | null {
	const follower = questionsOf(definition).find((q) => q.showIf && removed.has(q.showIf.question) && !removed.has(q.id));
	return follower ? { code: 'has_follow_ups', field: '', question: follower.showIf!.question, other: follower.id } : null;
}

/**
 * One operation on a copy of the definition. Refuses what names a section or question the
 * definition does not have (a page drawn before someone else's change) and a removal that would
 * leave follow-ups without their question; moving past either end keeps the order. The result is
 * not yet validated: see validateDefinition.
 */
export function applyOp(definition: SurveyDefinition, op: BuilderOp, random: RandomPart = randomPart): OpResult {
	const next = copy(definition);
	const taken = idsOf(definition);
	const sectionAt = (id: string) => next.sections.findIndex((s) => s.id === id);
	switch (op.op) {
		case 'addSection': {
			const section: Section = { id: newId(op.title.en, 'section', taken, random), title: { ...op.title }, questions: [] };
			next.sections.push(section);
			return { ok: true, definition: next, section: section.id };
		}
		case 'renameSection':
		case 'removeSection':
		case 'moveSection': {
			const at = sectionAt(op.section);
			if (at < 0) return { ok: false, problem: { code: 'unknown_section', field: '', section: op.section } };
			if (op.op === 'renameSection') next.sections[at]!.title = { ...op.title };
			else if (op.op === 'removeSection') {
				const refused = followUpOf(next, new Set(next.sections[at]!.questions.map((q) => q.id)));
				if (refused) return { ok: false, problem: { ...refused, section: op.section } };
				next.sections.splice(at, 1);
			} else {
				const to = op.direction === 'up' ? at - 1 : at + 1;
				if (to >= 0 && to < next.sections.length) [next.sections[at], next.sections[to]] = [next.sections[to]!, next.sections[at]!];
			}
			return { ok: true, definition: next, section: op.section };
		}
		case 'addQuestion': {
			const at = sectionAt(op.section);
			if (at < 0) return { ok: false, problem: { code: 'unknown_section', field: '', section: op.section } };
			const id = newId(op.question.text.en, 'question', taken, random);
			taken.add(id);
			next.sections[at]!.questions.push(buildQuestion(id, op.question, null, taken, random));
			return { ok: true, definition: next, section: op.section, question: id };
		}
		case 'updateQuestion':
		case 'removeQuestion':
		case 'moveQuestion': {
			const where = locate(next, op.question);
			if (!where) return { ok: false, problem: { code: 'unknown_question', field: '', question: op.question } };
			const section = next.sections[where.section]!;
			const questions = section.questions;
			if (op.op === 'updateQuestion') {
				questions[where.index] = buildQuestion(op.question, op.input, questions[where.index]!, taken, random);
			} else if (op.op === 'removeQuestion') {
				const refused = followUpOf(next, new Set([op.question]));
				if (refused) return { ok: false, problem: refused };
				questions.splice(where.index, 1);
			} else moveQuestion(next, where, op.direction);
			return { ok: true, definition: next, section: section.id, question: op.question };
		}
	}
}

/** One place up or down; past the first or last question of a section, into the end or start of the next one. */
function moveQuestion(definition: SurveyDefinition, where: { section: number; index: number }, direction: 'up' | 'down'): void {
	const questions = definition.sections[where.section]!.questions;
	const [question] = questions.splice(where.index, 1);
	const to = direction === 'up' ? where.index - 1 : where.index + 1;
	if (to >= 0 && to <= questions.length) {
		questions.splice(to, 0, question!);
		return;
	}
	const neighbour = definition.sections[direction === 'up' ? where.section - 1 : where.section + 1];
	if (!neighbour) questions.splice(where.index, 0, question!);
	else if (direction === 'up') neighbour.questions.push(question!);
	else neighbour.questions.unshift(question!);
}

function emptyTexts(text: LocalText | undefined): Language[] {
	return LANGUAGES.filter((l) => typeof text?.[l] !== 'string' || text[l].trim() === '');
}

/**
 * What is wrong with a definition, every problem once, in the order of the survey. `allowEmpty`:
 * a definition being built (an inactive template) may have no question yet.
 */
export function validateDefinition(definition: SurveyDefinition, { allowEmpty = false } = {}): Problem[] {
	const problems: Problem[] = [];
	const sectionIds = new Set<string>();
	const questionIds = new Set<string>();
	// A repeated id is reported as such; its first question is the one a follow-up follows.
	const order = new Map<string, number>();
	const byId = new Map<string, Question>();
	for (const [i, q] of questionsOf(definition).entries()) {
		if (!order.has(q.id)) order.set(q.id, i);
		if (!byId.has(q.id)) byId.set(q.id, q);
	}
	for (const section of definition.sections) {
		const where = { section: section.id };
		if (!ID.test(section.id)) problems.push({ code: 'bad_id', field: '', ...where });
		else if (sectionIds.has(section.id)) problems.push({ code: 'duplicate_id', field: '', ...where });
		sectionIds.add(section.id);
		for (const language of emptyTexts(section.title)) problems.push({ code: 'text_empty', field: 'title', language, ...where });
		for (const question of section.questions) {
			const at = { section: section.id, question: question.id };
			if (!ID.test(question.id)) problems.push({ code: 'bad_id', field: '', ...at });
			else if (questionIds.has(question.id)) problems.push({ code: 'duplicate_id', field: '', ...at });
			questionIds.add(question.id);
			for (const language of emptyTexts(question.text)) problems.push({ code: 'text_empty', field: 'text', language, ...at });
			problems.push(...kindProblems(question, at));
			if (question.showIf) problems.push(...followUpProblems(question, byId.get(question.showIf.question), order, at));
		}
	}
	if (!allowEmpty && questionIds.size === 0) problems.push({ code: 'empty_survey', field: '' });
	return problems;
}

function kindProblems(question: Question, at: { section: string; question: string }): Problem[] {
	const problems: Problem[] = [];
	if (question.kind === 'text') {
		if (!Number.isInteger(question.maxLength) || question.maxLength < 1 || question.maxLength > MAX_TEXT_LENGTH) {
			problems.push({ code: 'max_length', field: 'maxLength', min: 1, max: MAX_TEXT_LENGTH, ...at });
		}
		return problems;
	}
	const options =
		question.kind === 'single' || question.kind === 'multiple' ? question.choices : question.kind === 'grid' ? question.rows : null;
	if (!options) return problems;
	if (question.kind === 'grid' && options.length === 0) problems.push({ code: 'no_rows', field: 'options', ...at });
	if (question.kind !== 'grid' && options.length < 2) problems.push({ code: 'too_few_choices', field: 'options', ...at });
	const ids = new Set<string>();
	for (const option of options) {
		if (!ID.test(option.id)) problems.push({ code: 'bad_id', field: 'options', ...at });
		else if (ids.has(option.id)) problems.push({ code: 'duplicate_id', field: 'options', ...at });
		ids.add(option.id);
		for (const language of emptyTexts(option.text)) problems.push({ code: 'text_empty', field: 'options', language, ...at });
	}
	return problems;
}

function followUpProblems(
	question: Question,
	target: Question | undefined,
	order: ReadonlyMap<string, number>,
	at: { section: string; question: string }
): Problem[] {
	const showIf = question.showIf!;
	if (!target) return [{ code: 'follow_up_missing', field: 'showIf', ...at }];
	if (order.get(target.id)! >= order.get(question.id)!) return [{ code: 'follow_up_later', field: 'showIf', other: target.id, ...at }];
	if (!SCORE_KINDS.includes(target.kind)) return [{ code: 'follow_up_not_score', field: 'showIf', other: target.id, ...at }];
	const { min, max } = boundRange(target.kind);
	if (!Number.isInteger(showIf.below) || showIf.below < min || showIf.below > max) {
		return [{ code: 'bound_out_of_range', field: 'below', min, max, other: target.id, ...at }];
	}
	return [];
}

/** A problem's identity, to tell the problems an operation brought from those the definition had. */
export function problemKey(problem: Problem): string {
	return [problem.code, problem.field, problem.language, problem.section, problem.question, problem.other].join('|');
}

/**
 * What a survey asks (rule 7, the satisfaction survey): sections of questions, every text in the
 * three languages, as data — templates and sent surveys store a definition, and this module is
 * the one place that reads answers against it. Kinds: satisfaction 1–5, NPS 0–10, single choice,
 * multiple choice, free text, and a rating grid (1–5 per row: service areas). A question may be a
 * follow-up, shown only when an earlier score is below a bound ("what went wrong?").
 *
 * Answers are checked here whatever posted them (the portal, a personal link, a plain form):
 * unknown questions or options (a tampered form), out-of-range scores, over-long text, and — when
 * the response is submitted, not while it is saved as it goes — required questions left empty.
 */
export interface LocalText {
	en: string;
	zhHans: string;
	zhHant: string;
}

/** A survey's own text (a title, a question) in a language: en, zh-Hans or zh-Hant. */
export function localText(text: LocalText, locale: string): string {
	return locale === 'zh-Hans' ? text.zhHans : locale === 'zh-Hant' ? text.zhHant : text.en;
}

export interface Choice {
	id: string;
	text: LocalText;
}

interface QuestionBase {
	id: string;
	text: LocalText;
	required: boolean;
	/** Shown only when the score given to that question (satisfaction or NPS) is below `below`. */
	showIf?: { question: string; below: number };
}

export type Question =
	| (QuestionBase & { kind: 'satisfaction' | 'nps' })
	| (QuestionBase & { kind: 'single' | 'multiple'; choices: Choice[] })
	| (QuestionBase & { kind: 'text'; maxLength: number })
	| (QuestionBase & { kind: 'grid'; rows: Choice[] });

export interface Section {
	id: string;
	title: LocalText;
	questions: Question[];
}

export interface SurveyDefinition {
	sections: Section[];
}

/** One question's answer: a score, a choice, choices, a text, or a score per grid row. */
export type Answer = number | string | string[] | Record<string, number>;
export type Answers = Record<string, Answer>;

export type AnswerProblem = 'required' | 'out_of_range' | 'unknown_choice' | 'too_long' | 'unknown_question';

/** The scores a kind allows. */
function scoreRange(kind: 'satisfaction' | 'nps' | 'grid'): { min: number; max: number } {
	return kind === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 };
}

function questionsOf(definition: SurveyDefinition): Question[] {
	return definition.sections.flatMap((section) => section.questions);
}

/** Whether a question is shown, given the answers so far (a follow-up only under its bound). */
function isShown(question: Question, answers: Answers): boolean {
	if (!question.showIf) return true;
	const score = answers[question.showIf.question];
	return typeof score === 'number' && score < question.showIf.below;
}

function isScore(value: unknown, kind: 'satisfaction' | 'nps' | 'grid'): value is number {
	const { min, max } = scoreRange(kind);
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isEmpty(answer: Answer | undefined): boolean {
	if (answer === undefined || answer === '') return true;
	if (Array.isArray(answer)) return answer.length === 0;
	if (typeof answer === 'object') return Object.keys(answer).length === 0;
	return false;
}

/** One answer checked against its question: the problem, or null. */
function problemWith(question: Question, answer: Answer): AnswerProblem | null {
	switch (question.kind) {
		case 'satisfaction':
		case 'nps':
			return isScore(answer, question.kind) ? null : 'out_of_range';
		case 'single':
			return typeof answer === 'string' && question.choices.some((c) => c.id === answer) ? null : 'unknown_choice';
		case 'multiple':
			return Array.isArray(answer) &&
				answer.every((id) => question.choices.some((c) => c.id === id)) &&
				new Set(answer).size === answer.length
				? null
				: 'unknown_choice';
		case 'text':
			return typeof answer !== 'string' ? 'unknown_choice' : [...answer].length > question.maxLength ? 'too_long' : null;
		case 'grid': {
			if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return 'out_of_range';
			for (const [row, score] of Object.entries(answer)) {
				if (!question.rows.some((r) => r.id === row)) return 'unknown_choice';
				if (!isScore(score, 'grid')) return 'out_of_range';
			}
			return null;
		}
	}
}

export interface CheckedAnswers {
	/** The answers kept: those of shown questions, empty ones left out, texts trimmed. */
	answers: Answers;
	/** Per question id, what is wrong; empty when the answers may be stored. */
	problems: Record<string, AnswerProblem>;
}

/**
 * Checks answers against the definition. `submit`: required questions that are shown must be
 * answered (a grid: every row); otherwise (saving as you go) missing answers are fine. Answers to
 * a follow-up that is not shown are dropped; an answer to a question the survey does not have is
 * a problem under its own id.
 */
export function checkAnswers(definition: SurveyDefinition, given: Answers, { submit }: { submit: boolean }): CheckedAnswers {
	const questions = questionsOf(definition);
	const problems: Record<string, AnswerProblem> = {};
	for (const id of Object.keys(given)) if (!questions.some((q) => q.id === id)) problems[id] = 'unknown_question';
	const answers: Answers = {};
	for (const question of questions) {
		let answer = given[question.id];
		if (typeof answer === 'string') answer = answer.trim();
		if (!isShown(question, { ...given, ...answers })) continue;
		if (answer === undefined || isEmpty(answer)) {
			if (submit && question.required) problems[question.id] = 'required';
			continue;
		}
		const problem = problemWith(question, answer);
		if (problem) {
			problems[question.id] = problem;
			continue;
		}
		if (
			submit &&
			question.required &&
			question.kind === 'grid' &&
			question.rows.some((r) => !(r.id in (answer as Record<string, number>)))
		) {
			problems[question.id] = 'required';
			continue;
		}
		answers[question.id] = answer;
	}
	return { answers, problems };
}

/**
 * The answers a plain form posted (it works without JavaScript): `q.<id>` for a score, a choice
 * or a text, repeated for multiple choice; `q.<id>.<row>` for a grid row. Scores are read as
 * whole numbers; what does not parse is kept as it came, for checkAnswers to refuse.
 */
export function answersFromForm(definition: SurveyDefinition, entries: Iterable<[string, unknown]>): Answers {
	const posted = new Map<string, string[]>();
	for (const [name, value] of entries) {
		if (typeof value !== 'string' || !name.startsWith('q.')) continue;
		posted.set(name, [...(posted.get(name) ?? []), value]);
	}
	const score = (text: string): number | string => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text);
	const answers: Answers = {};
	const known = new Set<string>();
	for (const question of questionsOf(definition)) {
		const name = `q.${question.id}`;
		known.add(name);
		if (question.kind === 'grid') {
			const rows: Record<string, number> = {};
			for (const [key, values] of posted) {
				if (!key.startsWith(`${name}.`)) continue;
				known.add(key);
				if (values[0] === '') continue;
				rows[key.slice(name.length + 1)] = score(values[0]!) as number;
			}
			if (Object.keys(rows).length) answers[question.id] = rows;
			continue;
		}
		const values = (posted.get(name) ?? []).filter((v) => v !== '');
		if (values.length === 0) continue;
		if (question.kind === 'multiple') answers[question.id] = values;
		else if (question.kind === 'satisfaction' || question.kind === 'nps') answers[question.id] = score(values[0]!);
		else answers[question.id] = values[0]!;
	}
	// A field the survey does not have (a tampered form) is kept, under its own id, to be refused.
	for (const [key, values] of posted) if (!known.has(key)) answers[key.slice(2)] = values[0]!;
	return answers;
}

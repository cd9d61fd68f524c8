/**
 * A survey's results (rule 7), computed from counts: how many responses each building gave, how
 * many of them answered each question, and how many times each score or choice was given (per
 * grid row for a rating grid). The server counts in SQL (surveys/results.ts); `tallyResponses`
 * counts a list of responses the same way, so both paths meet in `computeResults`.
 *
 * The figures, and the one place their formulas live:
 * - **mean**: the average of the 1–5 scores (or 0–10 for NPS) given, each score weighing the same;
 * - **satisfaction index** (0–100): `(mean − 1) / 4 × 100`, so 1 → 0, 3 → 50, 4 → 75, 5 → 100;
 *   for a group (the survey, an estate, a building) it is the index of the mean of every 1–5 score
 *   given in it — satisfaction questions and grid rows alike, one score one weight;
 * - **NPS**: the share of promoters (9–10) minus the share of detractors (0–6), in percentage
 *   points (−100 … 100), passives (7–8) counting only in the total; the survey's NPS is that of its
 *   first NPS question;
 * - **target**: the survey's target score (a 1–5 mean; its index is `satisfactionIndex(target)`).
 *   An area, a satisfaction question, an estate or a building whose mean is below it is flagged
 *   (`belowTarget`), on the exact mean.
 *
 * Service areas are the satisfaction questions (area id: the question id) and the rows of rating
 * grids (area id: `question/row`, as corrective actions name them). Figures are exact; pages round
 * them when they show them. Nothing here knows who answered: responses carry only answers and
 * where they came from (estate and building).
 */
import { areaKey } from './areas.ts';
import { localText, type Answers, type Choice, type LocalText, type Question, type SurveyDefinition } from './definition.ts';

/** One response as the results need it: the answers and where it came from. */
export interface ResponseFacts {
	answers: Answers;
	estateId: string;
	buildingId: string;
}

interface Place {
	estateId: string;
	buildingId: string;
}

/** The counts the results are computed from, per building. */
export interface Tally {
	/** Responses per building. */
	responses: (Place & { count: number })[];
	/** How many responses of a building answered a question (a grid: any row; multiple choice: any choice). */
	answered: (Place & { questionId: string; count: number })[];
	/**
	 * How many times a value was given to a question, or to a grid row (`rowId`), in a building: a
	 * score written as text ('4'), or a choice id. Free text is not counted here.
	 */
	values: (Place & { questionId: string; rowId: string | null; value: string; count: number })[];
}

/** A tag staff put on free-text answers, and on how many answers of the question. */
export interface TagCount {
	questionId: string;
	tag: string;
	count: number;
}

/** One score or one choice: how many gave it, and their share of those who answered (null: nobody answered). */
export interface Bucket {
	value: string;
	count: number;
	share: number | null;
}

/** The figures of a set of 1–5 scores (one area, one group). */
export interface ScoreSummary {
	/** Scores given. */
	count: number;
	mean: number | null;
	/** 0–100: `(mean − 1) / 4 × 100`. */
	index: number | null;
	/** The mean is below the survey's target score. */
	belowTarget: boolean;
}

export interface Nps {
	/** Scores given (0–10). */
	count: number;
	promoters: number;
	passives: number;
	detractors: number;
	/** Promoters minus detractors, in percentage points of `count` (−100 … 100); null with no score. */
	score: number | null;
}

export interface GridRowResult extends ScoreSummary {
	id: string;
	/** The area id: `question/row`. */
	areaId: string;
	text: LocalText;
	distribution: Bucket[];
}

interface QuestionHead {
	id: string;
	text: LocalText;
	/** Responses that answered it. */
	answered: number;
}

export type QuestionResult =
	| (QuestionHead & { kind: 'satisfaction'; distribution: Bucket[] } & ScoreSummary)
	| (QuestionHead & { kind: 'nps'; distribution: Bucket[]; mean: number | null; nps: Nps })
	| (QuestionHead & { kind: 'single' | 'multiple'; choices: (Bucket & { text: LocalText })[] })
	| (QuestionHead & { kind: 'text'; tags: { tag: string; count: number }[] })
	| (QuestionHead & { kind: 'grid'; rows: GridRowResult[] } & ScoreSummary);

/** A service area: a satisfaction question, or a row of a rating grid. */
export interface AreaResult extends ScoreSummary {
	/** The question id, or `question/row` for a grid row. */
	id: string;
	questionId: string;
	rowId: string | null;
	text: LocalText;
	/** The grid's question, for a row. */
	questionText: LocalText | null;
}

/** An estate's or a building's figures. */
export interface GroupResult extends ScoreSummary {
	id: string;
	/** The building's estate (for an estate: its own id). */
	estateId: string;
	responses: number;
	/** The NPS of the survey's first NPS question, in this group; null when the survey has none. */
	nps: Nps | null;
	/** Per area id, the area's figures in this group. */
	areas: Record<string, ScoreSummary>;
}

export interface SurveyResultSet {
	responses: number;
	target: { score: number; index: number };
	/** Every 1–5 score given: the survey's satisfaction index. */
	overall: ScoreSummary;
	/** The survey's first NPS question's NPS; null when it has none. */
	nps: Nps | null;
	questions: QuestionResult[];
	areas: AreaResult[];
	byEstate: GroupResult[];
	byBuilding: GroupResult[];
}

const SATISFACTION_SCORES = ['1', '2', '3', '4', '5'];
const NPS_SCORES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

/** A 1–5 mean on the 0–100 index: (mean − 1) / 4 × 100. */
export function satisfactionIndex(mean: number): number {
	return ((mean - 1) / 4) * 100;
}

function questionsOf(definition: SurveyDefinition): Question[] {
	return definition.sections.flatMap((section) => section.questions);
}

/** Whether a value is a score of the scale (whole number as text). */
function isScore(value: string, scale: readonly string[]): boolean {
	return scale.includes(value);
}

/**
 * Counts responses the way the server's SQL does: per building, the responses, the questions
 * answered, and every score or choice given to a question of the definition (text excluded).
 */
export function tallyResponses(definition: SurveyDefinition, responses: Iterable<ResponseFacts>): Tally {
	const known = new Map(questionsOf(definition).map((q) => [q.id, q]));
	const tally: Tally = { responses: [], answered: [], values: [] };
	// One entry per distinct row, found by its fields (JSON of them) and counted up.
	const counter = <T extends { count: number }>(list: T[]) => {
		const byKey = new Map<string, T>();
		return (row: Omit<T, 'count'>) => {
			const key = JSON.stringify(row);
			const entry = byKey.get(key);
			if (entry) entry.count++;
			else {
				const created = { ...row, count: 1 } as T;
				byKey.set(key, created);
				list.push(created);
			}
		};
	};
	const countResponse = counter(tally.responses);
	const countAnswered = counter(tally.answered);
	const countValue = counter(tally.values);
	for (const response of responses) {
		const place = { estateId: response.estateId, buildingId: response.buildingId };
		countResponse(place);
		for (const [questionId, answer] of Object.entries(response.answers)) {
			const question = known.get(questionId);
			if (!question) continue;
			countAnswered({ ...place, questionId });
			if (question.kind === 'text') continue;
			const value = (rowId: string | null, v: unknown) => countValue({ ...place, questionId, rowId, value: String(v) });
			if (Array.isArray(answer)) for (const choice of answer) value(null, choice);
			else if (typeof answer === 'object') for (const [rowId, score] of Object.entries(answer)) value(rowId, score);
			else value(null, answer);
		}
	}
	return tally;
}

/** Sums of score × count over the scale, for a mean. */
class Scores {
	count = 0;
	sum = 0;
	add(score: number, count: number): void {
		this.count += count;
		this.sum += score * count;
	}
	summary(target: number): ScoreSummary {
		const mean = this.count ? this.sum / this.count : null;
		return { count: this.count, mean, index: mean === null ? null : satisfactionIndex(mean), belowTarget: mean !== null && mean < target };
	}
}

/** NPS from the counts of each score 0–10. */
export function npsOf(counts: ReadonlyMap<number, number> | readonly Bucket[]): Nps {
	const pairs: [number, number][] = Array.isArray(counts)
		? (counts as readonly Bucket[]).map((b) => [Number(b.value), b.count])
		: [...(counts as ReadonlyMap<number, number>)];
	let promoters = 0;
	let passives = 0;
	let detractors = 0;
	for (const [score, count] of pairs) {
		if (score >= 9) promoters += count;
		else if (score >= 7) passives += count;
		else detractors += count;
	}
	const count = promoters + passives + detractors;
	return { count, promoters, passives, detractors, score: count ? ((promoters - detractors) / count) * 100 : null };
}

function buckets(values: readonly string[], counts: ReadonlyMap<string, number>, of: number): Bucket[] {
	return values.map((value) => {
		const count = counts.get(value) ?? 0;
		return { value, count, share: of ? count / of : null };
	});
}

function mean(distribution: readonly Bucket[]): number | null {
	let count = 0;
	let sum = 0;
	for (const b of distribution) {
		count += b.count;
		sum += Number(b.value) * b.count;
	}
	return count ? sum / count : null;
}

/**
 * The results of a survey from its counts: per question the distribution (per row for a grid),
 * mean, index or NPS; the service areas; the index by estate and by building; the flags below the
 * target score. `tags` gives the tag counts of free-text questions.
 */
export function computeResults(
	definition: SurveyDefinition,
	tally: Tally,
	{ targetScore, tags = [] }: { targetScore: number; tags?: readonly TagCount[] }
): SurveyResultSet {
	const questions = questionsOf(definition);
	const byId = new Map(questions.map((q) => [q.id, q]));
	// Totals over every building: answered per question, counts per question/row/value.
	const answered = new Map<string, number>();
	for (const a of tally.answered) if (byId.has(a.questionId)) answered.set(a.questionId, (answered.get(a.questionId) ?? 0) + a.count);
	const valueCounts = new Map<string, Map<string, number>>();
	const valueKey = (questionId: string, rowId: string | null) => JSON.stringify([questionId, rowId]);
	for (const v of tally.values) {
		const key = valueKey(v.questionId, v.rowId);
		let counts = valueCounts.get(key);
		if (!counts) valueCounts.set(key, (counts = new Map<string, number>()));
		counts.set(v.value, (counts.get(v.value) ?? 0) + v.count);
	}
	const countsOf = (questionId: string, rowId: string | null = null) =>
		valueCounts.get(valueKey(questionId, rowId)) ?? new Map<string, number>();
	const sumOf = (counts: ReadonlyMap<string, number>, scale: readonly string[]) =>
		scale.reduce((sum, value) => sum + (counts.get(value) ?? 0), 0);
	const scoreSummary = (distribution: readonly Bucket[]): ScoreSummary => {
		const scores = new Scores();
		for (const b of distribution) scores.add(Number(b.value), b.count);
		return scores.summary(targetScore);
	};

	const results: QuestionResult[] = [];
	const areas: AreaResult[] = [];
	// Every 1–5 score given: the survey's index.
	const overall = new Scores();
	for (const question of questions) {
		const head = { id: question.id, text: question.text, answered: answered.get(question.id) ?? 0 };
		switch (question.kind) {
			case 'satisfaction': {
				const counts = countsOf(question.id);
				const distribution = buckets(SATISFACTION_SCORES, counts, sumOf(counts, SATISFACTION_SCORES));
				const summary = scoreSummary(distribution);
				for (const b of distribution) overall.add(Number(b.value), b.count);
				results.push({ ...head, kind: 'satisfaction', distribution, ...summary });
				areas.push({ id: areaKey(question.id), questionId: question.id, rowId: null, text: question.text, questionText: null, ...summary });
				break;
			}
			case 'nps': {
				const counts = countsOf(question.id);
				const distribution = buckets(NPS_SCORES, counts, sumOf(counts, NPS_SCORES));
				results.push({ ...head, kind: 'nps', distribution, mean: mean(distribution), nps: npsOf(distribution) });
				break;
			}
			case 'single':
			case 'multiple': {
				const counts = countsOf(question.id);
				const choices = question.choices.map((choice: Choice) => {
					const count = counts.get(choice.id) ?? 0;
					return { value: choice.id, text: choice.text, count, share: head.answered ? count / head.answered : null };
				});
				results.push({ ...head, kind: question.kind, choices });
				break;
			}
			case 'text':
				results.push({
					...head,
					kind: 'text',
					tags: tags.filter((t) => t.questionId === question.id).map(({ tag, count }) => ({ tag, count }))
				});
				break;
			case 'grid': {
				const all = new Scores();
				const rows = question.rows.map((row): GridRowResult => {
					const counts = countsOf(question.id, row.id);
					const distribution = buckets(SATISFACTION_SCORES, counts, sumOf(counts, SATISFACTION_SCORES));
					for (const b of distribution) {
						all.add(Number(b.value), b.count);
						overall.add(Number(b.value), b.count);
					}
					return { id: row.id, areaId: areaKey(question.id, row.id), text: row.text, distribution, ...scoreSummary(distribution) };
				});
				results.push({ ...head, kind: 'grid', rows, ...all.summary(targetScore) });
				for (const row of rows) {
					const { id, areaId: rowArea, text, count, mean: rowMean, index, belowTarget } = row;
					areas.push({
						id: rowArea,
						questionId: question.id,
						rowId: id,
						text,
						questionText: question.text,
						count,
						mean: rowMean,
						index,
						belowTarget
					});
				}
				break;
			}
		}
	}

	// By estate and by building: every 1–5 score of the group, each area's, and the first NPS question's.
	const firstNps = questions.find((q) => q.kind === 'nps');
	const areaOf = (questionId: string, rowId: string | null): string | null => {
		const question = byId.get(questionId);
		if (question?.kind === 'satisfaction' && rowId === null) return areaKey(questionId);
		if (question?.kind === 'grid' && rowId !== null && question.rows.some((r) => r.id === rowId)) return areaKey(questionId, rowId);
		return null;
	};
	interface Group {
		estateId: string;
		responses: number;
		scores: Scores;
		areas: Map<string, Scores>;
		nps: Map<number, number>;
	}
	const group = (groups: Map<string, Group>, id: string, estateId: string): Group => {
		let g = groups.get(id);
		if (!g) groups.set(id, (g = { estateId, responses: 0, scores: new Scores(), areas: new Map(), nps: new Map() }));
		return g;
	};
	const estates = new Map<string, Group>();
	const buildings = new Map<string, Group>();
	for (const r of tally.responses) {
		group(estates, r.estateId, r.estateId).responses += r.count;
		group(buildings, r.buildingId, r.estateId).responses += r.count;
	}
	for (const v of tally.values) {
		const area = areaOf(v.questionId, v.rowId);
		const inGroups = [group(estates, v.estateId, v.estateId), group(buildings, v.buildingId, v.estateId)];
		if (area && isScore(v.value, SATISFACTION_SCORES)) {
			for (const g of inGroups) {
				g.scores.add(Number(v.value), v.count);
				let scores = g.areas.get(area);
				if (!scores) g.areas.set(area, (scores = new Scores()));
				scores.add(Number(v.value), v.count);
			}
		} else if (firstNps && v.questionId === firstNps.id && v.rowId === null && isScore(v.value, NPS_SCORES)) {
			for (const g of inGroups) g.nps.set(Number(v.value), (g.nps.get(Number(v.value)) ?? 0) + v.count);
		}
	}
	const groupResults = (groups: Map<string, Group>): GroupResult[] =>
		[...groups].map(([id, g]) => ({
			id,
			estateId: g.estateId,
			responses: g.responses,
			...g.scores.summary(targetScore),
			nps: firstNps ? npsOf(g.nps) : null,
			areas: Object.fromEntries(areas.filter((a) => g.areas.has(a.id)).map((a) => [a.id, g.areas.get(a.id)!.summary(targetScore)]))
		}));

	const npsQuestion = results.find((q) => q.kind === 'nps');
	return {
		responses: tally.responses.reduce((sum, r) => sum + r.count, 0),
		target: { score: targetScore, index: satisfactionIndex(targetScore) },
		overall: overall.summary(targetScore),
		nps: npsQuestion?.kind === 'nps' ? npsQuestion.nps : null,
		questions: results,
		areas,
		byEstate: groupResults(estates),
		byBuilding: groupResults(buildings)
	};
}

/** The results of a list of responses (tests, small sets): tallyResponses then computeResults. */
export function resultsOf(
	definition: SurveyDefinition,
	responses: Iterable<ResponseFacts>,
	options: { targetScore: number; tags?: readonly TagCount[] }
): SurveyResultSet {
	return computeResults(definition, tallyResponses(definition, responses), options);
}

/** A figure this year and last year, and the change (this − last); null where either is missing. */
export interface Change {
	current: number | null;
	previous: number | null;
	change: number | null;
}

function change(current: number | null | undefined, previous: number | null | undefined): Change {
	const c = current ?? null;
	const p = previous ?? null;
	return { current: c, previous: p, change: c === null || p === null ? null : c - p };
}

export interface AreaComparison {
	id: string;
	text: LocalText;
	questionText: LocalText | null;
	/** The satisfaction index this year and last year. */
	index: Change;
	mean: Change;
	/** Below the target this year. */
	belowTarget: boolean;
}

export type QuestionComparison =
	| { id: string; kind: 'nps'; text: LocalText; nps: Change }
	| { id: string; kind: 'single' | 'multiple'; text: LocalText; choices: { id: string; text: LocalText; share: Change }[] };

export interface ResultsComparison {
	responses: { current: number; previous: number };
	/** The survey's satisfaction index. */
	index: Change;
	/** The survey's NPS. */
	nps: Change;
	/** Areas of either year, matched by area id (question id, or `question/row`); this year's order first. */
	areas: AreaComparison[];
	/** NPS and choice questions of this year that last year's survey asked too (same id and kind), choices by id. */
	questions: QuestionComparison[];
	/** Estates of either year, by id: the index. */
	estates: (Change & { id: string })[];
}

/**
 * This survey against the previous one (last year's): the same question ids and grid row ids are
 * the same areas. Areas asked only last year come after this year's, with no figure this year.
 */
export function compareResults(current: SurveyResultSet, previous: SurveyResultSet): ResultsComparison {
	const previousAreas = new Map(previous.areas.map((a) => [a.id, a]));
	const areas: AreaComparison[] = current.areas.map((a) => {
		const before = previousAreas.get(a.id);
		return {
			id: a.id,
			text: a.text,
			questionText: a.questionText,
			index: change(a.index, before?.index),
			mean: change(a.mean, before?.mean),
			belowTarget: a.belowTarget
		};
	});
	for (const before of previous.areas) {
		if (current.areas.some((a) => a.id === before.id)) continue;
		areas.push({
			id: before.id,
			text: before.text,
			questionText: before.questionText,
			index: change(null, before.index),
			mean: change(null, before.mean),
			belowTarget: false
		});
	}
	const questions: QuestionComparison[] = [];
	for (const q of current.questions) {
		const before = previous.questions.find((p) => p.id === q.id && p.kind === q.kind);
		if (!before) continue;
		if (q.kind === 'nps' && before.kind === 'nps')
			questions.push({ id: q.id, kind: 'nps', text: q.text, nps: change(q.nps.score, before.nps.score) });
		if ((q.kind === 'single' || q.kind === 'multiple') && (before.kind === 'single' || before.kind === 'multiple')) {
			questions.push({
				id: q.id,
				kind: q.kind,
				text: q.text,
				choices: q.choices.map((c) => ({
					id: c.value,
					text: c.text,
					share: change(c.share, before.choices.find((p) => p.value === c.value)?.share)
				}))
			});
		}
	}
	const estateIds = [...new Set([...current.byEstate.map((e) => e.id), ...previous.byEstate.map((e) => e.id)])];
	return {
		responses: { current: current.responses, previous: previous.responses },
		index: change(current.overall.index, previous.overall.index),
		nps: change(current.nps?.score, previous.nps?.score),
		areas,
		questions,
		estates: estateIds.map((id) => ({
			id,
			...change(current.byEstate.find((e) => e.id === id)?.index, previous.byEstate.find((e) => e.id === id)?.index)
		}))
	};
}

/** One free-text answer of a response. */
export interface TextAnswer {
	questionId: string;
	text: string;
}

/** A response's free-text answers, in the order of the survey's questions. */
export function textAnswersOf(definition: SurveyDefinition, answers: Answers): TextAnswer[] {
	return questionsOf(definition)
		.filter((q) => q.kind === 'text')
		.flatMap((q) => {
			const text = answers[q.id];
			return typeof text === 'string' && text !== '' ? [{ questionId: q.id, text }] : [];
		});
}

/** The ids of a survey's free-text questions. */
export function textQuestionIds(definition: SurveyDefinition): string[] {
	return questionsOf(definition)
		.filter((q) => q.kind === 'text')
		.map((q) => q.id);
}

/** The ids of the questions whose scores and choices are counted (every kind but free text). */
export function countedQuestionIds(definition: SurveyDefinition): string[] {
	return questionsOf(definition)
		.filter((q) => q.kind !== 'text')
		.map((q) => q.id);
}

/** A column of the responses export: a question, or one row of a grid. */
export interface AnswerColumn {
	questionId: string;
	rowId: string | null;
	/** The header: the question, and for a grid row "question — row". */
	title: (locale: string) => string;
}

/** The export's answer columns: one per question, one per grid row (in the survey's order). */
export function answerColumns(definition: SurveyDefinition): AnswerColumn[] {
	return questionsOf(definition).flatMap((q): AnswerColumn[] =>
		q.kind === 'grid'
			? q.rows.map((row) => ({
					questionId: q.id,
					rowId: row.id,
					title: (locale) => `${localText(q.text, locale)} — ${localText(row.text, locale)}`
				}))
			: [{ questionId: q.id, rowId: null, title: (locale) => localText(q.text, locale) }]
	);
}

/**
 * A response's cells under answerColumns: scores as numbers, a choice by its text in the reader's
 * language, several choices joined with "; ", free text as written; empty where not answered.
 */
export function answerCells(definition: SurveyDefinition, answers: Answers, locale: string): (string | number | null)[] {
	const byId = new Map(questionsOf(definition).map((q) => [q.id, q]));
	return answerColumns(definition).map(({ questionId, rowId }) => {
		const question = byId.get(questionId)!;
		const answer = answers[questionId];
		if (answer === undefined) return null;
		const choiceText = (id: string) => {
			const choice = 'choices' in question ? question.choices.find((c) => c.id === id) : undefined;
			return choice ? localText(choice.text, locale) : id;
		};
		if (question.kind === 'grid') {
			const score = typeof answer === 'object' && !Array.isArray(answer) ? answer[rowId!] : undefined;
			return typeof score === 'number' ? score : null;
		}
		if (question.kind === 'multiple') return Array.isArray(answer) ? answer.map(choiceText).join('; ') : null;
		if (question.kind === 'single') return typeof answer === 'string' ? choiceText(answer) : null;
		if (typeof answer === 'number' || typeof answer === 'string') return answer;
		return null;
	});
}

/**
 * A survey's results for the back office (rule 7), live while it is open and after it closes: the
 * response rate by estate and building, the figures of surveys/results.ts (distributions, means,
 * satisfaction index, NPS, flags below the target) and the comparison with the previous survey
 * (`surveys.previousSurveyId`, last year's), and the XLSX/CSV export.
 *
 * The answers are counted in SQL — per building, per question (and grid row) and per value — so a
 * survey of 30,000 responses gives a few hundred rows whatever its size; free text is never read
 * here (tags.ts pages it). Staff see a survey whose audience lies in their estates (sending.ts's
 * mayManage; 404 otherwise), and only the responses of their estates. Nothing here reads who
 * answered: anonymous responses have no recipient, and no figure or export names anyone.
 */
import { and, asc, count, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { surveyReference } from '#lib/references.ts';
import { localText, type Answers, type LocalText, type SurveyDefinition } from '#lib/surveys/definition.ts';
import {
	answerCells,
	answerColumns,
	compareResults,
	computeResults,
	countedQuestionIds,
	type Nps,
	type ResultsComparison,
	type SurveyResultSet,
	type Tally,
	type TagCount
} from '#lib/surveys/results.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { queryRows, readDb } from '../db/client.ts';
import { buildings, estates, surveyAnswerTags, surveyRecipients, surveyResponses, surveys } from '../db/schema/index.ts';
import type { Cell, ReportTable } from '../reports/export.ts';
import { loadSurvey, type Survey } from './access.ts';

/** The survey whose results the staff member may read (surveys.manage, its audience in their estates); 404 otherwise. */
export function resultsSurvey(actor: Actor, surveyId: string): Promise<Survey> {
	requireStaff(actor, 'surveys.manage');
	return loadSurvey(actor, surveyId);
}

/** Estates whose responses count: null for all. */
type EstateScope = readonly string[] | null;

/** The responses (or recipients) of the actor's estates only. */
export function inScope(column: AnyColumn, estateIds: EstateScope): SQL {
	if (estateIds === null) return sql`true`;
	if (estateIds.length === 0) return sql`false`;
	return inArray(column, [...estateIds]);
}

/**
 * Last year's responses are read in the estates of this year's audience that the staff member
 * works in, so that the comparison is of the same places.
 */
function previousScope(actor: Actor, survey: Survey): EstateScope {
	const audience = survey.audience.estateIds.length ? survey.audience.estateIds : null;
	if (audience === null) return actor.estateIds;
	if (actor.estateIds === null) return audience;
	return audience.filter((id) => actor.estateIds!.includes(id));
}

/** The counts the results are computed from (surveys/results.ts's Tally), aggregated in SQL. */
async function tallyOf(surveyId: string, definition: SurveyDefinition, estateIds: EstateScope): Promise<Tally> {
	const r = surveyResponses;
	const scope = inScope(r.estateId, estateIds);
	const questionIds = definition.sections.flatMap((s) => s.questions.map((q) => q.id));
	const counted = countedQuestionIds(definition);
	const responses = await readDb()
		.select({ estateId: r.estateId, buildingId: r.buildingId, count: count() })
		.from(r)
		.where(and(eq(r.surveyId, surveyId), scope))
		.groupBy(r.estateId, r.buildingId);
	if (responses.length === 0) return { responses: [], answered: [], values: [] };
	const answered = questionIds.length
		? await queryRows<Tally['answered'][number]>(
				readDb(),
				sql`select ${r.estateId} as "estateId", ${r.buildingId} as "buildingId", a.key as "questionId", count(*)::int as count
					from ${r} cross join lateral jsonb_object_keys(${r.answers}) as a(key)
					where ${r.surveyId} = ${surveyId} and ${scope} and ${inArray(sql`a.key`, questionIds)}
					group by 1, 2, 3`
			)
		: [];
	// One row per value given: a score or a choice (a number or a text), each row of a grid, each
	// choice of a multiple choice. The CASEs keep jsonb_each and jsonb_array_elements_text off values
	// of another shape.
	const values = counted.length
		? await queryRows<Tally['values'][number]>(
				readDb(),
				sql`select ${r.estateId} as "estateId", ${r.buildingId} as "buildingId", a.key as "questionId",
						v.row_id as "rowId", v.value, count(*)::int as count
					from ${r}
					cross join lateral jsonb_each(${r.answers}) as a(key, value)
					cross join lateral (
						select null::text as row_id, a.value #>> '{}' as value where jsonb_typeof(a.value) in ('number', 'string')
						union all
						select g.key, g.value #>> '{}'
							from jsonb_each(case when jsonb_typeof(a.value) = 'object' then a.value else '{}'::jsonb end) as g(key, value)
						union all
						select null::text, c.value
							from jsonb_array_elements_text(case when jsonb_typeof(a.value) = 'array' then a.value else '[]'::jsonb end) as c(value)
					) as v
					where ${r.surveyId} = ${surveyId} and ${scope} and ${inArray(sql`a.key`, counted)}
					group by 1, 2, 3, 4, 5`
			)
		: [];
	return { responses, answered, values };
}

/** How many answers of each free-text question carry each tag (in the scope's responses). */
async function tagCounts(surveyId: string, estateIds: EstateScope): Promise<TagCount[]> {
	const t = surveyAnswerTags;
	return readDb()
		.select({ questionId: t.questionId, tag: t.tag, count: count() })
		.from(t)
		.innerJoin(surveyResponses, eq(surveyResponses.id, t.responseId))
		.where(and(eq(t.surveyId, surveyId), inScope(surveyResponses.estateId, estateIds)))
		.groupBy(t.questionId, t.tag)
		.orderBy(sql`count(*) desc`, asc(t.tag));
}

export interface RateRow {
	id: string;
	code: string;
	name: string;
	recipients: number;
	responses: number;
	/** responses / recipients (0–1); null without recipients. */
	rate: number | null;
}

export interface SurveyResults {
	survey: {
		id: string;
		reference: string;
		title: LocalText;
		state: Survey['state'];
		anonymous: boolean;
		targetScore: number;
		definition: SurveyDefinition;
		sentAt: Date | null;
		closesAt: Date | null;
		closedAt: Date | null;
		reportApprovedAt: Date | null;
	};
	/** When the figures were read (they move while the survey is open). */
	readAt: Date;
	/** The estates and buildings the figures name (the staff member's), by code. */
	estates: { id: string; code: string; name: string; timeZone: string }[];
	buildings: { id: string; estateId: string; code: string; name: string }[];
	/** Recipients and responses: in all, by estate, by building (buildings carry their estate). */
	rates: {
		total: { recipients: number; responses: number; rate: number | null };
		estates: RateRow[];
		buildings: (RateRow & { estateId: string })[];
	};
	results: SurveyResultSet;
	/** The previous survey (last year's), read in the same estates; null when there is none. */
	previous: { id: string; reference: string; title: LocalText; sentAt: Date | null; results: SurveyResultSet } | null;
	comparison: ResultsComparison | null;
}

const rate = (responses: number, recipients: number) => (recipients ? responses / recipients : null);

/**
 * A survey's results as the staff member may see them (surveys.manage; 404 for a survey outside
 * their estates): response rates, the result set, last year's and the comparison.
 */
export async function surveyResults(actor: Actor, surveyId: string, now = new Date()): Promise<SurveyResults> {
	const survey = await resultsSurvey(actor, surveyId);
	const scope = actor.estateIds;
	const [tally, tags, recipients] = await Promise.all([
		tallyOf(survey.id, survey.definition, scope),
		tagCounts(survey.id, scope),
		readDb()
			.select({ estateId: surveyRecipients.estateId, buildingId: surveyRecipients.buildingId, count: count() })
			.from(surveyRecipients)
			.where(and(eq(surveyRecipients.surveyId, survey.id), inScope(surveyRecipients.estateId, scope)))
			.groupBy(surveyRecipients.estateId, surveyRecipients.buildingId)
	]);
	const results = computeResults(survey.definition, tally, { targetScore: survey.targetScore, tags });

	let previous: SurveyResults['previous'] = null;
	if (survey.previousSurveyId) {
		const [before] = await readDb().select().from(surveys).where(eq(surveys.id, survey.previousSurveyId));
		if (before && before.state !== 'draft') {
			const within = previousScope(actor, survey);
			const [beforeTally, beforeTags] = await Promise.all([tallyOf(before.id, before.definition, within), tagCounts(before.id, within)]);
			previous = {
				id: before.id,
				reference: surveyReference(before.seq),
				title: before.title,
				sentAt: before.sentAt,
				// Judged by this year's target, so that a flag means the same in both columns.
				results: computeResults(before.definition, beforeTally, { targetScore: survey.targetScore, tags: beforeTags })
			};
		}
	}

	// Names of the places counted, this year's and last year's.
	const estateIds = [
		...new Set([
			...recipients.map((r) => r.estateId),
			...tally.responses.map((r) => r.estateId),
			...(previous?.results.byEstate.map((e) => e.id) ?? [])
		])
	];
	const [estateRows, buildingRows] = estateIds.length
		? await Promise.all([
				readDb()
					.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
					.from(estates)
					.where(inArray(estates.id, estateIds))
					.orderBy(estates.code),
				readDb()
					.select({ id: buildings.id, estateId: buildings.estateId, code: buildings.code, name: buildings.name })
					.from(buildings)
					.where(inArray(buildings.estateId, estateIds))
					.orderBy(buildings.code)
			])
		: [[], []];

	const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
	const rateRows = <T extends { id: string; code: string; name: string }>(places: T[], key: 'estateId' | 'buildingId') =>
		places
			.map((place) => {
				const invited = sum(recipients.filter((r) => r[key] === place.id));
				const answered = sum(tally.responses.filter((r) => r[key] === place.id));
				return { ...place, recipients: invited, responses: answered, rate: rate(answered, invited) };
			})
			.filter((row) => row.recipients > 0 || row.responses > 0);
	const totalRecipients = sum(recipients);
	return {
		survey: {
			id: survey.id,
			reference: surveyReference(survey.seq),
			title: survey.title,
			state: survey.state,
			anonymous: survey.anonymous,
			targetScore: survey.targetScore,
			definition: survey.definition,
			sentAt: survey.sentAt,
			closesAt: survey.closesAt,
			closedAt: survey.closedAt,
			reportApprovedAt: survey.reportApprovedAt
		},
		readAt: now,
		estates: estateRows,
		buildings: buildingRows,
		rates: {
			total: { recipients: totalRecipients, responses: results.responses, rate: rate(results.responses, totalRecipients) },
			estates: rateRows(
				estateRows.map(({ id, code, name }) => ({ id, code, name })),
				'estateId'
			),
			buildings: rateRows(buildingRows, 'buildingId')
		},
		results,
		previous,
		comparison: previous ? compareResults(results, previous.results) : null
	};
}

/** What the export holds: every response, or the figures. */
export type ExportWhat = 'responses' | 'summary';

const PAGE = 1000;

/** The responses as one table: where and when each came in, then one column per question (per grid row). Never who. */
async function responsesTable(survey: Survey, actor: Actor, locale: Locale): Promise<ReportTable> {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const columns = answerColumns(survey.definition);
	const rows: Cell[][] = [];
	const r = surveyResponses;
	// Ordered by the day it came in, then by its random id: never by the order of insertion, which
	// could be matched with the time a recipient was marked as answered.
	let after: { day: string; id: string } | null = null;
	for (;;) {
		const page: { id: string; day: string; answers: Answers; estate: string; building: string }[] = await readDb()
			.select({ id: r.id, day: r.submittedOn, answers: r.answers, estate: estates.name, building: buildings.name })
			.from(r)
			.innerJoin(estates, eq(estates.id, r.estateId))
			.innerJoin(buildings, eq(buildings.id, r.buildingId))
			.where(
				and(
					eq(r.surveyId, survey.id),
					inScope(r.estateId, actor.estateIds),
					after ? sql`(${r.submittedOn}, ${r.id}) > (${after.day}::date, ${after.id}::uuid)` : undefined
				)
			)
			.orderBy(asc(r.submittedOn), asc(r.id))
			.limit(PAGE);
		for (const row of page) rows.push([row.estate, row.building, row.day, ...answerCells(survey.definition, row.answers, locale)]);
		if (page.length < PAGE) break;
		const last = page.at(-1)!;
		after = { day: last.day, id: last.id };
	}
	return {
		title: t(m.survey_results_sheet_responses),
		columns: [
			t(m.survey_results_column_estate),
			t(m.survey_results_column_building),
			t(m.survey_results_column_submitted),
			...columns.map((c) => c.title(locale))
		],
		rows
	};
}

/**
 * Rounded as the page shows it (Intl rounds the shortest decimal form, half away from zero): 4.225
 * → 4.23, where Math.round(4.225 * 100) would give 4.22.
 */
function round(value: number | null, digits: number): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	const text = String(Math.abs(value));
	// A tiny or huge figure is written with an exponent already: plain arithmetic does for it.
	const rounded = text.includes('e') ? Math.round(Math.abs(value) * 10 ** digits) : Math.round(Number(`${text}e${digits}`));
	return Math.sign(value) * (rounded / 10 ** digits);
}
const percent = (share: number | null) => round(share === null ? null : share * 100, 1);

/** The figures as tables: the survey in short, per question and area, distributions, places, tags, last year. */
function summaryTables(data: SurveyResults, locale: Locale): ReportTable[] {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const text = (value: LocalText) => localText(value, locale);
	const yes = (flag: boolean) => (flag ? t(m.survey_results_yes) : t(m.survey_results_no));
	const { results } = data;
	const nps = (value: Nps | null | undefined) => round(value?.score ?? null, 1);
	const summary: ReportTable = {
		title: t(m.survey_results_sheet_summary),
		columns: [t(m.survey_results_column_metric), t(m.survey_results_column_value)],
		rows: [
			[t(m.survey_results_column_survey), `${data.survey.reference} ${text(data.survey.title)}`],
			[t(m.survey_results_column_recipients), data.rates.total.recipients],
			[t(m.survey_results_column_responses), data.rates.total.responses],
			[t(m.survey_results_column_rate), percent(data.rates.total.rate)],
			[t(m.survey_results_column_target), results.target.score],
			[t(m.survey_results_column_target_index), round(results.target.index, 1)],
			[t(m.survey_results_column_mean), round(results.overall.mean, 2)],
			[t(m.survey_results_column_index), round(results.overall.index, 1)],
			[t(m.survey_results_column_nps), nps(results.nps)],
			[t(m.survey_results_column_promoters), results.nps?.promoters ?? null],
			[t(m.survey_results_column_passives), results.nps?.passives ?? null],
			[t(m.survey_results_column_detractors), results.nps?.detractors ?? null]
		]
	};
	const questions: ReportTable = {
		title: t(m.survey_results_sheet_questions),
		columns: [
			t(m.survey_results_column_question),
			t(m.survey_results_column_area),
			t(m.survey_results_column_answered),
			t(m.survey_results_column_mean),
			t(m.survey_results_column_index),
			t(m.survey_results_column_below_target),
			t(m.survey_results_column_nps)
		],
		rows: results.questions.flatMap((q): Cell[][] => {
			if (q.kind === 'satisfaction')
				return [[text(q.text), null, q.answered, round(q.mean, 2), round(q.index, 1), yes(q.belowTarget), null]];
			if (q.kind === 'grid')
				return q.rows.map((row) => [
					text(q.text),
					text(row.text),
					row.count,
					round(row.mean, 2),
					round(row.index, 1),
					yes(row.belowTarget),
					null
				]);
			if (q.kind === 'nps') return [[text(q.text), null, q.answered, round(q.mean, 2), null, null, nps(q.nps)]];
			return [[text(q.text), null, q.answered, null, null, null, null]];
		})
	};
	const distribution: ReportTable = {
		title: t(m.survey_results_sheet_distribution),
		columns: [
			t(m.survey_results_column_question),
			t(m.survey_results_column_area),
			t(m.survey_results_column_answer),
			t(m.survey_results_column_count),
			t(m.survey_results_column_share)
		],
		rows: results.questions.flatMap((q): Cell[][] => {
			if (q.kind === 'satisfaction' || q.kind === 'nps')
				return q.distribution.map((b) => [text(q.text), null, Number(b.value), b.count, percent(b.share)]);
			if (q.kind === 'grid')
				return q.rows.flatMap((row) =>
					row.distribution.map((b) => [text(q.text), text(row.text), Number(b.value), b.count, percent(b.share)])
				);
			if (q.kind === 'single' || q.kind === 'multiple')
				return q.choices.map((c) => [text(q.text), null, text(c.text), c.count, percent(c.share)]);
			return [];
		})
	};
	const estateName = (id: string) => data.estates.find((e) => e.id === id)?.name ?? '';
	const places: ReportTable = {
		title: t(m.survey_results_sheet_places),
		columns: [
			t(m.survey_results_column_estate),
			t(m.survey_results_column_building),
			t(m.survey_results_column_recipients),
			t(m.survey_results_column_responses),
			t(m.survey_results_column_rate),
			t(m.survey_results_column_mean),
			t(m.survey_results_column_index),
			t(m.survey_results_column_below_target),
			t(m.survey_results_column_nps)
		],
		rows: data.rates.estates.flatMap((estate): Cell[][] => {
			const figures = (group: (typeof results.byEstate)[number] | undefined): Cell[] => [
				round(group?.mean ?? null, 2),
				round(group?.index ?? null, 1),
				group ? yes(group.belowTarget) : null,
				nps(group?.nps)
			];
			return [
				[
					estate.name,
					null,
					estate.recipients,
					estate.responses,
					percent(estate.rate),
					...figures(results.byEstate.find((e) => e.id === estate.id))
				],
				...data.rates.buildings
					.filter((b) => b.estateId === estate.id)
					.map((b): Cell[] => [
						estateName(b.estateId),
						b.name,
						b.recipients,
						b.responses,
						percent(b.rate),
						...figures(results.byBuilding.find((g) => g.id === b.id))
					])
			];
		})
	};
	const tags: ReportTable = {
		title: t(m.survey_results_sheet_tags),
		columns: [t(m.survey_results_column_question), t(m.survey_results_column_tag), t(m.survey_results_column_count)],
		rows: results.questions.flatMap((q): Cell[][] => (q.kind === 'text' ? q.tags.map((tag) => [text(q.text), tag.tag, tag.count]) : []))
	};
	const tables = [summary, questions, distribution, places, tags];
	if (data.comparison && data.previous) {
		const c = data.comparison;
		tables.push({
			title: t(m.survey_results_sheet_comparison),
			columns: [
				t(m.survey_results_column_area),
				`${t(m.survey_results_column_index)} · ${data.survey.reference}`,
				`${t(m.survey_results_column_index)} · ${data.previous.reference}`,
				t(m.survey_results_column_change)
			],
			rows: [
				[t(m.survey_results_column_responses), c.responses.current, c.responses.previous, c.responses.current - c.responses.previous],
				[t(m.survey_results_column_index), round(c.index.current, 1), round(c.index.previous, 1), round(c.index.change, 1)],
				[t(m.survey_results_column_nps), round(c.nps.current, 1), round(c.nps.previous, 1), round(c.nps.change, 1)],
				...c.areas.map((a): Cell[] => [
					a.questionText ? `${text(a.questionText)} — ${text(a.text)}` : text(a.text),
					round(a.index.current, 1),
					round(a.index.previous, 1),
					round(a.index.change, 1)
				])
			]
		});
	}
	return tables;
}

/**
 * The export (same permission and scope as the results): every response, one row each, or the
 * figures; headers in the reader's language. The responses carry their estate, building and day,
 * never a person: not in anonymous surveys, and not in named ones either.
 */
export async function surveyExport(
	actor: Actor,
	surveyId: string,
	what: ExportWhat,
	locale: Locale
): Promise<{ tables: ReportTable[]; title: string; fileName: (extension: 'csv' | 'xlsx') => string }> {
	const survey = await resultsSurvey(actor, surveyId);
	const tables =
		what === 'responses' ? [await responsesTable(survey, actor, locale)] : summaryTables(await surveyResults(actor, surveyId), locale);
	const reference = surveyReference(survey.seq);
	return {
		tables,
		title: `${reference} ${localText(survey.title, locale)}`,
		fileName: (extension) => `survey-${reference}-${what}.${extension}`
	};
}

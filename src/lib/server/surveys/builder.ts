/**
 * The survey builder on the server: one change to a draft survey's questions, or to a template's
 * (templates are admin-edited data, rule 12), each in one transaction that writes the definition
 * and an event. The change itself is lib/surveys/builder.ts; what it refuses comes back as an
 * InputError at the form field it concerns, in the request's language.
 *
 * A survey's questions change only while the machine's 'edit' action is open (a draft): a sent
 * survey is frozen, and a new version copies it into a new draft. Templates have no life cycle;
 * an active one (offered when staff start a survey) must always be complete, so a new template —
 * blank, or a copy — starts inactive, and activating it checks it. Their changes are events of
 * the subject 'survey_template' (the admin data's trail), declared below.
 */
import { error } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import {
	applyOp,
	newId,
	optionsFromLines,
	problemKey,
	QUESTION_KINDS,
	OPTION_KINDS,
	DEFAULT_MAX_LENGTH,
	questionsOf,
	validateDefinition,
	type BuilderOp,
	type BuilderOpName,
	type Language,
	type Problem,
	type QuestionInput
} from '#lib/surveys/builder.ts';
import { localText, type LocalText, type SurveyDefinition } from '#lib/surveys/definition.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Tx } from '../db/client.ts';
import { surveys, surveyTemplates, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput, StaleStateError } from '../kernel/input-error.ts';
import { surveyMachine, type SurveyCapacity } from './machine.ts';
import { loadSurvey, lockSurvey } from './access.ts';
// The survey's event kinds (declaration merging into events/kinds.ts).
import './event-kinds.ts';

/** What a template's trail says: made (blank or copied), its questions changed, offered or withdrawn. */
type SurveyTemplateEventKind = 'created' | 'edit' | 'activate' | 'deactivate';

declare module '../events/kinds.ts' {
	interface EventKinds {
		survey_template: SurveyTemplateEventKind;
	}
}

export type SurveyTemplate = typeof surveyTemplates.$inferSelect;

const EDITOR: ReadonlySet<SurveyCapacity> = new Set(['editor']);

/** The builder's changes: the title, or one operation of lib/surveys/builder.ts. */
export const CHANGES = [
	'title',
	'addSection',
	'renameSection',
	'removeSection',
	'moveSection',
	'addQuestion',
	'updateQuestion',
	'removeQuestion',
	'moveQuestion'
] as const satisfies readonly ('title' | BuilderOpName)[];
export type ChangeName = (typeof CHANGES)[number];

// ---------------------------------------------------------------------------------------------
// The form's fields, as every change posts them (one form per change; names shared by both editors)

const field = (max: number) => z.string().max(max).default('');
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const titleShape = { titleEn: field(200), titleZhHans: field(200), titleZhHant: field(200) };
const questionShape = {
	kind: z.enum(QUESTION_KINDS, { error: () => m.survey_builder_kind_required() }),
	textEn: field(500),
	textZhHans: field(500),
	textZhHant: field(500),
	required: flag,
	optionsEn: field(6000),
	optionsZhHans: field(6000),
	optionsZhHant: field(6000),
	maxLength: field(12),
	followUp: field(100),
	below: field(12)
};
const direction = z.enum(['up', 'down'], { error: () => m.field_required() });

const changeSchema = z.discriminatedUnion('op', [
	z.object({ op: z.literal('title'), ...titleShape }),
	z.object({ op: z.literal('addSection'), ...titleShape }),
	z.object({ op: z.literal('renameSection'), section: field(100), ...titleShape }),
	z.object({ op: z.literal('removeSection'), section: field(100) }),
	z.object({ op: z.literal('moveSection'), section: field(100), direction }),
	z.object({ op: z.literal('addQuestion'), section: field(100), ...questionShape }),
	z.object({ op: z.literal('updateQuestion'), question: field(100), ...questionShape }),
	z.object({ op: z.literal('removeQuestion'), question: field(100) }),
	z.object({ op: z.literal('moveQuestion'), question: field(100), direction })
]);
type ChangeInput = z.output<typeof changeSchema>;

const suffix: Record<Language, string> = { en: 'En', zhHans: 'ZhHans', zhHant: 'ZhHant' };

/** A language as the reader calls it. */
function languageName(language: Language): string {
	return language === 'zhHans'
		? m.survey_builder_language_zh_hans()
		: language === 'zhHant'
			? m.survey_builder_language_zh_hant()
			: m.survey_builder_language_en();
}

const localFrom = (fields: Record<string, string>, name: string): LocalText => ({
	en: (fields[`${name}En`] ?? '').trim(),
	zhHans: (fields[`${name}ZhHans`] ?? '').trim(),
	zhHant: (fields[`${name}ZhHant`] ?? '').trim()
});

/** Each language of a title written, or the first one missing at its field. */
function requireTexts(text: LocalText, name: string): void {
	for (const language of ['en', 'zhHans', 'zhHant'] as const) {
		if (text[language] === '') {
			throw new InputError(`${name}${suffix[language]}`, m.survey_builder_text_empty({ language: languageName(language) }));
		}
	}
}

/** A whole number from a form field, or NaN (which validateDefinition refuses at its field). */
const wholeNumber = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function questionInput(fields: Extract<ChangeInput, { op: 'addQuestion' | 'updateQuestion' }>): QuestionInput {
	let options: LocalText[] = [];
	if (OPTION_KINDS.includes(fields.kind)) {
		const lines = optionsFromLines(localFrom(fields as unknown as Record<string, string>, 'options'));
		if (!lines.ok) throw problemError(lines.problem, null);
		options = lines.options;
	}
	return {
		kind: fields.kind,
		text: localFrom(fields as unknown as Record<string, string>, 'text'),
		required: fields.required,
		options,
		maxLength: fields.kind === 'text' ? (fields.maxLength.trim() === '' ? DEFAULT_MAX_LENGTH : wholeNumber(fields.maxLength)) : 0,
		showIf: fields.followUp.trim() === '' ? null : { question: fields.followUp.trim(), below: wholeNumber(fields.below) }
	};
}

/** The form's change as a builder operation (the title is not part of the definition: null). */
function toOp(change: ChangeInput): BuilderOp | null {
	const fields = change as unknown as Record<string, string>;
	switch (change.op) {
		case 'title':
			return null;
		case 'addSection':
			return { op: 'addSection', title: localFrom(fields, 'title') };
		case 'renameSection':
			return { op: 'renameSection', section: change.section, title: localFrom(fields, 'title') };
		case 'removeSection':
		case 'moveSection':
			return change.op === 'removeSection'
				? { op: 'removeSection', section: change.section }
				: { op: 'moveSection', section: change.section, direction: change.direction };
		case 'addQuestion':
			return { op: 'addQuestion', section: change.section, question: questionInput(change) };
		case 'updateQuestion':
			return { op: 'updateQuestion', question: change.question, input: questionInput(change) };
		case 'removeQuestion':
			return { op: 'removeQuestion', question: change.question };
		case 'moveQuestion':
			return { op: 'moveQuestion', question: change.question, direction: change.direction };
	}
}

/** What a problem says, in the reader's language. */
function problemText(problem: Problem, definition: SurveyDefinition | null): string {
	const questionText = (id: string | undefined) => {
		const question = definition && id ? questionsOf(definition).find((q) => q.id === id) : undefined;
		return question ? localText(question.text, getLocale()) : (id ?? '');
	};
	switch (problem.code) {
		case 'text_empty':
			return m.survey_builder_text_empty({ language: languageName(problem.language ?? 'en') });
		case 'lines_mismatch':
			return m.survey_builder_lines_mismatch({ language: languageName(problem.language ?? 'en') });
		case 'too_few_choices':
			return m.survey_builder_too_few_choices();
		case 'no_rows':
			return m.survey_builder_no_rows();
		case 'max_length':
			return m.survey_builder_max_length({ min: problem.min ?? 1, max: problem.max ?? 0 });
		case 'follow_up_missing':
			return m.survey_builder_follow_up_missing();
		case 'follow_up_later':
			return m.survey_builder_follow_up_later();
		case 'follow_up_not_score':
			return m.survey_builder_follow_up_not_score();
		case 'bound_out_of_range':
			return m.survey_builder_bound_out_of_range({ min: problem.min ?? 0, max: problem.max ?? 0 });
		case 'empty_survey':
			return m.survey_builder_empty_survey();
		case 'bad_id':
			return m.survey_builder_bad_id();
		case 'duplicate_id':
			return m.survey_builder_duplicate_id();
		case 'unknown_section':
		case 'unknown_question':
			return m.survey_builder_gone();
		case 'has_follow_ups':
			return m.survey_builder_has_follow_ups({ question: questionText(problem.other) });
	}
}

/**
 * A problem as the person sees it: at its form field when it concerns what the form posted (the
 * section or question it names), else above the form, naming the question it is about.
 */
function problemError(
	problem: Problem,
	definition: SurveyDefinition | null,
	subject: { section?: string; question?: string } = {}
): InputError {
	if (problem.code === 'unknown_section' || problem.code === 'unknown_question') return new StaleStateError(m.survey_builder_gone());
	const text = problemText(problem, definition);
	const here =
		(problem.question === undefined && problem.section === undefined) ||
		(problem.question !== undefined ? problem.question === subject.question : problem.section === subject.section);
	if (!here || problem.field === '') {
		const about = problem.question ?? problem.section;
		const name = about && definition ? questionOrSectionText(definition, about) : '';
		return new InputError('', problem.field !== '' && name ? m.survey_builder_problem_in({ question: name, problem: text }) : text);
	}
	const name = {
		title: 'title',
		text: 'text',
		options: 'options',
		maxLength: 'maxLength',
		showIf: 'followUp',
		below: 'below'
	}[problem.field];
	const language =
		problem.field === 'title' || problem.field === 'text' || problem.field === 'options' ? suffix[problem.language ?? 'en'] : '';
	return new InputError(`${name}${language}`, text);
}

function questionOrSectionText(definition: SurveyDefinition, id: string): string {
	const question = questionsOf(definition).find((q) => q.id === id);
	if (question) return localText(question.text, getLocale());
	const section = definition.sections.find((s) => s.id === id);
	return section ? localText(section.title, getLocale()) : id;
}

interface Applied {
	definition: SurveyDefinition;
	title: LocalText | null;
	/** What the event records: the change and the section or question it was made to. */
	data: { op: ChangeName; section?: string; question?: string };
}

/**
 * A change applied to a definition and checked: refused when it brings a problem the definition
 * did not have (so one that was already there blocks nothing else), at the field it concerns.
 */
function applyChange(definition: SurveyDefinition, input: unknown, { allowEmpty }: { allowEmpty: boolean }): Applied {
	const change = parseInput(changeSchema, input);
	const op = toOp(change);
	if (!op) {
		const title = localFrom(change as unknown as Record<string, string>, 'title');
		requireTexts(title, 'title');
		return { definition, title, data: { op: 'title' } };
	}
	const result = applyOp(definition, op);
	if (!result.ok) throw problemError(result.problem, definition);
	const subject = { section: result.section, question: result.question };
	const before = new Set(validateDefinition(definition, { allowEmpty }).map(problemKey));
	const brought = validateDefinition(result.definition, { allowEmpty }).filter((p) => !before.has(problemKey(p)));
	// The form's own field first: "write this in Chinese" beside the field beats a note about another question.
	const mine = brought.find((p) => p.field !== '' && (p.question ?? null) === (subject.question ?? null));
	const first = mine ?? brought[0];
	if (first) throw problemError(first, result.definition, subject);
	return {
		definition: result.definition,
		title: null,
		data: {
			op: change.op,
			...(subject.section ? { section: subject.section } : {}),
			...(subject.question ? { question: subject.question } : {})
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Surveys

/** A survey's questions as the builder shows them: editable while a draft, else read only with a new version to make. */
export async function surveyForBuilder(actor: Actor, surveyId: string) {
	requireStaff(actor, 'surveys.manage');
	const survey = await loadSurvey(actor, surveyId);
	return { survey, editable: surveyMachine.can(survey.state, 'edit', EDITOR) };
}

/**
 * One change to a draft survey's questions (or title): the machine's 'edit' must be open (a sent
 * survey is frozen: the message says it moved on), and the result must be a whole survey.
 */
export async function editSurveyQuestions(actor: Actor, surveyId: string, input: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await lockSurvey(tx, actor, surveyId);
		surveyMachine.take(survey.state, 'edit', EDITOR, m.surveys_moved_on());
		const applied = applyChange(survey.definition, input, { allowEmpty: false });
		await tx
			.update(surveys)
			.set({ definition: applied.definition, ...(applied.title ? { title: applied.title } : {}), updatedAt: now })
			.where(eq(surveys.id, survey.id));
		await recordEvent(tx, { actor, subjectType: 'survey', subjectId: survey.id, kind: 'edit', data: applied.data });
	});
}

/**
 * A new version of a sent survey: a new draft with its title, questions and settings, for the
 * same audience, compared with the same earlier survey; the sent one stays as it was. A draft
 * needs none (it is edited as it is).
 */
export async function newSurveyVersion(actor: Actor, surveyId: string): Promise<string> {
	requireStaff(actor, 'surveys.manage');
	return db().transaction(async (tx) => {
		const sent = await lockSurvey(tx, actor, surveyId);
		if (sent.state === 'draft') throw new InputError('', m.survey_builder_new_version_draft());
		const [draft] = await tx
			.insert(surveys)
			.values({
				templateId: sent.templateId,
				title: sent.title,
				definition: sent.definition,
				anonymous: sent.anonymous,
				respondent: sent.respondent,
				audience: sent.audience,
				previousSurveyId: sent.previousSurveyId,
				targetScore: sent.targetScore,
				remindAfterDays: sent.remindAfterDays,
				createdBy: actor.userId
			})
			.returning({ id: surveys.id });
		await recordEvent(tx, {
			actor,
			subjectType: 'survey',
			subjectId: draft!.id,
			kind: 'created',
			to: 'draft',
			data: { versionOf: sent.id }
		});
		return draft!.id;
	});
}

// ---------------------------------------------------------------------------------------------
// Templates (the admin's)

async function lockTemplate(tx: Tx, templateId: string): Promise<SurveyTemplate> {
	if (!isUuid(templateId)) error(404, 'Not found');
	const [template] = await tx.select().from(surveyTemplates).where(eq(surveyTemplates.id, templateId)).for('update');
	if (!template) error(404, 'Not found');
	return template;
}

/** Every template, active ones first, with how many questions each has and who changed it last. */
export async function templateList(actor: Actor) {
	requireStaff(actor, 'surveys.templates');
	const rows = await db()
		.select({
			id: surveyTemplates.id,
			code: surveyTemplates.code,
			title: surveyTemplates.title,
			definition: surveyTemplates.definition,
			active: surveyTemplates.active,
			updatedAt: surveyTemplates.updatedAt,
			updatedBy: users.name
		})
		.from(surveyTemplates)
		.leftJoin(users, eq(users.id, surveyTemplates.updatedBy))
		.orderBy(asc(surveyTemplates.code));
	return rows
		.map(({ definition, ...row }) => ({ ...row, questions: questionsOf(definition).length }))
		.sort((a, b) => Number(b.active) - Number(a.active));
}

export async function templateForBuilder(actor: Actor, templateId: string): Promise<SurveyTemplate> {
	requireStaff(actor, 'surveys.templates');
	if (!isUuid(templateId)) error(404, 'Not found');
	const [template] = await db().select().from(surveyTemplates).where(eq(surveyTemplates.id, templateId));
	if (!template) error(404, 'Not found');
	return template;
}

/** One change to a template's questions (or title). An active template must stay complete; an inactive one may be unfinished. */
export async function editTemplateQuestions(actor: Actor, templateId: string, input: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.templates');
	await db().transaction(async (tx) => {
		const template = await lockTemplate(tx, templateId);
		const applied = applyChange(template.definition, input, { allowEmpty: !template.active });
		await tx
			.update(surveyTemplates)
			.set({ definition: applied.definition, ...(applied.title ? { title: applied.title } : {}), updatedAt: now, updatedBy: actor.userId })
			.where(eq(surveyTemplates.id, template.id));
		await recordEvent(tx, { actor, subjectType: 'survey_template', subjectId: template.id, kind: 'edit', data: applied.data });
	});
}

const createSchema = z.object({ ...titleShape, from: field(100) });

/**
 * A new template, blank or a copy of another (its questions, with their ids: answers to a copy
 * compare with answers to the original). It starts inactive, so it is not offered half-finished.
 */
export async function createTemplate(actor: Actor, input: unknown, now = new Date()): Promise<string> {
	requireStaff(actor, 'surveys.templates');
	const fields = parseInput(createSchema, input);
	const title = localFrom(fields, 'title');
	requireTexts(title, 'title');
	return db().transaction(async (tx) => {
		let definition: SurveyDefinition = { sections: [] };
		if (fields.from !== '') {
			if (!isUuid(fields.from)) throw new InputError('from', m.survey_builder_from_unknown());
			const [source] = await tx.select().from(surveyTemplates).where(eq(surveyTemplates.id, fields.from));
			if (!source) throw new InputError('from', m.survey_builder_from_unknown());
			definition = source.definition;
		}
		const codes = new Set((await tx.select({ code: surveyTemplates.code }).from(surveyTemplates)).map((r) => r.code));
		const [template] = await tx
			.insert(surveyTemplates)
			.values({ code: newId(title.en, 'survey', codes), title, definition, active: false, updatedAt: now, updatedBy: actor.userId })
			.returning({ id: surveyTemplates.id });
		await recordEvent(tx, {
			actor,
			subjectType: 'survey_template',
			subjectId: template!.id,
			kind: 'created',
			data: fields.from ? { copyOf: fields.from } : {}
		});
		return template!.id;
	});
}

/** Offers a template when staff start a survey (only a complete one), or stops offering it. */
export async function setTemplateActive(actor: Actor, templateId: string, active: boolean, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.templates');
	await db().transaction(async (tx) => {
		const template = await lockTemplate(tx, templateId);
		if (template.active === active) return;
		if (active) {
			const [problem] = validateDefinition(template.definition);
			if (problem) {
				throw new InputError('', m.survey_builder_template_incomplete({ problem: problemError(problem, template.definition).message }));
			}
		}
		await tx.update(surveyTemplates).set({ active, updatedAt: now, updatedBy: actor.userId }).where(eq(surveyTemplates.id, template.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'survey_template',
			subjectId: template.id,
			kind: active ? 'activate' : 'deactivate'
		});
	});
}

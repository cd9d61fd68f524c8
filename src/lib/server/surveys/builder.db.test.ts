import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { ANNUAL_SURVEY_CODE, annualSurvey } from '#lib/surveys/annual-template.ts';
import { questionsOf } from '#lib/surveys/builder.ts';
import { db } from '../db/client.ts';
import { events, surveys, surveyTemplates } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { InputError } from '../kernel/input-error.ts';
import * as fx from '../property/testing/fixtures.ts';
import {
	createTemplate,
	editSurveyQuestions,
	editTemplateQuestions,
	newSurveyVersion,
	setTemplateActive,
	surveyForBuilder,
	templateList
} from './builder.ts';
import { createSurvey } from './sending.ts';
import { surveyList } from './staff.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';
import { sentSurvey } from './testing.ts';

let manager: Actor;
let admin: Actor;
let stranger: Actor;
let security: Actor;
let templateId: string;

const texts = (prefix: string, en: string, zhHans: string, zhHant: string) => ({
	[`${prefix}En`]: en,
	[`${prefix}ZhHans`]: zhHans,
	[`${prefix}ZhHant`]: zhHant
});

/** A question's form as the editor posts it. */
const questionForm = (over: Record<string, string | boolean> = {}) => ({
	kind: 'satisfaction',
	...texts('text', 'How clean is the lobby?', '大堂清洁吗？', '大堂清潔嗎？'),
	required: 'on',
	optionsEn: '',
	optionsZhHans: '',
	optionsZhHant: '',
	maxLength: '',
	followUp: '',
	below: '',
	...over
});

async function definitionOf(surveyId: string) {
	return (await db().select().from(surveys).where(eq(surveys.id, surveyId)))[0]!;
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(InputError);
	return err as InputError;
}

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const estate = await fx.estate();
	manager = await fx.staffActor(['manager'], [estate.id]);
	security = await fx.staffActor(['security'], [estate.id]);
	stranger = await fx.staffActor(['manager'], [(await fx.estate()).id]);
	admin = await fx.staffActor(['admin']);
});

describe('the builder on a draft survey', () => {
	it('adds a question, writes it into the draft and records an edit event naming the question and the change', async () => {
		const id = await createSurvey(manager, templateId);
		await editSurveyQuestions(manager, id, { op: 'addQuestion', section: 'service', ...questionForm() });
		const survey = await definitionOf(id);
		const added = survey.definition.sections[0]!.questions.at(-1)!;
		expect(added).toMatchObject({ kind: 'satisfaction', required: true, text: { en: 'How clean is the lobby?', zhHant: '大堂清潔嗎？' } });
		expect(added.id).toMatch(/^how_clean_is_the_lobby_[a-z0-9]{5}$/);
		const [event] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'survey'), eq(events.subjectId, id), eq(events.kind, 'edit')));
		expect(event!.data).toEqual({ op: 'addQuestion', section: 'service', question: added.id });
		expect(event!.actorId).toBe(manager.userId);

		// The whole list of changes, each through the same service: rename, move, change, remove.
		await editSurveyQuestions(manager, id, { op: 'renameSection', section: 'price', ...texts('title', 'Fees', '费用', '費用') });
		await editSurveyQuestions(manager, id, { op: 'moveSection', section: 'comments', direction: 'up' });
		await editSurveyQuestions(manager, id, { op: 'moveQuestion', question: added.id, direction: 'up' });
		await editSurveyQuestions(manager, id, {
			op: 'updateQuestion',
			question: 'fees_level',
			...questionForm({
				kind: 'multiple',
				...texts('text', 'Which fees?', '哪些费用？', '哪些費用？'),
				required: false,
				optionsEn: 'Management fee\nParking',
				optionsZhHans: '管理费\n停车费',
				optionsZhHant: '管理費\n泊車費'
			})
		});
		await editSurveyQuestions(manager, id, { op: 'removeQuestion', question: 'comments' });
		await editSurveyQuestions(manager, id, { op: 'title', ...texts('title', 'Survey 2027', '2027 年调查', '2027 年調查') });
		const after = await definitionOf(id);
		expect(after.title).toEqual({ en: 'Survey 2027', zhHans: '2027 年调查', zhHant: '2027 年調查' });
		expect(after.definition.sections.map((s) => s.id)).toEqual(['service', 'price', 'comments', 'company']);
		expect(after.definition.sections[1]!.title.en).toBe('Fees');
		expect(after.definition.sections[0]!.questions.map((q) => q.id)).toEqual(['overall', 'overall_why', added.id, 'areas']);
		const fees = after.definition.sections[1]!.questions[0]!;
		expect(fees.kind === 'multiple' && fees.choices.map((c) => c.text.zhHant)).toEqual(['管理費', '泊車費']);
		expect(fees.required).toBe(false);
		expect(after.definition.sections[2]!.questions).toEqual([]);
		const ops = await db()
			.select({ data: events.data })
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'edit')))
			.orderBy(events.id);
		expect(ops.map((e) => e.data.op)).toEqual([
			'addQuestion',
			'renameSection',
			'moveSection',
			'moveQuestion',
			'updateQuestion',
			'removeQuestion',
			'title'
		]);
	});

	it('refuses what the survey could not be answered with, at the field of the form that posted it, and writes nothing', async () => {
		const id = await createSurvey(manager, templateId);
		const before = await definitionOf(id);
		const cases: [Record<string, unknown>, string, string][] = [
			[
				{ op: 'addQuestion', section: 'service', ...questionForm({ textZhHant: ' ' }) },
				'textZhHant',
				m.survey_builder_text_empty({ language: m.survey_builder_language_zh_hant() })
			],
			[
				{
					op: 'addQuestion',
					section: 'service',
					...questionForm({ kind: 'single', optionsEn: 'Yes', optionsZhHans: '是', optionsZhHant: '是' })
				},
				'optionsEn',
				m.survey_builder_too_few_choices()
			],
			[
				{
					op: 'addQuestion',
					section: 'service',
					...questionForm({ kind: 'single', optionsEn: 'Yes\nNo', optionsZhHans: '是', optionsZhHant: '是\n否' })
				},
				'optionsZhHans',
				m.survey_builder_lines_mismatch({ language: m.survey_builder_language_zh_hans() })
			],
			[{ op: 'addQuestion', section: 'service', ...questionForm({ kind: 'grid' }) }, 'optionsEn', m.survey_builder_no_rows()],
			[
				{ op: 'addQuestion', section: 'service', ...questionForm({ kind: 'text', maxLength: '0' }) },
				'maxLength',
				m.survey_builder_max_length({ min: 1, max: 10000 })
			],
			[
				{ op: 'updateQuestion', question: 'overall_why', ...questionForm({ kind: 'text', followUp: 'overall', below: '9' }) },
				'below',
				m.survey_builder_bound_out_of_range({ min: 2, max: 5 })
			],
			[
				{ op: 'updateQuestion', question: 'overall_why', ...questionForm({ kind: 'text', followUp: 'recommend', below: '7' }) },
				'followUp',
				m.survey_builder_follow_up_later()
			],
			[
				{ op: 'updateQuestion', question: 'comments', ...questionForm({ kind: 'text', followUp: 'fees_level', below: '3' }) },
				'followUp',
				m.survey_builder_follow_up_not_score()
			],
			[
				{ op: 'renameSection', section: 'price', ...texts('title', 'Fees', '', '費用') },
				'titleZhHans',
				m.survey_builder_text_empty({ language: m.survey_builder_language_zh_hans() })
			],
			[
				{ op: 'title', ...texts('title', '', '调查', '調查') },
				'titleEn',
				m.survey_builder_text_empty({ language: m.survey_builder_language_en() })
			],
			[{ op: 'addQuestion', section: 'service', ...questionForm({ kind: 'essay' }) }, 'kind', m.survey_builder_kind_required()]
		];
		for (const [input, field, message] of cases) {
			const err = await refusal(editSurveyQuestions(manager, id, input));
			expect([err.field, err.message], JSON.stringify(input)).toEqual([field, message]);
		}
		// A change that breaks another question: the message above the form names the follow-up's question.
		const moved = await refusal(editSurveyQuestions(manager, id, { op: 'moveQuestion', question: 'overall', direction: 'down' }));
		expect([moved.field, moved.message]).toEqual([
			'',
			m.survey_builder_problem_in({ question: 'What went wrong?', problem: m.survey_builder_follow_up_later() })
		]);
		const removed = await refusal(editSurveyQuestions(manager, id, { op: 'removeQuestion', question: 'overall' }));
		expect([removed.field, removed.message]).toEqual(['', m.survey_builder_has_follow_ups({ question: 'What went wrong?' })]);
		const gone = await refusal(editSurveyQuestions(manager, id, { op: 'removeQuestion', question: 'nonexistent' }));
		expect([gone.field, gone.message]).toEqual(['', m.survey_builder_gone()]);

		// Removing every question would leave nothing to answer.
		for (const q of ['overall_why', 'overall', 'areas', 'fees_level', 'recommend', 'improve']) {
			await editSurveyQuestions(manager, id, { op: 'removeQuestion', question: q });
		}
		const empty = await refusal(editSurveyQuestions(manager, id, { op: 'removeQuestion', question: 'comments' }));
		expect([empty.field, empty.message]).toEqual(['', m.survey_builder_empty_survey()]);
		expect(questionsOf((await definitionOf(id)).definition).map((q) => q.id)).toEqual(['comments']);
		expect(before.definition).toEqual(annualSurvey);
	});

	it('is refused outside the staff member’s estates (404) and without the survey permission (403)', async () => {
		const id = await createSurvey(manager, templateId);
		const change = { op: 'removeQuestion', question: 'comments' };
		await expect(editSurveyQuestions(stranger, id, change)).rejects.toMatchObject({ status: 404 });
		await expect(editSurveyQuestions(security, id, change)).rejects.toMatchObject({ status: 403 });
		await expect(surveyForBuilder(stranger, id)).rejects.toMatchObject({ status: 404 });
		await expect(editSurveyQuestions(manager, 'not-a-uuid', change)).rejects.toMatchObject({ status: 404 });
		expect((await definitionOf(id)).definition).toEqual(annualSurvey);
	});
});

describe('a sent survey', () => {
	it('is frozen: an edit is refused with the message that it moved on, and nothing changes', async () => {
		const { surveyId } = await sentSurvey();
		const [sender] = await db().select({ createdBy: surveys.createdBy }).from(surveys).where(eq(surveys.id, surveyId));
		const owner = await fx.actorOf(sender!.createdBy);
		const before = await definitionOf(surveyId);
		expect((await surveyForBuilder(owner, surveyId)).editable).toBe(false);
		const err = await refusal(editSurveyQuestions(owner, surveyId, { op: 'removeQuestion', question: 'comments' }));
		expect([err.field, err.message]).toEqual(['', m.surveys_moved_on()]);
		expect(await definitionOf(surveyId)).toEqual(before);
	});

	it('gets a new version: a draft with the same questions and settings, while the sent one stays as it was', async () => {
		const { surveyId } = await sentSurvey({ anonymous: true });
		const [sender] = await db().select({ createdBy: surveys.createdBy }).from(surveys).where(eq(surveys.id, surveyId));
		const owner = await fx.actorOf(sender!.createdBy);
		const before = await definitionOf(surveyId);
		const draftId = await newSurveyVersion(owner, surveyId);
		const draft = await definitionOf(draftId);
		expect(draft).toMatchObject({
			state: 'draft',
			definition: before.definition,
			title: before.title,
			anonymous: true,
			audience: before.audience,
			templateId: before.templateId,
			sentAt: null,
			createdBy: owner.userId
		});
		expect(draft.seq).toBeGreaterThan(before.seq);
		const [created] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, draftId), eq(events.kind, 'created')));
		expect(created!.data).toEqual({ versionOf: surveyId });

		// The new draft is edited; the sent survey is not touched.
		await editSurveyQuestions(owner, draftId, { op: 'removeQuestion', question: 'comments' });
		expect(questionsOf((await definitionOf(draftId)).definition).map((q) => q.id)).not.toContain('comments');
		expect(await definitionOf(surveyId)).toEqual(before);

		// A draft is edited as it is; someone of another estate cannot copy it.
		const again = await refusal(newSurveyVersion(owner, draftId));
		expect([again.field, again.message]).toEqual(['', m.survey_builder_new_version_draft()]);
		await expect(newSurveyVersion(stranger, surveyId)).rejects.toMatchObject({ status: 404 });
	});
});

describe('templates', () => {
	it('are the admin’s: staff who manage surveys may not edit, create or withdraw them (403)', async () => {
		const change = { op: 'removeQuestion', question: 'comments' };
		await expect(editTemplateQuestions(manager, templateId, change)).rejects.toMatchObject({ status: 403 });
		await expect(createTemplate(manager, texts('title', 'Mine', '我的', '我的'))).rejects.toMatchObject({ status: 403 });
		await expect(setTemplateActive(manager, templateId, false)).rejects.toMatchObject({ status: 403 });
		await expect(templateList(manager)).rejects.toMatchObject({ status: 403 });
		await expect(editTemplateQuestions(admin, '00000000-0000-4000-8000-000000000000', change)).rejects.toMatchObject({ status: 404 });
	});

	it('are edited by the admin, each change on the template’s trail; an active one must stay complete', async () => {
		const copyId = await createTemplate(admin, { ...texts('title', 'Annual 2027', '2027 年度', '2027 年度'), from: templateId });
		const [copy] = await db().select().from(surveyTemplates).where(eq(surveyTemplates.id, copyId));
		expect(copy).toMatchObject({ active: false, definition: annualSurvey, updatedBy: admin.userId, title: { en: 'Annual 2027' } });
		expect(copy!.code).toMatch(/^annual_2027_[a-z0-9]{5}$/);

		await editTemplateQuestions(admin, copyId, { op: 'addSection', ...texts('title', 'Parking', '停车', '泊車') });
		await setTemplateActive(admin, copyId, true);
		await editTemplateQuestions(admin, copyId, { op: 'removeQuestion', question: 'comments' });
		const trail = await db()
			.select({ kind: events.kind, data: events.data, actorId: events.actorId })
			.from(events)
			.where(and(eq(events.subjectType, 'survey_template'), eq(events.subjectId, copyId)));
		expect(trail.map((e) => [e.kind, e.data.op ?? null])).toEqual([
			['created', null],
			['edit', 'addSection'],
			['activate', null],
			['edit', 'removeQuestion']
		]);
		expect(trail.every((e) => e.actorId === admin.userId)).toBe(true);
		expect((await templateList(admin)).find((t) => t.id === copyId)).toMatchObject({ active: true, questions: 6 });
	});

	it('start blank and inactive, cannot be offered until complete, and are offered for new surveys only while active', async () => {
		const blankId = await createTemplate(admin, { ...texts('title', 'Pulse', '快速调查', '快速調查'), from: '' });
		const incomplete = await refusal(setTemplateActive(admin, blankId, true));
		expect([incomplete.field, incomplete.message]).toEqual([
			'',
			m.survey_builder_template_incomplete({ problem: m.survey_builder_empty_survey() })
		]);
		// Not offered, and a survey cannot be made from it.
		expect((await surveyList(manager)).templates.map((t) => t.id)).not.toContain(blankId);
		await expect(createSurvey(manager, blankId)).rejects.toMatchObject({ field: 'templateId' });

		await editTemplateQuestions(admin, blankId, { op: 'addSection', ...texts('title', 'Quick', '快速', '快速') });
		const [section] = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.id, blankId)))[0]!.definition.sections;
		await editTemplateQuestions(admin, blankId, { op: 'addQuestion', section: section!.id, ...questionForm() });
		await setTemplateActive(admin, blankId, true);
		expect((await surveyList(manager)).templates.map((t) => t.id)).toContain(blankId);
		const surveyId = await createSurvey(manager, blankId);
		expect(questionsOf((await definitionOf(surveyId)).definition)).toHaveLength(1);

		await setTemplateActive(admin, blankId, false);
		expect((await surveyList(manager)).templates.map((t) => t.id)).not.toContain(blankId);
		await expect(createSurvey(manager, blankId)).rejects.toMatchObject({ field: 'templateId' });
	});

	it('refuse a title missing a language and a copy of a template that does not exist, at their fields', async () => {
		const noTitle = await refusal(createTemplate(admin, { ...texts('title', 'X', 'X', ''), from: '' }));
		expect(noTitle.field).toBe('titleZhHant');
		const noSource = await refusal(
			createTemplate(admin, { ...texts('title', 'X', 'X', 'X'), from: '00000000-0000-4000-8000-000000000000' })
		);
		expect([noSource.field, noSource.message]).toEqual(['from', m.survey_builder_from_unknown()]);
	});
});

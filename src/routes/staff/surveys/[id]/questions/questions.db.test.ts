// The builder's pages through their real loads and form actions: a draft's questions, a sent
// survey's new version, the preview, and the admin's templates (list, editor, activation).
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { failure } from '../../../../../../tests/action-result.ts';
import { m } from '#lib/paraglide/messages.js';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import { questionsOf } from '#lib/surveys/builder.ts';
import { db } from '#lib/server/db/client.ts';
import { surveys, surveyTemplates } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { createSurvey } from '#lib/server/surveys/sending.ts';
import { ensureDefaultSurveyTemplates } from '#lib/server/surveys/templates.ts';
import { sentSurvey } from '#lib/server/surveys/testing.ts';
import { actions, load } from './+page.server.ts';
import { load as preview } from '../preview/+page.server.ts';
import { actions as listActions, load as list } from '../../../admin/survey-templates/+page.server.ts';
import { actions as templateActions, load as templatePage } from '../../../admin/survey-templates/[id]/+page.server.ts';

let manager: Actor;
let admin: Actor;
let templateId: string;

type Handler = (event: never) => Promise<unknown>;
const act = (handler: unknown, actor: Actor, id: string, form: Record<string, string>, path = `/staff/surveys/${id}/questions`) =>
	(handler as Handler)(fakeEvent({ actor, params: { id }, form, path }));

const question = {
	kind: 'single',
	textEn: 'Is parking easy?',
	textZhHans: '停车方便吗？',
	textZhHant: '泊車方便嗎？',
	required: 'on',
	optionsEn: 'Yes\nNo',
	optionsZhHans: '是\n否',
	optionsZhHant: '是\n否'
};

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const estate = await fx.estate();
	manager = await fx.staffActor(['manager'], [estate.id]);
	admin = await fx.staffActor(['admin']);
});

describe('/staff/surveys/[id]/questions', () => {
	it('shows a draft to edit; each change posts its form and comes back to the page (post, redirect, get)', async () => {
		const id = await createSurvey(manager, templateId);
		const page = await load(fakeEvent({ actor: manager, params: { id }, path: `/staff/surveys/${id}/questions` }));
		expect(page).toMatchObject({ id, editable: true, state: 'draft' });

		const added = await thrown(() => act(actions.addQuestion, manager, id, { section: 'price', ...question }));
		expect(added).toMatchObject({ status: 303, location: `/staff/surveys/${id}/questions?done=addQuestion` });
		const [survey] = await db().select().from(surveys).where(eq(surveys.id, id));
		const parking = survey!.definition.sections[1]!.questions[1]!;
		expect(parking.kind === 'single' && parking.choices.map((c) => c.text.zhHant)).toEqual(['是', '否']);

		const moved = await thrown(() => act(actions.moveQuestion, manager, id, { question: parking.id, direction: 'up' }));
		expect(moved.location).toBe(`/staff/surveys/${id}/questions?done=moveQuestion`);
		const [after] = await db().select().from(surveys).where(eq(surveys.id, id));
		expect(after!.definition.sections[1]!.questions.map((q) => q.id)).toEqual([parking.id, 'fees_level']);
	});

	it('answers a refused change with its form’s name, the message at the field and what was typed', async () => {
		const id = await createSurvey(manager, templateId);
		const refused = failure(await act(actions.updateQuestion, manager, id, { question: 'fees_level', ...question, optionsZhHant: '是' }));
		expect(refused.status).toBe(400);
		expect(refused.data).toMatchObject({
			step: 'updateQuestion',
			errors: { optionsZhHant: m.survey_builder_lines_mismatch({ language: m.survey_builder_language_zh_hant() }) },
			values: { question: 'fees_level', optionsZhHant: '是', textEn: 'Is parking easy?' }
		});
		const [survey] = await db().select().from(surveys).where(eq(surveys.id, id));
		expect(questionsOf(survey!.definition).find((q) => q.id === 'fees_level')!.text.en).toBe('The management fee is…');
	});

	it('shows a sent survey read only; a change is refused as moved on, and "new version" opens a new draft', async () => {
		const { surveyId } = await sentSurvey();
		const [sent] = await db().select().from(surveys).where(eq(surveys.id, surveyId));
		const owner = await fx.actorOf(sent!.createdBy);
		const page = await load(fakeEvent({ actor: owner, params: { id: surveyId } }));
		expect(page).toMatchObject({ editable: false, state: 'open' });

		const refused = failure(await act(actions.removeQuestion, owner, surveyId, { question: 'comments' }));
		expect(refused.data).toMatchObject({ step: 'removeQuestion', errors: { '': m.surveys_moved_on() } });

		const opened = await thrown(() => act(actions.newVersion, owner, surveyId, {}));
		const draftId = opened.location!.match(/^\/staff\/surveys\/([0-9a-f-]{36})\/questions\?done=newVersion$/)![1]!;
		const [draft] = await db().select().from(surveys).where(eq(surveys.id, draftId));
		expect(draft).toMatchObject({ state: 'draft', definition: sent!.definition });
	});

	it('previews the survey for staff who manage it, 404 elsewhere', async () => {
		const id = await createSurvey(manager, templateId);
		const shown = await preview(fakeEvent({ actor: manager, params: { id } }));
		expect(shown).toMatchObject({ id, anonymous: false });
		expect(questionsOf(shown.definition)).toHaveLength(7);
		const stranger = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		expect((await thrown(() => preview(fakeEvent({ actor: stranger, params: { id } })))).status).toBe(404);
	});
});

describe('/staff/admin/survey-templates', () => {
	it('lists the templates, makes a copy and opens it in the editor, and is the admin’s only', async () => {
		const listed = await list(fakeEvent({ actor: admin, path: '/staff/admin/survey-templates' }));
		expect(listed.templates.map((t) => t.id)).toContain(templateId);
		expect((await thrown(() => list(fakeEvent({ actor: manager })))).status).toBe(403);

		const made = await thrown(() =>
			(listActions.create as Handler)(
				fakeEvent({ actor: admin, form: { titleEn: 'Pulse', titleZhHans: '快速', titleZhHant: '快速', from: templateId } })
			)
		);
		const id = made.location!.match(/^\/staff\/admin\/survey-templates\/([0-9a-f-]{36})\?done=created$/)![1]!;
		const page = await templatePage(fakeEvent({ actor: admin, params: { id } }));
		expect(page).toMatchObject({ id, active: false, title: { en: 'Pulse' } });

		const path = `/staff/admin/survey-templates/${id}`;
		const renamed = await thrown(() =>
			act(templateActions.renameSection, admin, id, { section: 'price', titleEn: 'Fees', titleZhHans: '费用', titleZhHant: '費用' }, path)
		);
		expect(renamed.location).toBe(`${path}?done=renameSection`);
		const activated = await thrown(() => act(templateActions.activate, admin, id, {}, path));
		expect(activated.location).toBe(`${path}?done=activate`);
		const [template] = await db().select().from(surveyTemplates).where(eq(surveyTemplates.id, id));
		expect(template).toMatchObject({ active: true });
		expect(template!.definition.sections[1]!.title.en).toBe('Fees');

		expect((await thrown(() => act(templateActions.addSection, manager, id, { titleEn: 'X' }, path))).status).toBe(403);
	});

	it('refuses a new template without its titles, and activating a blank one, with their messages', async () => {
		const refused = failure(
			await (listActions.create as Handler)(
				fakeEvent({ actor: admin, form: { titleEn: 'Pulse', titleZhHans: '', titleZhHant: '快速', from: '' } })
			)
		);
		expect(refused.data).toMatchObject({
			step: 'create',
			errors: { titleZhHans: m.survey_builder_text_empty({ language: m.survey_builder_language_zh_hans() }) },
			values: { titleEn: 'Pulse' }
		});
		const made = await thrown(() =>
			(listActions.create as Handler)(
				fakeEvent({ actor: admin, form: { titleEn: 'Blank', titleZhHans: '空白', titleZhHant: '空白', from: '' } })
			)
		);
		const id = made.location!.split('/').at(-1)!.split('?')[0]!;
		const blocked = failure(await (listActions.activate as Handler)(fakeEvent({ actor: admin, form: { id } })));
		expect(blocked.data).toMatchObject({
			step: 'activate',
			errors: { '': m.survey_builder_template_incomplete({ problem: m.survey_builder_empty_survey() }) },
			values: { id }
		});
	});
});

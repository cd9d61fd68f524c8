// What the survey builder's forms share: the answer of a refused post (which form, its messages by
// field, what was typed), the names of question kinds and languages, the survey's texts in the
// language of the preview, and the enhancement that keeps the editor where it was after a save.
import { goto } from '$app/navigation';
import type { SubmitFunction } from '$app/forms';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { localText, type LocalText, type SurveyDefinition } from '#lib/surveys/definition.ts';
import type { Language, QuestionKind } from '#lib/surveys/builder.ts';

/** A refused post, as forms/record-step.ts answers it. */
export interface StepFailure {
	step: string;
	errors: Record<string, string>;
	values: Record<string, string>;
}

/** The messages and typed values of one form, when the refused post came from it. */
export interface FormState {
	errors: Record<string, string>;
	values: Record<string, string> | null;
}

const none: FormState = { errors: {}, values: null };

/** The state of the form of `steps` about this section or question (none: the post came from another form). */
export function formState(
	result: StepFailure | null | undefined,
	steps: string[],
	about: { section?: string; question?: string } = {}
): FormState {
	if (!result || !steps.includes(result.step)) return none;
	if (about.question !== undefined && result.values.question !== about.question) return none;
	if (about.question === undefined && about.section !== undefined && result.values.section !== about.section) return none;
	return { errors: result.errors, values: result.values };
}

export const kindLabel: Record<QuestionKind, () => string> = {
	satisfaction: m.survey_builder_kind_satisfaction,
	nps: m.survey_builder_kind_nps,
	single: m.survey_builder_kind_single,
	multiple: m.survey_builder_kind_multiple,
	text: m.survey_builder_kind_text,
	grid: m.survey_builder_kind_grid
};

/** The three languages of a survey's texts: the form fields' suffix, the name and the HTML language. */
export const languages: { key: Language; suffix: 'En' | 'ZhHans' | 'ZhHant'; label: () => string; lang: Locale }[] = [
	{ key: 'en', suffix: 'En', label: m.survey_builder_language_en, lang: 'en' },
	{ key: 'zhHans', suffix: 'ZhHans', label: m.survey_builder_language_zh_hans, lang: 'zh-Hans' },
	{ key: 'zhHant', suffix: 'ZhHant', label: m.survey_builder_language_zh_hant, lang: 'zh-Hant' }
];

const previewLocales: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];

/** The preview's language from `?lang=`, else the page's. */
export function previewLocale(asked: string | null, fallback: Locale): Locale {
	return previewLocales.find((l) => l === asked) ?? fallback;
}

/** Every text of the survey in one language (the answering component reads the page's language: this sets all three to it). */
export function inLanguage<T extends { title: LocalText; definition: SurveyDefinition }>(survey: T, locale: Locale): T {
	const one = (text: LocalText): LocalText => {
		const chosen = localText(text, locale);
		return { en: chosen, zhHans: chosen, zhHant: chosen };
	};
	return {
		...survey,
		title: one(survey.title),
		definition: {
			sections: survey.definition.sections.map((section) => ({
				...section,
				title: one(section.title),
				questions: section.questions.map((q) => {
					const text = one(q.text);
					if (q.kind === 'single' || q.kind === 'multiple')
						return { ...q, text, choices: q.choices.map((c) => ({ ...c, text: one(c.text) })) };
					if (q.kind === 'grid') return { ...q, text, rows: q.rows.map((r) => ({ ...r, text: one(r.text) })) };
					return { ...q, text };
				})
			}))
		}
	};
}

/**
 * With JavaScript, a saved change reloads the page's data where the editor is (no jump to the top)
 * and empties an "add" form; a refused one shows its messages and keeps what was typed. Without
 * it, the form posts and the page comes back (post, redirect, get).
 */
export const keepPlace: SubmitFunction = ({ formElement }) => {
	return async ({ result, update }) => {
		if (result.type === 'redirect') {
			await goto(result.location, { reset: false, refreshAll: true, replace: true });
			if (formElement.dataset.reset === 'true') formElement.reset();
			return;
		}
		await update({ reset: false });
	};
};

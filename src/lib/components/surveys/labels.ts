// What a survey's states are called, and a survey's own texts in the reader's language.
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { localText, type LocalText } from '#lib/surveys/definition.ts';
import type { SurveyState } from '#lib/server/surveys/machine.ts';
import type { ActionAction, ActionState } from '#lib/server/surveys/action-machine.ts';

export const surveyStateLabel: Record<SurveyState, () => string> = {
	draft: m.surveys_state_draft,
	sending: m.surveys_state_sending,
	open: m.surveys_state_open,
	closed: m.surveys_state_closed
};

/** A text of the survey (a title, a question) in the page's language. */
export function pageText(text: LocalText): string {
	return localText(text, getLocale());
}

export const actionStateLabel: Record<ActionState, () => string> = {
	open: m.survey_actions_state_open,
	in_progress: m.survey_actions_state_in_progress,
	done: m.survey_actions_state_done
};

export const actionStepLabel: Record<Exclude<ActionAction, 'remind'>, () => string> = {
	start: m.survey_actions_start,
	complete: m.survey_actions_complete,
	reopen: m.survey_actions_reopen,
	reassign: m.survey_actions_reassign
};

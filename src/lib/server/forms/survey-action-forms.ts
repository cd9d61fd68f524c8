/**
 * The form actions of corrective actions (surveys/actions.ts), shared by the pages that show them —
 * a survey's results and the staff member's own list — so each form posts to the page it is on
 * and, refused, comes back there with its message at the field and what was typed.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireSignedIn } from '../auth/guards.ts';
import { createAction, stepAction } from '../surveys/actions.ts';
import type { ActionAction } from '../surveys/action-machine.ts';
import { inputErrorFields } from './field-errors.ts';
import { formText } from './form-text.ts';

type Step = Exclude<ActionAction, 'remind'>;

function values(body: FormData): Record<string, string> {
	return Object.fromEntries([...body.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function step(name: Step) {
	return async ({ request, locals, url }: RequestEvent) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const actionId = formText(body, 'actionId');
		try {
			await stepAction(locals.actor, actionId, name, {
				evidence: formText(body, 'evidence'),
				reason: formText(body, 'reason'),
				ownerId: formText(body, 'ownerId'),
				dueOn: formText(body, 'dueOn')
			});
		} catch (err) {
			return fail(400, { step: `${name}Action`, actionId, errors: inputErrorFields(err), values: values(body) });
		}
		redirect(303, `${url.pathname}?done=action#action-${actionId}`);
	};
}

export const correctiveActionForms = {
	createAction: async ({ request, locals, url }: RequestEvent) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		let id: string;
		try {
			id = await createAction(locals.actor, formText(body, 'surveyId'), {
				estateId: formText(body, 'estateId'),
				area: formText(body, 'area'),
				title: formText(body, 'title'),
				ownerId: formText(body, 'ownerId'),
				dueOn: formText(body, 'dueOn')
			});
		} catch (err) {
			return fail(400, { step: 'createAction', actionId: '', errors: inputErrorFields(err), values: values(body) });
		}
		redirect(303, `${url.pathname}?done=action#action-${id}`);
	},
	startAction: step('start'),
	completeAction: step('complete'),
	reopenAction: step('reopen'),
	reassignAction: step('reassign')
};

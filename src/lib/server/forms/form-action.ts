// The one shape of a form action on a case page (a complaint's, by staff or by its complainant):
// validate the action's own form, call one service, and go back to the page (303) with what was
// done — or, for a form that makes a case, on to the new case's page. An InputError becomes a
// message at its field — field '' (the case moved on) above the form — and nothing is changed.
import { error, fail, isHttpError, redirect } from '@sveltejs/kit';
import { superValidate, withFiles, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { showInputError } from './show-input-error.ts';

export interface FormAction<S extends z.ZodType<Record<string, unknown>>, R = unknown> {
	/** The form's id: the page shows its errors beside the right form (a page with one form needs none). */
	id?: string;
	schema: S;
	run: (actor: Actor, data: z.output<S>, body: FormData) => Promise<R>;
	/** Where to go when done, e.g. `/staff/complaints/${id}?done=reply`; or from what `run` made. */
	done: string | ((result: R) => string);
	/** How to read the body: a plain form, or the streaming upload reader for a form with files. */
	read?: (request: Request) => Promise<FormData>;
}

export async function formAction<S extends z.ZodType<Record<string, unknown>>, R = unknown>(
	event: { request: Request; locals: App.Locals },
	action: FormAction<S, R>
) {
	requireSignedIn(event.locals.actor);
	let body: FormData;
	try {
		body = await (action.read ?? ((request: Request) => request.formData()))(event.request);
	} catch (err) {
		// The upload reader's own answers (413: too large) stand; anything else is a body that cannot be read.
		if (isHttpError(err)) throw err;
		error(400, 'Unreadable form');
	}
	// zod4() cannot take a schema that is still generic; the form is that schema's all the same.
	const form = (await superValidate(body, zod4(action.schema as never), { id: action.id })) as SuperValidated<z.output<S>>;
	if (!form.valid) return fail(400, withFiles({ form }));
	let result: R;
	try {
		result = await action.run(event.locals.actor, form.data, body);
	} catch (err) {
		showInputError(form, err);
		return fail(400, withFiles({ form }));
	}
	redirect(303, typeof action.done === 'string' ? action.done : action.done(result));
}

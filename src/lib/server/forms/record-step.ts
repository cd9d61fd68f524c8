/**
 * The back office's record pages (a renovation application, a survey) take each step as a form
 * action of its own: run the one service function, then show the page again (post, redirect,
 * get) with `?done=<step>`; refused, the page comes back with the step's name, its message by
 * field and what was typed (files are chosen again).
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { inputErrorFields } from './field-errors.ts';

export function recordStep(
	page: (id: string) => string,
	name: string,
	run: (actor: Actor, id: string, body: FormData) => Promise<unknown>,
	read: (request: Request) => Promise<FormData> = (request) => request.formData()
) {
	return async ({ request, locals, params }: RequestEvent<{ id: string }>) => {
		requireSignedIn(locals.actor);
		const body = await read(request);
		try {
			await run(locals.actor, params.id, body);
		} catch (err) {
			const values = Object.fromEntries([...body.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
			return fail(400, { step: name, errors: inputErrorFields(err), values });
		}
		redirect(303, `${page(params.id)}?done=${name}`);
	};
}

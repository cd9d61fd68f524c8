import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { isLetterAudience, printLetters } from '#lib/server/surveys/letters.ts';

/**
 * Prints a building's letters (a POST: it gives the letters new links). The PDF comes back as a
 * download; nobody to print for, or a survey that is no longer open, answers 400 with the message.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	requireSignedIn(locals.actor);
	const body = await request.formData();
	const who = formText(body, 'who');
	if (!isLetterAudience(who)) error(400, m.survey_letters_who_required());
	try {
		const { filename, pdf } = await printLetters(locals.actor, params.id, params.building, who);
		return new Response(Buffer.from(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="letters.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
				'cache-control': 'no-store'
			}
		});
	} catch (err) {
		if (err instanceof InputError) error(400, err.message);
		throw err;
	}
};

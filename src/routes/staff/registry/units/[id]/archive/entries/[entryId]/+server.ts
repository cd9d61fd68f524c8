import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { openEntryDocument } from '#lib/server/archive/open.ts';

/** The document filed with one entry of the unit's file: a POST, because opening it is a logged read (archive/open.ts). */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const reason = formText(await request.formData().catch(() => new FormData()), 'reason');
	let file;
	try {
		file = await openEntryDocument(locals.actor!, params.id, params.entryId, { reason });
	} catch (err) {
		if (err instanceof InputError) error(400, err.message);
		throw err;
	}
	return serveFile(file);
};

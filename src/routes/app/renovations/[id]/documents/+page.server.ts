import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { addPostedDocument } from '#lib/server/renovations/documents.ts';
import { renovationPage } from '#lib/server/renovations/queries.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await renovationPage(locals.actor, params.id);
	return {
		id: page.application.id,
		reference: renovationReference(page.application.seq),
		revision: page.application.drawingRevision,
		canUpload: page.actions.includes('upload'),
		checklist: page.checklist,
		documents: page.documents.map((d) => ({ id: d.id, kind: d.kind, name: d.name, revision: d.revision, sheet: d.sheet }))
	};
}) satisfies PageServerLoad;

export const actions = {
	// The same upload without JavaScript: one post of the whole file (the page sends it resumably otherwise).
	default: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		let body: FormData;
		try {
			body = await readUploadForm(request);
		} catch {
			error(400, 'Unreadable form');
		}
		const file = body.get('file');
		try {
			await addPostedDocument(locals.actor, params.id, body.get('kind'), file);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err) });
		}
		return { added: file instanceof File ? file.name : '' };
	}
} satisfies Actions;

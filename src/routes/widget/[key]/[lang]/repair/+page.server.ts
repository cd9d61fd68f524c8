import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { postRequestForm, requestFormLoad } from '#lib/server/widget/request-page.ts';

export const load = (({ params }) => requestFormLoad(params.key, 'repair')) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const body = await readUploadForm(event.request).catch(() => error(400, 'Unreadable form'));
		return postRequestForm(event, 'repair', body);
	}
} satisfies Actions;

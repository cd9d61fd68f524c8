import type { Actions, PageServerLoad } from './$types';
import { postRequestForm, requestFormLoad } from '#lib/server/widget/request-page.ts';

export const load = (({ params }) => requestFormLoad(params.key, 'repair')) satisfies PageServerLoad;

export const actions = {
	default: (event) => postRequestForm(event, 'repair')
} satisfies Actions;

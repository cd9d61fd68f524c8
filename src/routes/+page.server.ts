import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The front door sends each person to their side of the app. */
export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/login');
	redirect(303, actor.kind === 'staff' ? '/staff' : '/app');
};

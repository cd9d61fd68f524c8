import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie, invalidateSession } from '#lib/server/auth/sessions.ts';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST only: a GET (a link, a prefetch, an <img>) must not end a session.
export const load = (({ locals }) => {
	if (!locals.actor) redirect(303, '/login');
	return { name: locals.actor.name };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.actor?.sessionId) await invalidateSession(locals.actor.sessionId);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
} satisfies Actions;

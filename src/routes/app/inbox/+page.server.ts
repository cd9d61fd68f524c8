import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '#lib/server/forms/form-text.ts';
import { listInbox, markAllRead, openNotification, unreadCount } from '#lib/server/notify/inbox.ts';

export const load = (async ({ locals, url }) => {
	const before = url.searchParams.get('before');
	const [page, unread] = await Promise.all([listInbox(locals.actor, before), unreadCount(locals.actor)]);
	return { ...page, unread, paged: !!before };
}) satisfies PageServerLoad;

export const actions = {
	open: async ({ locals, request }) => {
		redirect(303, await openNotification(locals.actor, formText(await request.formData(), 'id')));
	},
	readAll: async ({ locals }) => {
		await markAllRead(locals.actor);
		redirect(303, '/app/inbox');
	}
} satisfies Actions;

import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { openStaffPages } from '#lib/server/auth/staff-routes.ts';
import { unreadCount } from '#lib/server/notify/inbox.ts';
import { signInPath } from '#lib/sign-in-path.ts';

// Guard only: the hook (auth/route-guard.ts) has already refused anyone who is not staff or may not
// open this route, and each page and action checks its own permission through the services.
// The unread count was read with the session (boot/request-session.ts): no statement of its own.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.actor) redirect(303, signInPath(url));
	const actor = locals.actor;
	return {
		actor: { name: actor.name, email: actor.email, roles: [...actor.roles] },
		openPages: openStaffPages(actor),
		unreadCount: await unreadCount(actor)
	};
};

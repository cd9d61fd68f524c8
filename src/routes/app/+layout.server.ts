import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { unreadCount } from '#lib/server/notify/inbox.ts';
import { signInPath } from '#lib/sign-in-path.ts';

// Guard only: every service still checks the actor itself.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.actor) redirect(303, signInPath(url));
	if (locals.actor.kind === 'staff') redirect(303, '/staff');
	return {
		actor: { name: locals.actor.name, email: locals.actor.email, roles: [...locals.actor.roles] },
		unreadCount: await unreadCount(locals.actor)
	};
};

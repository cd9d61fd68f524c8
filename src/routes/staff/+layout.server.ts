import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { can } from '#lib/server/auth/guards.ts';
import { permissions, type Permission } from '#lib/server/auth/permissions.ts';

// Guard only: each page and action checks its own permission through the services.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (locals.actor.kind !== 'staff') redirect(303, '/app');
	const actor = locals.actor;
	const granted = (Object.keys(permissions) as Permission[]).filter((p) => can(actor, p));
	return { actor: { name: actor.name, email: actor.email, roles: [...actor.roles], permissions: granted } };
};

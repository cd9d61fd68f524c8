import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { widgetEstates } from '#lib/server/widget/settings-admin.ts';

export const load = (async ({ locals }) => {
	requireStaff(locals.actor, 'widget.configure');
	const estates = await widgetEstates(locals.actor);
	return {
		estates: estates.map((e) => ({
			id: e.estateId,
			code: e.code,
			name: e.name,
			status: e.settings === null ? ('none' as const) : e.settings.enabled ? ('on' as const) : ('off' as const),
			sites: e.settings?.allowedOrigins ?? []
		}))
	};
}) satisfies PageServerLoad;

import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isLocale } from '#lib/paraglide/runtime.js';
import { setLocaleCookie } from '#lib/server/i18n/locale-cookie.ts';
import { saveLocalePreference } from '#lib/server/i18n/preference.ts';
import { redirectTarget } from '#lib/server/kernel/same-site-path.ts';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions = {
	set: async ({ request, cookies, url, locals }) => {
		const data = await request.formData();
		const locale = data.get('locale');
		if (typeof locale !== 'string' || !isLocale(locale)) error(400, 'Unknown language');
		setLocaleCookie(cookies, url, locale);
		if (locals.actor) await saveLocalePreference(locals.actor, locale);
		redirect(303, redirectTarget(data.get('redirectTo')));
	}
} satisfies Actions;

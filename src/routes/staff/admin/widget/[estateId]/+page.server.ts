import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { rotateKeySchema, widgetSettingsSchema } from '#lib/schemas/widget-admin.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { config } from '#lib/server/config.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { MAX_ALLOWED_ORIGINS } from '#lib/server/widget/allowed-origins.ts';
import { widgetActions } from '#lib/server/widget/settings.ts';
import { estateWidget, newWidgetSettings, rotateWidgetKey, saveWidgetSettings, widgetEmbedTag } from '#lib/server/widget/settings-admin.ts';

const done = ['saved', 'created', 'rotated'] as const;

export const load = (async ({ locals, params, url }) => {
	requireStaff(locals.actor, 'widget.configure');
	const widget = await estateWidget(locals.actor, params.estateId);
	const s = widget.settings ?? newWidgetSettings;
	const [form, rotateForm] = await Promise.all([
		superValidate(
			{ enabled: s.enabled, allowedOrigins: s.allowedOrigins.join('\n'), actions: s.actions, accentColour: s.accentColour },
			zod4(widgetSettingsSchema),
			{ id: 'settings', errors: false }
		),
		superValidate(zod4(rotateKeySchema), { id: 'rotate' })
	]);
	const what = url.searchParams.get('done');
	return {
		estate: { id: widget.estateId, code: widget.code, name: widget.name, timeZone: widget.timeZone },
		key: widget.settings && {
			publicKey: widget.settings.publicKey,
			enabled: widget.settings.enabled,
			accentColour: widget.settings.accentColour,
			updatedAt: widget.settings.updatedAt,
			updatedByName: widget.settings.updatedByName,
			embedTag: widgetEmbedTag(config().origin, widget.settings.publicKey)
		},
		actions: widgetActions,
		maxOrigins: MAX_ALLOWED_ORIGINS,
		done: done.find((d) => d === what) ?? null,
		form,
		rotateForm
	};
}) satisfies PageServerLoad;

/** Back to the page, saying what was done. */
const back = (event: RequestEvent, what: (typeof done)[number]): never =>
	redirect(303, `/staff/admin/widget/${event.params.estateId}?done=${what}`);

export const actions = {
	save: async (event) => {
		requireStaff(event.locals.actor, 'widget.configure');
		const form = await superValidate(event.request, zod4(widgetSettingsSchema), { id: 'settings' });
		if (!form.valid) return fail(400, { form });
		let created: boolean;
		try {
			({ created } = await saveWidgetSettings(event.locals.actor, event.params.estateId, form.data, { ip: event.getClientAddress() }));
		} catch (err) {
			return showInputError(form, err);
		}
		back(event, created ? 'created' : 'saved');
	},
	rotate: async (event) => {
		requireStaff(event.locals.actor, 'widget.configure');
		const form = await superValidate(event.request, zod4(rotateKeySchema), { id: 'rotate' });
		if (!form.valid) return fail(400, { form });
		try {
			await rotateWidgetKey(event.locals.actor, event.params.estateId, { ip: event.getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		back(event, 'rotated');
	}
} satisfies Actions;

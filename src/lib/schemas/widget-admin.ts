import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { widgetActions } from '#lib/server/widget/settings.ts';

/**
 * One estate's widget settings as the admin form posts them. The host sites stay the text typed
 * (one per line) and the colour its #rrggbb: the service reads the sites line by line and checks
 * the colour's contrast, each refusal at its field (widget/settings-admin.ts).
 */
export const widgetSettingsSchema = z.object({
	enabled: z.boolean().default(false),
	allowedOrigins: z.string().max(4000).default(''),
	actions: z.array(z.enum(widgetActions)).min(1, { error: () => m.widget_admin_actions_required() }),
	accentColour: z
		.string()
		.trim()
		.regex(/^#[0-9a-fA-F]{6}$/, { error: () => m.widget_admin_colour_invalid() })
});

/** A new key stops the old one at once: the form asks to confirm that. */
export const rotateKeySchema = z.object({
	confirm: z.boolean().refine((v) => v, { error: () => m.widget_admin_rotate_confirm_required() })
});

import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { emailField, nameField, phoneField } from './auth.ts';
import { optionalText } from './fields.ts';

const DESCRIPTION_MAX = 2000;

/**
 * What a public visitor sends through the widget, a repair or a complaint alike: where (a
 * building of the estate and the unit or room as typed), what, who, and how to reach them —
 * an email or a phone, at least one (the confirmation code goes there). `website` is the
 * honeypot (hidden from people; a bot fills it) and `token` the signed time the form was shown.
 */
export const widgetRequestSchema = z
	.object({
		buildingId: z.uuid({ error: () => m.widget_building_required() }),
		location: z.enum(['unit', 'common_area']).default('unit'),
		room: optionalText(60),
		kindId: z.uuid({ error: () => m.widget_kind_required() }),
		description: z
			.string()
			.trim()
			.min(5, { error: () => m.widget_description_short() })
			.max(DESCRIPTION_MAX),
		name: nameField,
		phone: z.union([z.literal(''), phoneField]).default(''),
		email: z.union([z.literal(''), emailField]).default(''),
		website: z.string().max(200).default(''),
		token: z.string().max(200).default('')
	})
	.superRefine((data, ctx) => {
		if (data.phone === '' && data.email === '') ctx.addIssue({ code: 'custom', path: ['email'], message: m.widget_contact_required() });
		if (data.location === 'unit' && data.room === '') ctx.addIssue({ code: 'custom', path: ['room'], message: m.widget_room_required() });
		if (data.location === 'common_area' && data.room === '')
			ctx.addIssue({ code: 'custom', path: ['room'], message: m.widget_place_required() });
	});
export type WidgetRequestInput = z.output<typeof widgetRequestSchema>;

/** The 6-digit code from the email or text message, typed with or without spaces. */
export const widgetCodeSchema = z.object({
	code: z
		.string()
		.transform((v) => v.replace(/[\s-]/g, ''))
		.pipe(z.string().regex(/^[0-9]{6}$/, { error: () => m.widget_code_format() }))
});

/** Following a case: its tracking code, and the last 4 digits of the phone or the email given. */
export const widgetTrackSchema = z.object({
	trackingCode: z
		.string()
		.trim()
		.max(20)
		.transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
		.pipe(z.string().min(1, { error: () => m.widget_tracking_code_required() })),
	proof: z
		.string()
		.trim()
		.max(254)
		.pipe(z.string().min(1, { error: () => m.widget_proof_required() }))
});

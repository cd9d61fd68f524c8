import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { estates, widgetSettings } from '../db/schema/index.ts';

/** What the widget can offer a visitor; an estate turns each on or off (widget_settings.actions). */
export const widgetActions = ['repair', 'complaint', 'track', 'survey'] as const;
export type WidgetAction = (typeof widgetActions)[number];

export function isWidgetAction(value: unknown): value is WidgetAction {
	return (widgetActions as readonly unknown[]).includes(value);
}

/** A public key as the loader tag carries it: 8–40 letters and digits (anything else names no estate). */
const publicKeyPattern = /^[A-Za-z0-9]{8,40}$/;

export interface PublicWidget {
	estateId: string;
	estateName: string;
	timeZone: string;
	publicKey: string;
	allowedOrigins: string[];
	actions: WidgetAction[];
	accentColour: string;
	formSecret: Uint8Array;
}

/**
 * The widget an enabled estate publishes under this key, or null (unknown, malformed or
 * switched off: the public pages answer 404 and nobody may frame them).
 */
export async function publicWidget(publicKey: string): Promise<PublicWidget | null> {
	if (!publicKeyPattern.test(publicKey)) return null;
	const [row] = await db()
		.select({
			estateId: widgetSettings.estateId,
			estateName: estates.name,
			timeZone: estates.timeZone,
			publicKey: widgetSettings.publicKey,
			enabled: widgetSettings.enabled,
			allowedOrigins: widgetSettings.allowedOrigins,
			actions: widgetSettings.actions,
			accentColour: widgetSettings.accentColour,
			formSecret: widgetSettings.formSecret
		})
		.from(widgetSettings)
		.innerJoin(estates, eq(estates.id, widgetSettings.estateId))
		.where(eq(widgetSettings.publicKey, publicKey));
	if (!row?.enabled) return null;
	const { enabled: _enabled, ...widget } = row;
	return { ...widget, actions: row.actions.filter(isWidgetAction) };
}

/** The widget under this key that offers this action (any, when none is named), or 404. */
export async function widgetOr404(publicKey: string, action?: WidgetAction): Promise<PublicWidget> {
	const widget = await publicWidget(publicKey);
	if (!widget || (action && !widget.actions.includes(action))) error(404, 'Not found');
	return widget;
}

/**
 * The Content-Security-Policy frame-ancestors value of a widget page: the estate's listed host
 * sites, or 'none' (no site may frame it) when it lists none or the key names no widget.
 */
export function frameAncestors(widget: Pick<PublicWidget, 'allowedOrigins'> | null): string {
	const origins = widget?.allowedOrigins ?? [];
	return origins.length ? origins.join(' ') : "'none'";
}

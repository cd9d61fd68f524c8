/**
 * The widget settings staff keep per estate (widget.configure, within the actor's estates; another
 * estate's answers 404 like a missing one): whether it is on, the host sites that may frame it,
 * what it offers and its colour. The first save creates the estate's public key and form secret;
 * "new key" replaces the key, and the old one names no widget from that moment. Every save and
 * every new key is audited in the transaction that makes it.
 */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from '#lib/colour-contrast.ts';
import { formatNumber } from '#lib/numbers.ts';
import { widgetSettingsSchema } from '#lib/schemas/widget-admin.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireEstate, requireStaff } from '../auth/guards.ts';
import { randomString } from '../auth/tokens.ts';
import { db, type Executor } from '../db/client.ts';
import { estates, users, widgetSettings } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import type { AuditContext } from '../property/access.ts';
import { parseAllowedOrigins } from './allowed-origins.ts';
import { isWidgetAction, widgetActions, type WidgetAction } from './settings.ts';

/** What the form shows before the first save: the table's own column defaults. */
export const newWidgetSettings = {
	enabled: false,
	allowedOrigins: [] as string[],
	actions: ['repair', 'complaint', 'track'] as WidgetAction[],
	accentColour: '#0b5cad'
};

/** Letters and digits, as publicWidget() accepts them (8–40): 20 symbols of 32 carry 100 bits. */
const PUBLIC_KEY_LENGTH = 20;
const FORM_SECRET_BYTES = 32;

export interface WidgetSettingsView {
	publicKey: string;
	enabled: boolean;
	allowedOrigins: string[];
	actions: WidgetAction[];
	accentColour: string;
	updatedAt: Date;
	updatedByName: string | null;
}

export interface EstateWidget {
	estateId: string;
	code: string;
	name: string;
	/** The estate's zone: when the settings were last changed is shown in it. */
	timeZone: string;
	/** Null until the first save. */
	settings: WidgetSettingsView | null;
}

async function readEstateWidgets(executor: Executor, where: ReturnType<typeof inActorEstates>): Promise<EstateWidget[]> {
	const rows = await executor
		.select({
			estateId: estates.id,
			code: estates.code,
			name: estates.name,
			timeZone: estates.timeZone,
			publicKey: widgetSettings.publicKey,
			enabled: widgetSettings.enabled,
			allowedOrigins: widgetSettings.allowedOrigins,
			actions: widgetSettings.actions,
			accentColour: widgetSettings.accentColour,
			updatedAt: widgetSettings.updatedAt,
			updatedByName: users.name
		})
		.from(estates)
		.leftJoin(widgetSettings, eq(widgetSettings.estateId, estates.id))
		.leftJoin(users, eq(users.id, widgetSettings.updatedBy))
		.where(where)
		.orderBy(asc(estates.code));
	return rows.map(({ estateId, code, name, timeZone, publicKey, ...s }) => ({
		estateId,
		code,
		name,
		timeZone,
		settings:
			publicKey === null
				? null
				: {
						publicKey,
						enabled: s.enabled!,
						allowedOrigins: s.allowedOrigins!,
						actions: s.actions!.filter(isWidgetAction),
						accentColour: s.accentColour!,
						updatedAt: s.updatedAt!,
						updatedByName: s.updatedByName
					}
	}));
}

/** The estates the actor works for, each with its widget settings (null before the first save). */
export async function widgetEstates(actor: Actor, executor: Executor = db()): Promise<EstateWidget[]> {
	requireStaff(actor, 'widget.configure');
	return readEstateWidgets(executor, inActorEstates(actor, estates.id));
}

/** One estate's widget; 404 outside the actor's estates (and for an id that names no estate). */
export async function estateWidget(actor: Actor, estateId: string, executor: Executor = db()): Promise<EstateWidget> {
	requireStaff(actor, 'widget.configure');
	requireEstate(actor, isUuid(estateId) ? estateId : null);
	const [found] = await readEstateWidgets(executor, eq(estates.id, estateId));
	requireEstate(actor, found?.estateId);
	return found;
}

/** The colour, lower-cased, if white text on it is readable; InputError('accentColour') otherwise. */
function readableAccent(colour: string): string {
	const accent = colour.toLowerCase();
	const ratio = contrastRatio(accent, '#ffffff');
	if (ratio < MIN_TEXT_CONTRAST) {
		// Rounded down, so that a colour just short of 4.5 never reads as "4.5".
		const shown = formatNumber(Math.floor(ratio * 10) / 10);
		throw new InputError('accentColour', m.widget_admin_colour_low_contrast({ ratio: shown, min: formatNumber(MIN_TEXT_CONTRAST) }));
	}
	return accent;
}

/**
 * Saves one estate's settings; the first save creates its public key and form secret. Returns
 * the key, and whether this save created it.
 */
export async function saveWidgetSettings(
	actor: Actor,
	estateId: string,
	raw: unknown,
	context: AuditContext = {}
): Promise<{ publicKey: string; created: boolean }> {
	await estateWidget(actor, estateId);
	const input = parseInput(widgetSettingsSchema, raw);
	const values = {
		enabled: input.enabled,
		allowedOrigins: parseAllowedOrigins(input.allowedOrigins),
		// In the table's order, each once.
		actions: widgetActions.filter((action) => input.actions.includes(action)),
		accentColour: readableAccent(input.accentColour)
	};
	return db().transaction(async (tx) => {
		const changed = { ...values, updatedBy: actor.userId, updatedAt: new Date() };
		const [inserted] = await tx
			.insert(widgetSettings)
			.values({
				estateId,
				publicKey: randomString(PUBLIC_KEY_LENGTH),
				formSecret: new Uint8Array(randomBytes(FORM_SECRET_BYTES)),
				...changed
			})
			.onConflictDoNothing({ target: widgetSettings.estateId })
			.returning({ publicKey: widgetSettings.publicKey });
		const [saved] = inserted
			? [inserted]
			: await tx
					.update(widgetSettings)
					.set(changed)
					.where(eq(widgetSettings.estateId, estateId))
					.returning({ publicKey: widgetSettings.publicKey });
		const created = inserted !== undefined;
		await recordAudit(tx, {
			actor,
			action: 'widget.settings_saved',
			subjectType: 'estate',
			subjectId: estateId,
			detail: { ...values, created },
			ip: context.ip
		});
		return { publicKey: saved!.publicKey, created };
	});
}

/** Gives the estate's widget a new public key: the old one stops working at once. Returns the new key. */
export async function rotateWidgetKey(actor: Actor, estateId: string, context: AuditContext = {}): Promise<string> {
	await estateWidget(actor, estateId);
	return db().transaction(async (tx) => {
		const [current] = await tx
			.select({ publicKey: widgetSettings.publicKey })
			.from(widgetSettings)
			.where(eq(widgetSettings.estateId, estateId))
			.for('update');
		if (!current) throw new InputError('', m.widget_admin_no_key_yet());
		const publicKey = randomString(PUBLIC_KEY_LENGTH);
		await tx
			.update(widgetSettings)
			.set({ publicKey, updatedBy: actor.userId, updatedAt: new Date() })
			.where(eq(widgetSettings.estateId, estateId));
		await recordAudit(tx, {
			actor,
			action: 'widget.key_rotated',
			subjectType: 'estate',
			subjectId: estateId,
			// The key is public (it is in the host site's HTML): the log says which one stopped.
			detail: { previousKey: current.publicKey, publicKey },
			ip: context.ip
		});
		return publicKey;
	});
}

/** The tag a host site pastes into its pages to show the estate's widget. */
export function widgetEmbedTag(origin: string, publicKey: string): string {
	return `<script src="${origin}/widget/loader.js" data-key="${publicKey}" data-lang="en" async></script>`;
}

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { estates, widgetSettings } from '../db/schema/index.ts';

/** The demo estate's public widget key: the demo host page (scripts/widget-host.ts) embeds it. */
export const DEMO_WIDGET_KEY = 'HVGdemoWidgetKey2026';

/**
 * Harbour View Gardens publishes its widget to the demo host site: http://localhost:5174 beside
 * `npm start`, http://localhost:4179 beside the journeys. Nothing else may frame it.
 */
export async function seedDemoWidget(tx: Executor): Promise<void> {
	const [hvg] = await tx.select({ id: estates.id }).from(estates).where(eq(estates.code, 'HVG'));
	if (!hvg) return;
	await tx.insert(widgetSettings).values({
		estateId: hvg.id,
		publicKey: DEMO_WIDGET_KEY,
		enabled: true,
		allowedOrigins: ['http://localhost:5174', 'http://localhost:4179'],
		actions: ['repair', 'complaint', 'track', 'survey'],
		accentColour: '#0f5c4d',
		formSecret: randomBytes(32)
	});
}

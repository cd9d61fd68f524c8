// Test data for the widget's integration tests (not used by the app): the complaint test estate
// with its widget published, a repair kind, and a form token old enough to pass.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { outbox, widgetSettings } from '../db/schema/index.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { makeKind } from '../callbacks/testing.ts';
import { makeComplaintEstate } from '../complaints/testing.ts';
import { runMailJobs } from '../notify/testing.ts';
import { issueFormToken } from './form-token.ts';
import { publicWidget, type PublicWidget } from './settings.ts';

export async function makeWidgetEstate(name = 'Widget Gardens') {
	const place = await makeComplaintEstate(name);
	const publicKey = `W${randomBytes(12).toString('hex')}`;
	await db()
		.insert(widgetSettings)
		.values({
			estateId: place.estate.id,
			publicKey,
			enabled: true,
			allowedOrigins: ['https://www.example.com'],
			actions: ['repair', 'complaint', 'track', 'survey'],
			formSecret: randomBytes(32)
		});
	const widget = (await publicWidget(publicKey))!;
	await ensureDefaultCalendar(db());
	const repairKind = await makeKind();
	return { ...place, widget, repairKind };
}

/** A form shown a minute before `now`: its time token passes. */
export const shownAMinuteAgo = (widget: PublicWidget, now = new Date()) => issueFormToken(widget, new Date(now.getTime() - 60_000));

/** The 6-digit code in the newest mail or text to `to`, after the message jobs ran. */
export async function codeSentTo(to: string): Promise<string> {
	// Other tests' mail may wait ahead of this one: run until the queue is empty.
	while ((await runMailJobs()).claimed > 0);
	const rows = await db().select().from(outbox).where(eq(outbox.recipient, to));
	const body = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.body ?? '';
	const code = /\b(\d{6})\b/.exec(body)?.[1];
	if (!code) throw new Error(`no code sent to ${to}`);
	return code;
}

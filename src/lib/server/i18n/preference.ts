import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Locale } from '#lib/paraglide/runtime.js';

/** Remembers a signed-in user's language across devices (the cookie covers this browser). */
export async function saveLocalePreference(actor: Actor, locale: Locale): Promise<void> {
	await db().update(users).set({ locale }).where(eq(users.id, actor.userId));
}

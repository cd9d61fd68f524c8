import { and, count, eq, gt, ne } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { INACTIVITY_TIMEOUT_MS, invalidateUserSessions } from '../auth/sessions.ts';
import { recordAudit } from '../events/service.ts';
import { changePasswordSchema, profileSchema } from '#lib/schemas/auth.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';

export interface Profile {
	name: string;
	email: string;
	phone: string;
	/** Live sessions of this user on other browsers or devices. */
	otherSessions: number;
}

export async function getProfile(actor: Actor, now = new Date()): Promise<Profile> {
	requireSignedIn(actor);
	const [user] = await db()
		.select({ name: users.name, email: users.email, phone: users.phone })
		.from(users)
		.where(eq(users.id, actor.userId));
	if (!user) throw new Error('the signed-in user no longer exists');
	return { ...user, otherSessions: await countOtherSessions(actor, now) };
}

export async function countOtherSessions(actor: Actor, now = new Date()): Promise<number> {
	const live = gt(sessions.lastVerifiedAt, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS));
	const mine = eq(sessions.userId, actor.userId);
	const [row] = await db()
		.select({ n: count() })
		.from(sessions)
		.where(actor.sessionId ? and(mine, live, ne(sessions.id, actor.sessionId)) : and(mine, live));
	return row?.n ?? 0;
}

export async function updateProfile(actor: Actor, input: { name: string; phone: string }): Promise<void> {
	requireSignedIn(actor);
	const data = parseInput(profileSchema, input);
	await db().transaction(async (tx) => {
		await tx.update(users).set({ name: data.name, phone: data.phone }).where(eq(users.id, actor.userId));
		await recordAudit(tx, { actor, action: 'account.profile_updated', subjectType: 'user', subjectId: actor.userId });
	});
}

/**
 * A new password ends every other session (a thief's included) and keeps the one in use, so
 * the person changing it stays signed in.
 */
export async function changePassword(actor: Actor, input: { currentPassword: string; password: string; confirm: string }): Promise<void> {
	requireSignedIn(actor);
	const data = parseInput(changePasswordSchema, input);
	const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
	const matches = !!user?.passwordHash && (await verifyPassword(user.passwordHash, data.currentPassword));
	if (!matches) throw new InputError('currentPassword', m.auth_current_password_wrong());
	const passwordHash = await hashPassword(data.password);
	await db().transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
		await recordAudit(tx, { actor, action: 'account.password_changed', subjectType: 'user', subjectId: actor.userId });
	});
	await invalidateUserSessions(actor.userId, actor.sessionId ?? undefined);
}

export async function signOutOtherDevices(actor: Actor): Promise<void> {
	requireSignedIn(actor);
	await invalidateUserSessions(actor.userId, actor.sessionId ?? undefined);
}

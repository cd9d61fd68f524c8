import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { createSession, INACTIVITY_TIMEOUT_MS, validateSessionToken } from '../auth/sessions.ts';
import { InputError } from '../kernel/input-error.ts';
import { signIn } from './login.ts';
import { changePassword, countOtherSessions, getProfile, signOutOtherDevices, updateProfile } from './profile.ts';
import { PASSWORD, actorOf, createUser } from './test-data.ts';

async function signedInTwice() {
	const user = await createUser();
	const here = await createSession(user.id);
	const phone = await createSession(user.id);
	const tablet = await createSession(user.id);
	return { user, here, phone, tablet, actor: await actorOf(user.id, here.session.id) };
}

describe('profile', () => {
	it('changing the password ends every other session and keeps this one', async () => {
		const { user, here, phone, tablet, actor } = await signedInTwice();
		await changePassword(actor, { currentPassword: PASSWORD, password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
		expect(await validateSessionToken(here.token)).not.toBeNull();
		expect(await validateSessionToken(phone.token)).toBeNull();
		expect(await validateSessionToken(tablet.token)).toBeNull();
		expect((await signIn({ email: user.email, password: 'a brand new passphrase', ip: '192.0.2.1' })).ok).toBe(true);
		expect((await signIn({ email: user.email, password: PASSWORD, ip: '192.0.2.1' })).ok).toBe(false);
	});

	it('refuses a wrong current password and changes nothing', async () => {
		const { user, phone, actor } = await signedInTwice();
		const [before] = await db().select().from(users).where(eq(users.id, user.id));
		const attempt = changePassword(actor, { currentPassword: 'guessing', password: 'another passphrase', confirm: 'another passphrase' });
		await expect(attempt).rejects.toMatchObject({ field: 'currentPassword' });
		await expect(attempt).rejects.toBeInstanceOf(InputError);
		const [after] = await db().select().from(users).where(eq(users.id, user.id));
		expect(after?.passwordHash).toBe(before?.passwordHash);
		expect(await validateSessionToken(phone.token)).not.toBeNull();
	});

	it('counts live sessions on other devices and signs them out', async () => {
		const { here, phone, actor } = await signedInTwice();
		expect(await countOtherSessions(actor)).toBe(2);
		expect(await countOtherSessions(actor, new Date(Date.now() + INACTIVITY_TIMEOUT_MS + 1))).toBe(0);
		await signOutOtherDevices(actor);
		expect(await countOtherSessions(actor)).toBe(0);
		expect(await validateSessionToken(here.token)).not.toBeNull();
		expect(await validateSessionToken(phone.token)).toBeNull();
	});

	it('saves name and phone, and refuses a bad phone number', async () => {
		const { actor } = await signedInTwice();
		await updateProfile(actor, { name: '  Wong Siu Ming ', phone: '+852 9123 4567' });
		expect(await getProfile(actor)).toMatchObject({ name: 'Wong Siu Ming', phone: '+852 9123 4567', otherSessions: 2 });
		await expect(updateProfile(actor, { name: 'X', phone: 'call me maybe' })).rejects.toMatchObject({ field: 'phone' });
		expect((await getProfile(actor)).name).toBe('Wong Siu Ming');
	});
});

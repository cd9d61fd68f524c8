import { describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { actorOf, createUser } from '#lib/server/accounts/test-data.ts';
import { cookieJar, fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { actions, load } from './+page.server.ts';

describe('/logout', () => {
	it('ends the session on the server and clears the cookie', async () => {
		const user = await createUser();
		const { token, session } = await createSession(user.id);
		const other = await createSession(user.id);
		const cookies = cookieJar({ [SESSION_COOKIE]: token });
		const actor = await actorOf(user.id, session.id);
		const result = await thrown(() => actions.default(fakeEvent({ actor, cookies, form: {} })));
		expect(result).toMatchObject({ status: 303, location: '/login' });
		expect(cookies.jar.has(SESSION_COOKIE)).toBe(false);
		expect(await validateSessionToken(token)).toBeNull();
		// Only this device signs out.
		expect(await validateSessionToken(other.token)).not.toBeNull();
	});

	it('does not sign out on GET', async () => {
		const user = await createUser();
		const { token, session } = await createSession(user.id);
		const actor = await actorOf(user.id, session.id);
		expect(load(fakeEvent({ actor, path: '/logout' }))).toEqual({ name: 'Test Person' });
		expect(await validateSessionToken(token)).not.toBeNull();
	});
});

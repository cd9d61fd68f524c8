import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, queryRows } from '#lib/server/db/client.ts';
import { sessions } from '#lib/server/db/schema/index.ts';
import { INACTIVITY_TIMEOUT_MS, SESSION_COOKIE, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { hashSecret } from '#lib/server/auth/tokens.ts';
import { PASSWORD, actorOf, createUser } from '#lib/server/accounts/test-data.ts';
import { cookieJar, fakeEvent, thrown, type Thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import { actions, load } from './+page.server.ts';
import { hostileTargets } from '../../../../tests/hostile-targets.ts';

async function logIn(email: string, password = PASSWORD, path = '/login', ip = '203.0.113.50') {
	const cookies = cookieJar();
	const event = fakeEvent({ path, form: { email, password }, cookies, ip });
	let outcome: Awaited<ReturnType<typeof actions.default>> | Thrown;
	try {
		outcome = await actions.default(event);
	} catch (err) {
		outcome = err as Thrown;
	}
	return { outcome, cookies };
}

describe('POST /login', () => {
	it('starts a new session: the cookie holds <id>.<secret>, the database only the hash', async () => {
		const user = await createUser({ email: 'lin@example.com' });
		const { outcome, cookies } = await logIn('lin@example.com');
		expect(outcome).toMatchObject({ status: 303, location: '/' });
		const token = cookies.jar.get(SESSION_COOKIE)!;
		expect(token).toMatch(/^[a-km-np-z2-9]{24}\.[a-km-np-z2-9]{32}$/);
		const [id, secret] = token.split('.') as [string, string];

		const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
		expect(row?.userId).toBe(user.id);
		expect(Buffer.from(row!.secretHash)).toEqual(Buffer.from(hashSecret(secret)));
		const dump = JSON.stringify(await queryRows(db(), sql`select *, encode(secret_hash, 'escape') as raw from sessions`));
		expect(dump).not.toContain(secret);
		expect(dump).not.toContain(token);

		expect((await validateSessionToken(token))?.session.userId).toBe(user.id);
	});

	it('refuses a tampered token and an expired one (deleting the expired session)', async () => {
		await createUser({ email: 'kwok@example.com' });
		const { cookies } = await logIn('kwok@example.com');
		const token = cookies.jar.get(SESSION_COOKIE)!;
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		expect(await validateSessionToken(token.slice(0, -1) + last)).toBeNull();
		expect(await validateSessionToken(token)).not.toBeNull();

		const id = token.split('.')[0]!;
		const later = new Date(Date.now() + INACTIVITY_TIMEOUT_MS + 1000);
		expect(await validateSessionToken(token, later)).toBeNull();
		expect(await db().select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
	});

	it("sets the user's saved language and honours a same-site next", async () => {
		await createUser({ email: 'chan@example.com', locale: 'zh-Hans' });
		const { outcome, cookies } = await logIn('chan@example.com', PASSWORD, '/login?next=%2Fapp%2Fprofile');
		expect(outcome).toMatchObject({ status: 303, location: '/app/profile' });
		expect(cookies.jar.get('PARAGLIDE_LOCALE')).toBe('zh-Hans');
	});

	it('goes home, signed in, for every next that is not a plain path on this site', async () => {
		await createUser({ email: 'wary@example.com' });
		for (const [i, next] of hostileTargets.entries()) {
			const { outcome } = await logIn('wary@example.com', PASSWORD, `/login?next=${encodeURIComponent(next)}`, `198.18.0.${i + 1}`);
			expect([next, outcome]).toMatchObject([next, { status: 303, location: '/' }]);
		}
	});

	it('ignores a next that leads off the site', async () => {
		await createUser({ email: 'ho@example.com' });
		const { outcome } = await logIn('ho@example.com', PASSWORD, '/login?next=%2F%2Fevil.example%2F');
		expect(outcome).toMatchObject({ status: 303, location: '/' });
	});

	it('gives one generic message for a wrong password or unknown email, and never echoes the password', async () => {
		await createUser({ email: 'yip@example.com' });
		const wrong = await logIn('yip@example.com', 'not-my-password');
		const unknown = await logIn('nobody-here@example.com', 'not-my-password');
		const refused = failure(wrong.outcome);
		expect(refused.status).toBe(400);
		expect(refused.data.form.message).toBe('The email or password is not correct.');
		expect(failure(unknown.outcome).data.form.message).toBe(refused.data.form.message);
		expect(refused.data.form.data.password).toBe('');
		expect(wrong.cookies.jar.has(SESSION_COOKIE)).toBe(false);
	});

	it('says when to try again once the account is locked', async () => {
		await createUser({ email: 'lam@example.com' });
		for (let i = 0; i < 4; i++) await logIn('lam@example.com', 'wrong-password');
		const fifth = await logIn('lam@example.com', 'wrong-password');
		expect(failure(fifth.outcome).status).toBe(429);
		expect(failure(fifth.outcome).data.form.message).toMatch(/try again in 15 minutes/);
		const right = await logIn('lam@example.com');
		expect(failure(right.outcome).status).toBe(429);
		expect(right.cookies.jar.has(SESSION_COOKIE)).toBe(false);
	});

	it('answers hostile input with field messages', async () => {
		const hostile = failure((await logIn('x'.repeat(300), 'y'.repeat(500))).outcome);
		expect(hostile.status).toBe(400);
		expect(hostile.data.form.errors.email?.[0]).toMatch(/too long/);
		expect(hostile.data.form.errors.password?.[0]).toMatch(/too long/);
		const bad = failure((await logIn('not-an-email', 'whatever')).outcome);
		expect(bad.data.form.errors.email?.[0]).toMatch(/valid email/);
	});

	it('refuses a disabled account', async () => {
		await createUser({ email: 'gone@example.com', disabled: true });
		const { outcome, cookies } = await logIn('gone@example.com');
		expect(failure(outcome).status).toBe(403);
		expect(cookies.jar.has(SESSION_COOKIE)).toBe(false);
	});
});

describe('GET /login', () => {
	it('sends someone already signed in on', async () => {
		const user = await createUser();
		const actor = await actorOf(user.id);
		const result = await thrown(() => load(fakeEvent({ actor, path: '/login?next=/app/profile' })));
		expect(result).toMatchObject({ status: 303, location: '/app/profile' });
	});
});

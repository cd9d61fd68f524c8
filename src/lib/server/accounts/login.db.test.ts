import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfig } from '../config.ts';
import { eq, like } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { loginFailures } from '../db/schema/index.ts';
import { signIn } from './login.ts';
import { PASSWORD, createUser } from './test-data.ts';

const minutes = (n: number) => n * 60 * 1000;
const ip = '198.51.100.20';

async function failTimes(email: string, times: number, at: Date, from = ip) {
	for (let i = 0; i < times; i++) {
		expect((await signIn({ email, password: 'wrong password!', ip: from }, at)).ok).toBe(false);
	}
}

afterEach(() => {
	vi.unstubAllEnvs();
	resetConfig();
});

describe('signIn', () => {
	it('accepts the right password, whatever the case of the email', async () => {
		const user = await createUser({ email: 'mei@example.com', locale: 'zh-Hant' });
		const result = await signIn({ email: ' MEI@example.com ', password: PASSWORD, ip });
		expect(result).toEqual({ ok: true, user: { id: user.id, kind: 'resident', locale: 'zh-Hant' } });
	});

	it('answers a wrong password and an unknown email the same way', async () => {
		const user = await createUser();
		expect(await signIn({ email: user.email, password: 'not the password', ip })).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn({ email: 'nobody@example.com', password: PASSWORD, ip })).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses accounts without a password yet, and disabled accounts', async () => {
		const pending = await createUser({ password: null });
		expect(await signIn({ email: pending.email, password: '', ip })).toEqual({ ok: false, reason: 'invalid' });
		const disabled = await createUser({ disabled: true });
		expect(await signIn({ email: disabled.email, password: PASSWORD, ip })).toEqual({ ok: false, reason: 'disabled' });
	});

	it('after 5 failures refuses even the right password, until the window has passed', async () => {
		const user = await createUser();
		const start = new Date('2026-03-02T09:00:00Z');
		await failTimes(user.email, 4, start);
		const fifth = await signIn({ email: user.email, password: 'wrong again', ip }, new Date(start.getTime() + minutes(1)));
		expect(fifth).toEqual({ ok: false, reason: 'locked', retryInMinutes: 14 });

		const later = new Date(start.getTime() + minutes(10));
		expect(await signIn({ email: user.email, password: PASSWORD, ip }, later)).toEqual({
			ok: false,
			reason: 'locked',
			retryInMinutes: 5
		});

		const afterWindow = new Date(start.getTime() + minutes(16) + 1);
		expect((await signIn({ email: user.email, password: PASSWORD, ip }, afterWindow)).ok).toBe(true);
	});

	it('does not let one locked account lock out other accounts at the same address', async () => {
		const locked = await createUser();
		const neighbour = await createUser();
		const now = new Date('2026-03-02T10:00:00Z');
		await failTimes(locked.email, 5, now);
		expect((await signIn({ email: locked.email, password: PASSWORD, ip }, now)).ok).toBe(false);
		expect((await signIn({ email: neighbour.email, password: PASSWORD, ip }, now)).ok).toBe(true);
	});

	it('locks an address only after many failures (LOGIN_MAX_IP_FAILURES)', async () => {
		vi.stubEnv('LOGIN_MAX_IP_FAILURES', '8');
		resetConfig();
		const user = await createUser();
		const now = new Date('2026-03-02T11:00:00Z');
		const office = '192.0.2.99';
		for (let i = 0; i < 8; i++) await signIn({ email: `guess${i}@example.com`, password: 'x', ip: office }, now);
		expect(await signIn({ email: user.email, password: PASSWORD, ip: office }, now)).toMatchObject({ reason: 'locked' });
		expect((await signIn({ email: user.email, password: PASSWORD, ip: '192.0.2.100' }, now)).ok).toBe(true);
	});

	it('clears the account failures on success and deletes rows older than the window', async () => {
		const user = await createUser();
		const old = new Date('2026-03-01T08:00:00Z');
		await failTimes(user.email, 3, old);
		const now = new Date('2026-03-02T12:00:00Z');
		await signIn({ email: 'someone-else@example.com', password: 'x', ip }, now);
		const oldRows = await db().select().from(loginFailures).where(eq(loginFailures.at, old));
		expect(oldRows).toHaveLength(0);

		await failTimes(user.email, 4, now);
		expect((await signIn({ email: user.email, password: PASSWORD, ip }, now)).ok).toBe(true);
		expect(
			await db()
				.select()
				.from(loginFailures)
				.where(like(loginFailures.key, `acct:${user.email}`))
		).toHaveLength(0);
		// With the slate clean, four more failures do not lock the account.
		await failTimes(user.email, 4, now);
		expect((await signIn({ email: user.email, password: PASSWORD, ip }, now)).ok).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { createUser, fromLatestMail, mailTo } from '#lib/server/accounts/test-data.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { actions as forgotActions } from '../../forgot/+page.server.ts';
import { actions, load } from './+page.server.ts';

const sameAnswer = 'If an account exists for that address, we have sent it a link to reset the password. The link works for one hour.';

describe('/forgot and /reset/[token]', () => {
	it('answers the same for known and unknown addresses', async () => {
		const user = await createUser();
		const known = (await forgotActions.default!(fakeEvent({ form: { email: user.email } }))) as any;
		const unknown = (await forgotActions.default!(fakeEvent({ form: { email: 'who@example.com' } }))) as any;
		expect(known.form.message).toBe(sameAnswer);
		expect(unknown.form.message).toBe(sameAnswer);
		expect(await mailTo(user.email)).toHaveLength(1);
		const bad = (await forgotActions.default!(fakeEvent({ form: { email: '<b>' } }))) as any;
		expect(bad.status).toBe(400);
		expect(bad.data.form.errors.email[0]).toMatch(/valid email/);
	});

	it('sets the password once, ends all sessions, then shows the link as spent', async () => {
		const user = await createUser();
		const session = await createSession(user.id);
		await forgotActions.default!(fakeEvent({ form: { email: user.email } }));
		const token = await fromLatestMail(user.email, /\/reset\/([a-z0-9]+)/);
		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(true);

		const form = { password: 'brand new password', confirm: 'brand new password' };
		const done = await thrown(() => actions.default!(fakeEvent({ params: { token }, form })));
		expect(done).toMatchObject({ status: 303, location: '/login?reset=done' });
		expect(await validateSessionToken(session.token)).toBeNull();

		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(false);
		const again = (await actions.default!(fakeEvent({ params: { token }, form }))) as any;
		expect(again.status).toBe(400);
		expect(again.data.form.message).toMatch(/expired or has already been used/);
	});

	it('keeps the link usable when the new password is refused', async () => {
		const user = await createUser();
		await forgotActions.default!(fakeEvent({ form: { email: user.email } }));
		const token = await fromLatestMail(user.email, /\/reset\/([a-z0-9]+)/);
		const short = (await actions.default!(fakeEvent({ params: { token }, form: { password: 'short', confirm: 'short' } }))) as any;
		expect(short.data.form.errors.password[0]).toMatch(/at least 10/);
		expect(short.data.form.data).toEqual({ password: '', confirm: '' });
		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(true);
	});
});

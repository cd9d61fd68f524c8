import { describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../auth/sessions.ts';
import { signIn } from './login.ts';
import { requestPasswordReset, resetLinkIsUsable, resetPassword, ResetLinkError } from './password-reset.ts';
import { PASSWORD, createUser, fromLatestMail, mailTo } from './test-data.ts';
import { runMailJobs } from '../notify/testing.ts';

const link = /\/reset\/([a-km-np-z2-9]{32})\b/;
const newPassword = { password: 'a fresh passphrase', confirm: 'a fresh passphrase' };

describe('password reset', () => {
	it('emails a single-use link that sets the password and ends every session', async () => {
		const user = await createUser({ email: 'reset-me@example.com' });
		const first = await createSession(user.id);
		const second = await createSession(user.id);
		await requestPasswordReset('Reset-Me@example.com');
		const token = await fromLatestMail(user.email, link);
		expect(await resetLinkIsUsable(token)).toBe(true);

		await resetPassword(token, newPassword);
		expect(await validateSessionToken(first.token)).toBeNull();
		expect(await validateSessionToken(second.token)).toBeNull();
		expect((await signIn({ email: user.email, password: newPassword.password, ip: '192.0.2.8' })).ok).toBe(true);
		expect((await signIn({ email: user.email, password: PASSWORD, ip: '192.0.2.8' })).ok).toBe(false);

		expect(await resetLinkIsUsable(token)).toBe(false);
		await expect(resetPassword(token, { password: 'third password!', confirm: 'third password!' })).rejects.toBeInstanceOf(ResetLinkError);
	});

	it('refuses a link after an hour', async () => {
		const user = await createUser();
		const asked = new Date();
		await requestPasswordReset(user.email, asked);
		const token = await fromLatestMail(user.email, link, asked);
		const later = new Date(asked.getTime() + 60 * 60 * 1000 + 1);
		expect(await resetLinkIsUsable(token, later)).toBe(false);
		await expect(resetPassword(token, newPassword, later)).rejects.toBeInstanceOf(ResetLinkError);
	});

	it('sends nothing for unknown or disabled addresses, and at most 3 links an hour', async () => {
		await requestPasswordReset('nobody-at-all@example.com');
		expect(await mailTo('nobody-at-all@example.com')).toHaveLength(0);
		const disabled = await createUser({ disabled: true });
		await requestPasswordReset(disabled.email);
		expect(await mailTo(disabled.email)).toHaveLength(0);

		const user = await createUser();
		const now = new Date();
		for (let i = 0; i < 5; i++) {
			await requestPasswordReset(user.email, now);
			await runMailJobs(now);
		}
		expect(await mailTo(user.email)).toHaveLength(3);
		const later = new Date(now.getTime() + 61 * 60 * 1000);
		await requestPasswordReset(user.email, later);
		expect(await mailTo(user.email, later)).toHaveLength(4);
	});

	it('refuses made-up tokens', async () => {
		expect(await resetLinkIsUsable('x'.repeat(32))).toBe(false);
		expect(await resetLinkIsUsable("' or 1=1 --")).toBe(false);
		await expect(resetPassword('abcdefghijkmnpqrstuvwxyz23456789', newPassword)).rejects.toBeInstanceOf(ResetLinkError);
	});

	it('writes the email in the account holder’s saved language', async () => {
		const user = await createUser({ locale: 'zh-Hant' });
		await requestPasswordReset(user.email);
		const [mail] = await mailTo(user.email);
		expect(mail?.subject).toBe('重設您的 Lobby 密碼');
	});
});

import { expect, test, type Page } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn, submitLogin } from './sign-in.ts';

const auth = messages('auth');
// An account no other journey signs in with, so its failures disturb nobody.
const target = 'resident017@example.test';

/** One sign-in through the form; answers the status of the form post. */
async function attempt(page: Page, email: string, password?: string): Promise<number> {
	const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
	await submitLogin(page, email, { password });
	return (await answered).status();
}

test('after five wrong passwords even the right one is refused, while another account still signs in', async ({ page }) => {
	await page.goto('/login');
	const alert = page.getByRole('alert');
	const [lockedText] = auth.auth_login_locked!.split('{minutes}') as [string];
	for (let i = 1; i <= 4; i++) {
		expect(await attempt(page, target, `wrong-password-${i}`)).toBe(400);
		await expect(alert, `failure ${i}`).toHaveText(auth.auth_login_invalid!);
	}
	// The failure that reaches the limit already says so, rather than letting a sixth try fail unexplained.
	expect(await attempt(page, target, 'wrong-password-5')).toBe(429);
	await expect(alert).toContainText(lockedText.trim());

	expect(await attempt(page, target), 'the right password while locked').toBe(429);
	await expect(alert).toContainText(lockedText.trim());
	await expect(page).toHaveURL(/\/login/);

	// Same browser, same address: a neighbour is not locked out by someone else's failures.
	await signIn(page, 'resident@lobby.test');
	await expect(page).toHaveURL(/\/app\/?$/);
});

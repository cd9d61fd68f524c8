import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

const SESSION_COOKIE = 'lobby_session';

test('a session cookie with one character of its secret changed is refused and cleared', { tag: '@phone' }, async ({ page, context }) => {
	await signIn(page, 'resident008@example.test');
	await expect(page).toHaveURL(/\/app\/?$/);

	const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
	expect(cookie, 'session cookie after sign-in').toBeDefined();
	const [id, secret] = cookie!.value.split('.') as [string, string];
	expect(secret.length).toBeGreaterThanOrEqual(26);
	const last = secret.at(-1)!;
	const tampered = `${id}.${secret.slice(0, -1)}${last === 'a' ? 'b' : 'a'}`;
	await context.addCookies([{ ...cookie!, value: tampered }]);

	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp/);
	expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

	// The genuine token still works: only the forged one was refused.
	await context.addCookies([cookie!]);
	const response = await page.goto('/app');
	expect(response?.status()).toBe(200);
	await expect(page).toHaveURL(/\/app\/?$/);
});

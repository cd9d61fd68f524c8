import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data.ts';

/** Signs in through the login form as a person would (English labels: the projects use locale en). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

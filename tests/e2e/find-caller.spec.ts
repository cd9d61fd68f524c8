import { expect, test, type Page } from '@playwright/test';
import { demoPlan } from '../../src/lib/server/seed/demo-plan.ts';
import { demoResident } from '../../src/lib/server/seed/demo-data.ts';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const frontdesk = messages('frontdesk');
// The demo data is fixed: the same phone for Chan Tai Man on every machine ("+852 5xxx xxxx").
const chanPhone = demoPlan('').users.find((u) => u.email === demoResident.email)!.phone!;
const shots = process.env.SHOTS_DIR ?? 'test-results';

/** Customer service takes a call: types the caller's number into the header box, finds him, opens his flat. */
async function findTheCaller(page: Page, size: string) {
	await signIn(page, 'service@lobby.test');
	await expect(page).toHaveURL(/\/staff\/?$/);
	const box = page.getByRole('searchbox', { name: frontdesk.frontdesk_box_label });
	await box.fill(chanPhone);
	await box.press('Enter');
	await expect(page).toHaveURL(/\/staff\/find\?q=%2B852/);
	await expect(box).toHaveValue(chanPhone);
	const people = page.getByRole('region', { name: new RegExp(frontdesk.frontdesk_group_people!) });
	const chan = people.getByRole('link', { name: /Chan Tai Man 陳大文/ });
	await expect(chan).toHaveCount(1);
	await expect(chan).toContainText('12A');
	await page.screenshot({ path: `${shots}/find-caller-${size}.png`, fullPage: true });

	await chan.click();
	await expect(page).toHaveURL(/\/staff\/registry\/units\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('12A');
	await page.screenshot({ path: `${shots}/find-caller-unit-${size}.png` });
}

test('the desk finds a caller by the phone number he gives, from the header box, and opens his flat', async ({ page }) => {
	await findTheCaller(page, '1280');
});

test('the desk finds a caller on a phone @phone', async ({ page }) => {
	await findTheCaller(page, '390');
	// Nothing to look for, or too little: said in words, not an error page.
	await page.goto('/staff/find?q=');
	await expect(page.getByText(frontdesk.frontdesk_empty!)).toBeVisible();
	await page.goto('/staff/find?q=%25');
	await expect(page.getByRole('status')).toContainText('%');
	await page.screenshot({ path: `${shots}/find-caller-too-short-390.png` });
});

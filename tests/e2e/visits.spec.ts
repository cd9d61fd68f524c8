import fs from 'node:fs';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

// Rule 8, a visit to a customer (拜訪客戶): customer service puts a resident in Harbour View's plan
// for the year and books a time; the resident, on a phone without JavaScript, proposes another
// time; the desk accepts it and records the visit with a follow-up for engineering; the resident
// reads the summary and the open follow-up. resident021 (an owner no other journey uses).
const residentEmail = 'resident021@example.test';
const t = messages('visits');
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const shots = process.env.SHOTS_DIR ?? 'test-results';

async function as(browser: Browser, email: string, options: BrowserContextOptions): Promise<Page> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function shot(page: Page, name: string) {
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function noSideScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test(
	'a visit is booked, the resident proposes another time on a phone, the desk accepts and records it, and the resident reads the summary',
	{ tag: '@phone' },
	async ({ browser }) => {
		test.setTimeout(120_000);
		const resident = await as(browser, residentEmail, { ...phone, javaScriptEnabled: false });
		await resident.goto('/app/profile');
		const name = (await resident.locator('#name').inputValue()).trim();
		expect(name).not.toBe('');

		// 1. The desk puts the resident in Harbour View's plan (twice a year) and books a time.
		const desk = await as(browser, 'service@lobby.test', desktop);
		await desk.goto('/staff/visits');
		const hvg = await desk.locator('#plan-estate option', { hasText: 'HVG' }).getAttribute('value');
		await desk.getByLabel(t.visit_estate!).selectOption(hvg);
		await desk.getByRole('button', { name: t.visit_show }).click();
		await expect(desk).toHaveURL(new RegExp(`estate=${hvg}`));
		const add = desk.getByRole('region', { name: t.visit_add_title });
		const option = (await add.locator('#add-party option').allInnerTexts()).find((label) => label.startsWith(`${name} · `));
		expect(option, `${name} is a customer of Harbour View`).toBeTruthy();
		await add.getByLabel(t.visit_customer!).selectOption({ label: option! });
		await add.getByLabel(t.visit_times!).fill('2');
		await add.getByRole('button', { name: t.visit_add_submit }).click();
		const row = desk.getByRole('row').filter({ has: desk.getByRole('rowheader', { name, exact: true }) });
		await expect(row).toBeVisible();
		await shot(desk, 'visits-0-staff-plan-1280');
		await row.getByRole('link').first().click();
		await expect(desk.getByRole('heading', { name: t.visit_book_title })).toBeVisible();
		await desk.getByLabel(t.visit_book_purpose!).fill('The yearly customer visit.');
		await desk.getByRole('button', { name: t.visit_book_submit }).click();
		await expect(desk.getByRole('status')).toHaveText(t.visit_booked_done!);
		const visitUrl = desk.url().replace(/\?.*$/, '');
		const visitId = visitUrl.split('/').pop()!;

		// 2. The resident, on a phone without JavaScript, proposes another time (the field offers the next day).
		await resident.goto(`/app/visits/${visitId}`);
		await expect(resident.getByRole('region', { name: t.visit_answer_title })).toBeVisible();
		await noSideScroll(resident);
		await resident.locator('summary', { hasText: t.visit_propose_summary! }).click();
		await resident.getByLabel(t.visit_propose_note!).fill('Mornings suit me better.');
		await shot(resident, 'visits-1-resident-answer-390');
		await resident.getByRole('button', { name: t.visit_propose_submit }).click();
		await expect(resident.getByRole('status')).toHaveText(t.visit_done_proposed!);

		// 3. The desk accepts the proposed time and records the visit with a follow-up for engineering.
		await desk.goto(visitUrl);
		const proposal = desk.getByRole('region', { name: t.visit_proposal_title });
		await expect(proposal.getByText('Mornings suit me better.')).toBeVisible();
		await proposal.getByRole('button', { name: t.visit_accept }).click();
		await expect(desk.getByRole('status')).toHaveText(t.visit_done_done!);
		const form = desk.getByRole('region', { name: t.visit_form_title });
		// Nothing written: refused at the field.
		await form.getByRole('button', { name: t.visit_hold_submit }).click();
		await expect(desk.locator('#hold-opinions-error')).toHaveText(t.visit_conversation_required!);
		await form.getByLabel(t.visit_opinions!).fill('Happy with the cleaning of the lobby.');
		await form.getByLabel(t.visit_suggestions!).fill('More benches in the garden.');
		await form.getByLabel(t.visit_requests!).fill('When will the lifts of the block be modernised?');
		await form.getByLabel(t.visit_follow_up_question!).fill('When will the lifts of the block be modernised?');
		await form.getByLabel(t.visit_follow_up_owner_label!).selectOption({ label: 'Chow Man Lok 周文樂' });
		const today = await desk.locator('#hold-due').getAttribute('min');
		await form.getByLabel(t.visit_follow_up_due!).fill(today!);
		await shot(desk, 'visits-2-staff-visit-form-1280');
		await form.getByRole('button', { name: t.visit_hold_submit }).click();
		await expect(desk.getByRole('status')).toHaveText(t.visit_done_held!);
		await expect(desk.getByText(fill(t.visit_follow_up_owner!, { name: 'Chow Man Lok 周文樂' }))).toBeVisible();
		await shot(desk, 'visits-3-staff-held-1280');

		// The figures: Harbour View's follow-up is open (due today, not overdue).
		await desk.goto('/staff/visits/stats');
		const figures = desk.getByRole('row').filter({ has: desk.getByRole('link', { name: /^HVG · / }) });
		const headers = await desk.locator('thead th').allInnerTexts();
		const cells = await figures.locator('th, td').allInnerTexts();
		const cell = (label: string) => Number(cells[headers.indexOf(label)]);
		expect(cell(t.visit_stats_open!)).toBeGreaterThanOrEqual(1);
		expect(cell(t.visit_stats_planned!)).toBeGreaterThanOrEqual(4);
		await shot(desk, 'visits-5-staff-stats-1280');

		// 4. The resident finds the visit in its list and reads the summary and the follow-up.
		await resident.goto('/app/visits');
		await noSideScroll(resident);
		await shot(resident, 'visits-4a-resident-list-390');
		await resident.locator(`a[href="/app/visits/${visitId}"]`).click();
		await expect(resident).toHaveURL(new RegExp(`/app/visits/${visitId}$`));
		const summary = resident.getByRole('region', { name: t.visit_summary_title });
		await expect(summary.getByText('Happy with the cleaning of the lobby.')).toBeVisible();
		await expect(summary.getByText('More benches in the garden.')).toBeVisible();
		await expect(resident.getByRole('region', { name: t.visit_follow_ups_title }).locator('.question')).toHaveText(
			'When will the lifts of the block be modernised?'
		);
		await noSideScroll(resident);
		await shot(resident, 'visits-4-resident-summary-390');
		await resident.context().close();
		await desk.context().close();
	}
);

import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { fakeHeic, smallPng } from '../../src/lib/server/files/test-images.ts';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('repairs-resident');
const files = messages('files');
const common = messages('common');
/**
 * The demo neighbour (renter of HVG Block B 8C, one unit): the home-page journeys of the demo
 * resident (resident@lobby.test) expect no open cases, and these journeys file some.
 */
const resident = 'neighbour@lobby.test';

/**
 * A 12-megapixel camera photo as a phone makes it: 4000×3000, about 4 MB (fine grain, like a real
 * scene, rather than flat colour), stored sideways (EXIF orientation 6) with GPS coordinates.
 */
async function cameraJpeg(): Promise<Buffer> {
	return sharp({
		create: { width: 4000, height: 3000, channels: 3, background: '#6080a0', noise: { type: 'gaussian', mean: 120, sigma: 24 } }
	})
		.blur(0.7)
		.jpeg({ quality: 92 })
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Make: 'Lobbyphone', Model: 'Test 15', Orientation: '6' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 16/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 10/1 1200/100' }
		})
		.toBuffer();
}

/** Fills in what every filing needs: the kind and a description (the resident has one unit, preselected). */
async function describeLeak(page: Page) {
	await page.getByLabel(words.repairs_resident_kind!).selectOption({ label: 'Water pipes / leak' });
	await page.getByLabel(words.repairs_resident_where_unit!).fill('Kitchen sink');
	await page.getByLabel(words.repairs_resident_description!).fill('Water drips from the pipe under the kitchen sink.');
}

/** Notes what each form post carries (file names and sizes), as the browser hands it to XMLHttpRequest. */
async function recordUploads(page: Page) {
	await page.addInitScript(() => {
		// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the request as `this` (send.call below)
		const send = XMLHttpRequest.prototype.send;
		XMLHttpRequest.prototype.send = function (body) {
			if (body instanceof FormData) {
				const sent = [...body.entries()].flatMap(([key, value]) =>
					value instanceof Blob ? [{ key, name: value.name, size: value.size, type: value.type }] : []
				);
				(window as unknown as { uploads: unknown[] }).uploads = sent;
			}
			return send.call(this, body);
		};
	});
}

/** The files of the last form post recordUploads saw. */
async function uploadsOf(page: Page) {
	return (await page.evaluate(() => (window as unknown as { uploads: unknown[] }).uploads)) as {
		key: string;
		name: string;
		size: number;
		type: string;
	}[];
}

test(
	'a resident files a repair with two phone photos, sees the upload progress and lands on the case page; the landlord cannot open it',
	{ tag: '@phone' },
	async ({ page, browser }) => {
		// Making a 12-megapixel photo and shrinking it (server and browser) takes a few seconds on 2 cores.
		test.slow();
		const camera = await cameraJpeg();
		expect(camera.byteLength).toBeGreaterThan(3 * 1024 * 1024);
		const second = Buffer.from(await smallPng());
		await recordUploads(page);
		await signIn(page, resident);
		await page
			.getByRole('navigation')
			.getByRole('link', { name: messages('repairs').repairs_nav })
			.click();
		await expect(page).toHaveURL(/\/app\/repairs$/);
		await page.getByRole('link', { name: words.repairs_resident_report }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: words.repairs_resident_new_title })).toBeVisible();

		await describeLeak(page);
		await page.locator('input[type="file"][name="photos"]').setInputFiles([
			{ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: camera },
			{ name: 'crack.png', mimeType: 'image/png', buffer: second }
		]);
		const thumbnails = page.getByRole('list', { name: fill(words.repairs_resident_photos_chosen!, { count: 2, max: 6 }) }).getByRole('img');
		await expect(thumbnails).toHaveCount(2);
		// Shrunk in the browser before upload: upright (portrait) and 2048 px on the long side.
		await expect
			.poll(() => thumbnails.first().evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
			.toEqual([1536, 2048]);
		await expect(page.getByRole('button', { name: fill(words.repairs_resident_photo_remove!, { name: 'crack.png' }) })).toBeVisible();

		// The first offered time.
		await page.locator('input[type="radio"][name="slotId"]:not([value="call"])').first().check();

		// Hold the answer back a moment so the progress stays on screen long enough to see.
		await page.route('**/app/repairs/new**', async (route) => {
			if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		});
		await page.getByRole('button', { name: words.repairs_resident_submit }).click();
		const progress = page.getByRole('status').filter({ has: page.locator('progress') });
		await expect(progress).toBeVisible();
		await page.screenshot({ path: 'test-results/resident-repair-uploading-phone.png' });

		await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/, { timeout: 15_000 });
		// Two shrunk JPEGs went up instead of the originals: the 4 MB camera photo as well under 1 MB.
		const uploads = await uploadsOf(page);
		expect(uploads.map((u) => [u.key, u.name, u.type])).toEqual([
			['photos', 'IMG_2041.jpg', 'image/jpeg'],
			['photos', 'crack.jpg', 'image/jpeg']
		]);
		expect(uploads[0]!.size).toBeLessThan(1024 * 1024);
		const reference = (await page.locator('.reference').first().innerText()).trim();
		expect(reference).toMatch(/^R\d{6}$/);
		await expect(page.getByText(fill(words.repairs_resident_filed!, { reference }))).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: 'Water pipes / leak' })).toBeVisible();
		const photos = page.getByRole('img', { name: /^Photo \d$/ });
		await expect(photos).toHaveCount(4); // under "My photos" and in the history entry
		await expect.poll(() => photos.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
		await expect(page.getByText(words.repairs_event_filed!)).toBeVisible();
		const caseUrl = new URL(page.url()).pathname;
		const photoUrl = (await photos.first().getAttribute('src'))!;
		expect(photoUrl).toMatch(/^\/files\/repair\//);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: 'test-results/resident-repair-case-phone.png', fullPage: true });

		await page.getByRole('link', { name: words.repairs_resident_list_title }).click();
		await expect(page.getByRole('link', { name: new RegExp(reference) })).toBeVisible();

		// The flat's owner (resident003, the renter's landlord) reaches neither the case nor its photo,
		// and does not find it in their list: the case belongs to the renter's occupancy.
		const landlord = await browser.newContext();
		const owner = await landlord.newPage();
		await signIn(owner, 'resident003@example.test');
		expect((await owner.goto(caseUrl))?.status()).toBe(404);
		expect((await owner.request.get(photoUrl)).status()).toBe(404);
		await owner.goto('/app/repairs');
		await expect(owner.getByText(reference)).toHaveCount(0);
		await landlord.close();
	}
);

test(
	'an HEIC photo the browser cannot read goes up as it is and comes back with the message at the photo field',
	{ tag: '@phone' },
	async ({ page }) => {
		await signIn(page, resident);
		await page.goto('/app/repairs/new');
		await describeLeak(page);
		await page
			.locator('input[type="file"][name="photos"]')
			.setInputFiles([{ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from(fakeHeic()) }]);
		await expect(page.getByRole('list', { name: fill(words.repairs_resident_photos_chosen!, { count: 1, max: 6 }) })).toContainText(
			'IMG_0001.HEIC'
		);
		await page.getByLabel(words.repairs_resident_call_me!).check();
		await page.getByRole('button', { name: words.repairs_resident_submit }).click();
		const message = page.locator('#repair-photos-error');
		await expect(message).toHaveText(fill(files.files_heic!, { name: 'IMG_0001.HEIC' }));
		await expect(page.locator('#repair-photos')).toHaveAttribute('aria-describedby', /repair-photos-error/);
		await expect(page.getByRole('alert').first()).toContainText(common.form_fix_errors!);
		await expect(page).toHaveURL(/\/app\/repairs\/new$/);
		// The chosen photo is still there to remove; the typed text too.
		await expect(page.getByLabel(words.repairs_resident_description!)).toHaveValue('Water drips from the pipe under the kitchen sink.');
	}
);

test(
	'what a resident enters before the page has loaded its JavaScript (a slow phone) is kept, photos included, and filed',
	{ tag: '@phone' },
	async ({ page }) => {
		await signIn(page, resident);
		// Hold the page's JavaScript back until the form is filled in, as a slow connection would.
		let release!: () => void;
		const loaded = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await loaded;
			await route.continue();
		});
		await page.goto('/app/repairs/new', { waitUntil: 'commit' });
		await describeLeak(page);
		await page.getByLabel(words.repairs_resident_call_me!).check();
		await page
			.locator('input[type="file"][name="photos"]')
			.setInputFiles([{ name: 'crack.png', mimeType: 'image/png', buffer: Buffer.from(await smallPng()) }]);
		release();

		// Hydrated: the photo chosen early is taken up (its thumbnail list appears), and nothing was reset.
		await expect(
			page
				.getByRole('list', { name: fill(words.repairs_resident_photos_chosen!, { count: 1, max: 6 }) })
				.getByRole('img', { name: 'crack.png' })
		).toBeVisible();
		await expect(page.getByLabel(words.repairs_resident_kind!).locator('option:checked')).toHaveText('Water pipes / leak');
		await expect(page.getByLabel(words.repairs_resident_where_unit!)).toHaveValue('Kitchen sink');
		await expect(page.getByLabel(words.repairs_resident_call_me!)).toBeChecked();
		await page.getByRole('button', { name: words.repairs_resident_submit }).click();
		await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/);
		await expect(page.getByRole('img', { name: /^Photo \d$/ }).first()).toBeVisible();
	}
);

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test(
		'the plain form files a repair; a refused post keeps the text and asks for the photos again',
		{ tag: '@phone' },
		async ({ page }) => {
			test.slow();
			const camera = { name: 'IMG_3001.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg() };
			await signIn(page, resident);
			await page.goto('/app/repairs/new');
			await page.getByLabel(words.repairs_resident_description!).fill('Leak');
			await page.getByLabel(words.repairs_resident_photos!).setInputFiles([camera]);
			await page.getByRole('button', { name: words.repairs_resident_submit }).click();

			await expect(page).toHaveURL(/\/app\/repairs\/new/);
			await expect(page.locator('#repair-kindId-error')).toHaveText(messages('repairs').repairs_kind_required!);
			await expect(page.locator('#repair-description-error')).toHaveText(messages('repairs').repairs_description_short!);
			await expect(page.locator('#repair-slotId-error')).toHaveText(messages('repairs').repairs_slot_required!);
			await expect(page.getByText(fill(words.repairs_resident_photos_lost!, { count: 1 }))).toBeVisible();
			await expect(page.getByLabel(words.repairs_resident_description!)).toHaveValue('Leak');
			await page.screenshot({ path: 'test-results/resident-repair-nojs-errors-phone.png', fullPage: true });

			await describeLeak(page);
			await page.getByLabel(words.repairs_resident_photos!).setInputFiles([camera]);
			await page.getByLabel(words.repairs_resident_call_me!).check();
			await page.getByRole('button', { name: words.repairs_resident_submit }).click();
			await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/);
			await expect(page.getByRole('heading', { level: 1, name: 'Water pipes / leak' })).toBeVisible();
			await expect(page.getByText(words.repairs_resident_no_appointment!)).toBeVisible();
			await expect(page.getByRole('img', { name: 'Photo 1' }).first()).toBeVisible();
			await page.screenshot({ path: 'test-results/resident-repair-nojs-case-phone.png', fullPage: true });

			// A message with a photo, from the case's own comment page: an empty one is refused at the field.
			await page.getByRole('link', { name: words.repairs_resident_comment_open }).click();
			await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\/comment$/);
			await page.getByRole('button', { name: words.repairs_resident_comment_submit }).click();
			await expect(page.locator('#comment-text-error')).toHaveText(messages('repairs').repairs_comment_empty!);
			await page.getByLabel(words.repairs_resident_comment_label!).fill('It drips faster at night.');
			await page.getByLabel(words.repairs_resident_comment_photos!).setInputFiles([camera]);
			await page.getByRole('button', { name: words.repairs_resident_comment_submit }).click();
			await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?done=comment$/);
			await expect(page.getByRole('status').filter({ hasText: words.repairs_resident_done_comment! })).toBeVisible();
			await expect(page.getByText('It drips faster at night.')).toBeVisible();
			// The resident's photos are now two: the one filed and the one sent with the message.
			await expect(page.getByRole('img', { name: 'Photo 2' }).first()).toBeVisible();
		}
	);
});

test(
	'the case page sends no JavaScript; its comment page shrinks a camera photo before sending it',
	{ tag: '@phone' },
	async ({ page }) => {
		test.slow();
		const camera = { name: 'IMG_3002.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg() };
		await recordUploads(page);
		await signIn(page, resident);
		await page.goto('/app/repairs/new');
		await describeLeak(page);
		await page.getByLabel(words.repairs_resident_call_me!).check();
		await page.getByRole('button', { name: words.repairs_resident_submit }).click();
		await expect(page).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/);
		const caseUrl = page.url().replace(/\?.*$/, '');

		const scripts: string[] = [];
		page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(request.url())));
		await page.goto(caseUrl);
		expect(scripts).toEqual([]);

		await page.getByRole('link', { name: words.repairs_resident_comment_open }).click();
		await expect(page).toHaveURL(`${caseUrl}/comment`);
		await page.getByLabel(words.repairs_resident_comment_label!).fill('A photo of the drip.');
		await page.getByLabel(words.repairs_resident_comment_photos!).setInputFiles([camera]);
		await page.getByRole('button', { name: words.repairs_resident_comment_submit }).click();
		// The phone decodes and re-encodes a 4 MB photo before the post, and the server checks the
		// image: on a busy CI machine (vitest beside the journeys) that takes longer than 5 s.
		await expect(page).toHaveURL(`${caseUrl}?done=comment`, { timeout: 20_000 });
		// Shrunk in the browser: far below the 4 MB the camera made.
		const uploads = await uploadsOf(page);
		expect(uploads.map((u) => [u.key, u.name, u.type])).toEqual([['photos', 'IMG_3002.jpg', 'image/jpeg']]);
		expect(uploads[0]!.size).toBeLessThan(1024 * 1024);
		await expect(page.getByText('A photo of the drip.')).toBeVisible();
		await expect(page.getByRole('img', { name: 'Photo 1' }).first()).toBeVisible();
		await page.screenshot({ path: 'test-results/resident-repair-comment-done-phone.png', fullPage: true });
	}
);

/** The English words of this feature's own labels, to find any left on a Chinese page. */
const englishWords: string[] = (() => {
	const texts = Object.values(words)
		.flatMap((text) => text.split(/\{\w+\}/))
		.map((part) => part.trim());
	return [...new Set(texts.filter((part) => /[A-Za-z]{3,}/.test(part)))];
})();

for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
	test.describe(() => {
		test.use({ locale });

		test(`the repair list and form read fully in ${locale}`, { tag: '@phone' }, async ({ page }) => {
			const localWords = messages('repairs-resident', locale);
			await signIn(page, resident, { locale });
			for (const path of ['/app/repairs', '/app/repairs/new']) {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				const text = await page.evaluate(() =>
					[
						document.body.innerText,
						...[...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') ?? '')
					].join('\n')
				);
				const left = englishWords.filter((label) =>
					new RegExp(`(?<![A-Za-z])${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).test(text)
				);
				expect(left, `English labels on ${path}`).toEqual([]);
			}
			await expect(page.getByRole('heading', { level: 1, name: localWords.repairs_resident_new_title })).toBeVisible();
			await page.screenshot({ path: `test-results/resident-repair-form-${locale}.png`, fullPage: true });
		});
	});
}

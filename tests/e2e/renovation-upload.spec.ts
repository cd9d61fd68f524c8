import { expect, test, type Request } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { acme } from '../../src/lib/server/seed/demo-data.ts';
import { RESUMABLE_CHUNK_BYTES } from '../../src/lib/files/resumable.ts';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('renovations');
const fileWords = messages('files');
const MB = 1024 * 1024;

/**
 * A 40 MB drawing: three sheets, and 40 MB of data in an object no page uses (a PDF can carry
 * anything; the size is what matters here), uncompressed so the file really is that big.
 */
async function bigDrawing(): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A3', layout: 'landscape', compress: false });
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise((resolve) => doc.on('end', resolve));
	for (let sheet = 1; sheet <= 3; sheet++) {
		if (sheet > 1) doc.addPage();
		doc.rect(30, 30, 1130, 780).stroke();
		doc.fontSize(36).text(`Acme 12F fit-out, sheet ${sheet} of 3`, 60, 60);
	}
	const ballast = doc.ref({});
	ballast.end(Buffer.alloc(40 * MB, 0x20));
	doc.end();
	await done;
	return Buffer.concat(chunks);
}

test.describe('@phone renovation documents', () => {
	test('a 40 MB drawing goes up with a progress bar on a slow connection, resumes after the connection is cut, and the form keeps its choice', async ({
		page,
		context
	}) => {
		test.setTimeout(150_000);
		await signIn(page, acme.members[0]!.email);
		await page.goto('/app/renovations');
		await page.locator('main a[href^="/app/renovations/"]').first().click();
		await page.getByRole('link', { name: words.renovations_documents_add }).click();
		await expect(page.getByRole('heading', { name: words.renovations_upload_title })).toBeVisible();
		// The page is never reloaded during the upload: this mark would be gone.
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

		const drawing = await bigDrawing();
		expect(drawing.byteLength).toBeGreaterThan(40 * MB);

		// Every chunk the page sends: where in the file it starts, and (a chunk being at most
		// RESUMABLE_CHUNK_BYTES) how many bytes it carries.
		const patches: { offset: number; bytes: number; at: number }[] = [];
		page.on('request', (request: Request) => {
			if (request.method() !== 'PATCH' || !request.url().includes('/uploads/')) return;
			const offset = Number(request.headers()['upload-offset']);
			expect(Number.isInteger(offset)).toBe(true);
			patches.push({ offset, bytes: Math.min(RESUMABLE_CHUNK_BYTES, drawing.byteLength - offset), at: Date.now() });
		});

		// A phone on a slow uplink: about 3 MB/s up.
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		const slow = { offline: false, latency: 40, downloadThroughput: 10 * MB, uploadThroughput: 3 * MB };
		await cdp.send('Network.emulateNetworkConditions', slow);

		await page.getByLabel(words.renovations_upload_kind!).selectOption('drawing');
		await page.getByLabel(words.renovations_upload_file!, { exact: true }).setInputFiles({
			name: 'Acme-12F-fit-out.pdf',
			mimeType: 'application/pdf',
			buffer: drawing
		});
		await page.getByRole('button', { name: words.renovations_upload_button }).click();

		const progress = page.locator('progress#upload-progress');
		await expect(progress).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: /%/ })).toBeVisible();
		// Cut the connection once about a third has gone up.
		await expect
			.poll(async () => Number(await progress.getAttribute('value')) / drawing.byteLength, { timeout: 60_000, intervals: [200] })
			.toBeGreaterThan(0.35);
		const cutAt = Date.now();
		await cdp.send('Network.emulateNetworkConditions', { ...slow, offline: true });
		await expect(page.getByText(words.renovations_upload_waiting!.split('{')[0]!)).toBeVisible({ timeout: 15_000 });
		await page.waitForTimeout(1500);
		await cdp.send('Network.emulateNetworkConditions', slow);

		await expect(page.getByText(fill(words.renovations_upload_done!, { name: 'Acme-12F-fit-out.pdf' }))).toBeVisible({ timeout: 90_000 });

		// It went on from where it stopped: the first chunk after the cut started well inside the file,
		// and less than the whole file was sent after the cut.
		const after = patches.filter((p) => p.at > cutAt);
		expect(after.length).toBeGreaterThan(0);
		expect(after[0]!.offset).toBeGreaterThan(0.3 * drawing.byteLength);
		// Every byte was sent at least once: the chunks cover the file.
		expect(Math.max(...patches.map((p) => p.offset + p.bytes))).toBe(drawing.byteLength);
		const resent = after.reduce((sum, p) => sum + p.bytes, 0);
		expect(resent).toBeLessThan(drawing.byteLength);
		test.info().annotations.push({
			type: 'resume',
			description: `resumed at ${(after[0]!.offset / MB).toFixed(1)} MB; ${(resent / MB).toFixed(1)} of ${(drawing.byteLength / MB).toFixed(1)} MB sent after the cut`
		});

		// The three sheets are listed; the form kept its choice and the page was never reloaded.
		for (const sheet of [1, 2, 3]) await expect(page.getByText(fill(words.renovations_sheet!, { sheet })).first()).toBeVisible();
		await expect(page.getByLabel(words.renovations_upload_kind!)).toHaveValue('drawing');
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
		await page.screenshot({ path: 'test-results/renovation-upload-phone.png', fullPage: true });
	});

	test('a file that is not what its name says, a renamed program and an empty file are refused at the field before sending', async ({
		page
	}) => {
		await signIn(page, acme.members[0]!.email);
		await page.goto('/app/renovations');
		await page.locator('main a[href^="/app/renovations/"]').first().click();
		await page.getByRole('link', { name: words.renovations_documents_add }).click();
		const file = page.getByLabel(words.renovations_upload_file!, { exact: true });
		const upload = page.getByRole('button', { name: words.renovations_upload_button });
		const cases = [
			{
				name: 'plan.pdf',
				buffer: Buffer.from('These are not drawings'),
				says: fill(fileWords.files_document_wrong_type!, { name: 'plan.pdf', types: 'PDF, PNG, JPEG, DWG, DXF' })
			},
			{
				name: 'setup.pdf',
				buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
				says: fill(fileWords.files_document_program!, { name: 'setup.pdf' })
			},
			{ name: 'empty.pdf', buffer: Buffer.alloc(0), says: fill(fileWords.files_document_empty!, { name: 'empty.pdf' }) }
		];
		for (const { name, buffer, says } of cases) {
			await file.setInputFiles({ name, mimeType: 'application/pdf', buffer });
			await upload.click();
			await expect(page.locator('#upload-file-error')).toHaveText(says);
			await expect(file).toHaveAttribute('aria-invalid', 'true');
		}
	});
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { FileInputError } from './errors.ts';
import { acceptPhoto, acceptPhotos, photoLimits } from './photos.ts';
import { fakeHeic, file, phoneJpeg, pngClaiming, smallPng } from './test-images.ts';

async function refusal(promise: Promise<unknown>): Promise<FileInputError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(FileInputError);
	return error as FileInputError;
}

describe('an accepted phone photo', () => {
	it('is turned upright, shrunk to a 2048 px long side and stripped of EXIF and GPS', async () => {
		const input = await phoneJpeg();
		const before = await sharp(input).metadata();
		expect([before.width, before.height, before.orientation]).toEqual([4000, 3000, 6]);
		expect(before.exif?.includes(Buffer.from('Lobbyphone'))).toBe(true);

		const photo = await acceptPhoto(file(input, 'IMG_0001.JPG'));

		// Orientation 6 means "rotate 90° clockwise to view": the upright image is portrait.
		expect([photo.width, photo.height]).toEqual([1536, 2048]);
		const after = await sharp(photo.data).metadata();
		expect(after).toMatchObject({ format: 'jpeg', width: 1536, height: 2048 });
		expect(after.exif).toBeUndefined();
		expect(after.orientation).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(after.iptc).toBeUndefined();
		const raw = Buffer.from(photo.data);
		for (const trace of ['Exif', 'Lobbyphone', 'GPS']) expect(raw.includes(Buffer.from(trace))).toBe(false);

		// Red is the top of the scene, blue the bottom.
		const { data } = await sharp(photo.data).resize(2, 2, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
		const [r0, , b0] = data.subarray(0, 3);
		const [r1, , b1] = data.subarray(6, 9);
		expect(r0! > b0!).toBe(true);
		expect(b1! > r1!).toBe(true);
	});

	it('reports size, dimensions and a SHA-256 of the stored bytes', async () => {
		const photo = await acceptPhoto(file(await smallPng(), 'screenshot.png', 'image/png'));
		expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 300, height: 200, bytes: photo.data.byteLength });
		const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(photo.data))).toString('hex');
		expect(photo.sha256).toBe(digest);
	});

	it('keeps small images at their size and puts transparency on white', async () => {
		const photo = await acceptPhoto(file(await smallPng({ alpha: true }), 'clear.png', 'image/png'));
		expect([photo.width, photo.height]).toEqual([300, 200]);
		const { data } = await sharp(photo.data).raw().toBuffer({ resolveWithObject: true });
		expect(Math.min(...data.subarray(0, 3))).toBeGreaterThan(240);
	});
});

describe('a refused upload', () => {
	it('is a 0-byte file', async () => {
		const error = await refusal(acceptPhoto(file('', 'photo.jpg')));
		expect(error.code).toBe('empty');
		expect(error.message).toContain('photo.jpg');
	});

	it('is an HTML page named photo.jpg with an image type', async () => {
		const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
		const error = await refusal(acceptPhoto(file(html, 'photo.jpg', 'image/jpeg')));
		expect(error.code).toBe('not_image');
		expect(error.message).toMatch(/“photo\.jpg” is not a photo/);
	});

	it('is an iPhone HEIC this build cannot decode, with advice what to send instead', async () => {
		const error = await refusal(acceptPhoto(file(fakeHeic(), 'IMG_4242.HEIC', 'image/heic')));
		expect(error.code).toBe('heic');
		expect(error.message).toContain('Most Compatible');
		expect(error.message).toContain('JPEG');
	});

	it('is a 30000×30000 PNG, refused from its header without decoding it', async () => {
		const bomb = pngClaiming(30_000, 30_000);
		expect(bomb.byteLength).toBeLessThan(2_000);
		const heapBefore = process.memoryUsage().rss;
		const started = performance.now();
		const error = await refusal(acceptPhoto(file(bomb, 'huge.png', 'image/png')));
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(process.memoryUsage().rss - heapBefore).toBeLessThan(100 * 1024 * 1024);
		expect(error.code).toBe('too_many_pixels');
		expect(error.message).toContain('30000 × 30000');
	});

	it('is a file over 15 MB, refused by its size before it is read', async () => {
		const big = new Uint8Array(16 * 1024 * 1024);
		big.set([0xff, 0xd8, 0xff]);
		const error = await refusal(acceptPhoto(file(big, 'raw.jpg')));
		expect(error.code).toBe('too_large');
		expect(error.message).toBe('“raw.jpg” is 16.0 MB; a photo may be at most 15 MB.');
		const thirty = await refusal(acceptPhoto(file(new Uint8Array(30 * 1024 * 1024), 'video.jpg')));
		expect(thirty.code).toBe('too_large');
	});

	it('is a truncated JPEG', async () => {
		const whole = await phoneJpeg({ width: 800, height: 600 });
		const error = await refusal(acceptPhoto(file(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.jpg')));
		expect(error.code).toBe('corrupt');
	});

	it('is a JPEG whose body is garbage after a valid signature', async () => {
		const junk = new Uint8Array(5000).fill(0x41);
		junk.set([0xff, 0xd8, 0xff, 0xe0]);
		expect((await refusal(acceptPhoto(file(junk, 'junk.jpg')))).code).toBe('corrupt');
	});

	it('names a nameless file by its position', async () => {
		const error = await refusal(acceptPhoto(file('<html>', ''), 3));
		expect(error.message).toContain('Photo 3');
	});
});

describe('several photos', () => {
	it('are all accepted in order, skipping an empty file input', async () => {
		const png = await smallPng();
		const photos = await acceptPhotos([file(png, 'a.png'), file('', ''), file(png, 'b.png')]);
		expect(photos).toHaveLength(2);
	});

	it('are refused as a whole when there are 7 of at most 6, before any is decoded', async () => {
		const seven = Array.from({ length: 7 }, (_, i) => file('not even an image', `p${i}.jpg`));
		const error = await refusal(acceptPhotos(seven, { max: photoLimits.maxPhotos }));
		expect(error.code).toBe('too_many');
		expect(error.message).toBe('You can attach at most 6 photos; you chose 7.');
	});

	it('are refused as a whole when one of them is bad, naming that one', async () => {
		const png = await smallPng();
		const error = await refusal(acceptPhotos([file(png, 'ok.png'), file('', 'blank.jpg')]));
		expect(error.code).toBe('empty');
		expect(error.message).toContain('blank.jpg');
	});
});

describe('refusal messages', () => {
	it('are in the language of the request', async () => {
		const inLocale = (locale: string) =>
			paraglideMiddleware(
				new Request('http://lobby.test/', { headers: { cookie: `PARAGLIDE_LOCALE=${locale}` } }),
				async () => new Response((await refusal(acceptPhoto(file('', 'a.jpg')))).message)
			).then((r) => r.text());
		expect(await inLocale('zh-Hant')).toBe('「a.jpg」是空檔案（0 位元組），請重新選擇相片。');
		expect(await inLocale('zh-Hans')).toBe('“a.jpg”是空文件（0 字节），请重新选择照片。');
		const heic = await paraglideMiddleware(
			new Request('http://lobby.test/', { headers: { cookie: 'PARAGLIDE_LOCALE=zh-Hant' } }),
			async () => new Response((await refusal(acceptPhoto(file(fakeHeic(), 'x.heic')))).message)
		).then((r) => r.text());
		expect(heic).toContain('最相容');
	});
});

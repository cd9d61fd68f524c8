import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { files, users } from '../db/schema/index.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { storage, useStorage } from '../storage/configured.ts';
import { acceptPhoto, type AcceptedPhoto } from './photos.ts';
import { reapOrphanFiles, serveFile, storePhoto } from './service.ts';
import { file, phoneJpeg } from './test-images.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let photo: AcceptedPhoto;
let uploader: { userId: string };

beforeEach(async () => {
	fs.rmSync(dir, { recursive: true, force: true });
	useStorage(localDirectoryStorage(dir));
	photo ??= await acceptPhoto(file(await phoneJpeg({ width: 1200, height: 900 }), 'IMG_1.JPG'));
	const [user] = await db()
		.insert(users)
		.values({ email: `r${crypto.randomUUID()}@example.test`, name: 'Resident', kind: 'resident' })
		.returning();
	uploader = { userId: user!.id };
});

async function storedKeys(): Promise<string[]> {
	const keys = [];
	for await (const entry of storage().list()) keys.push(entry.key);
	return keys;
}

const repair = { type: 'repair', id: 'R-1001' };

describe('storing a photo', () => {
	it('writes the bytes under a random key and records what they are and whose', async () => {
		const row = await db().transaction((tx) => storePhoto(tx, uploader, photo, repair));
		expect(row).toMatchObject({
			contentType: 'image/jpeg',
			bytes: photo.bytes,
			width: 900,
			height: 1200,
			sha256: photo.sha256,
			subjectType: 'repair',
			subjectId: 'R-1001',
			uploadedBy: uploader.userId
		});
		expect(row.storageKey).toMatch(/^[a-z2-9]{26}$/);
		expect(row.storageKey).not.toContain('IMG');
		const stored = await storage().get(row.storageKey);
		expect(new Uint8Array(await new Response(stored!.body).arrayBuffer())).toEqual(photo.data);
	});

	it('removes the bytes again when the row cannot be written', async () => {
		const nobody = { userId: crypto.randomUUID() };
		await expect(db().transaction((tx) => storePhoto(tx, nobody, photo, repair))).rejects.toThrow();
		expect(await storedKeys()).toEqual([]);
		expect(await db().select().from(files).where(eq(files.uploadedBy, nobody.userId))).toEqual([]);
	});

	it('leaves bytes of a rolled-back transaction to the reaper, which spares recorded files', async () => {
		const kept = await db().transaction((tx) => storePhoto(tx, uploader, photo, repair));
		await expect(
			db().transaction(async (tx) => {
				await storePhoto(tx, uploader, photo, { type: 'repair', id: 'R-1002' });
				throw new Error('the repair could not be saved');
			})
		).rejects.toThrow('could not be saved');
		expect(await storedKeys()).toHaveLength(2);

		// Within the grace period nothing goes: the transaction might still be open.
		expect(await reapOrphanFiles()).toBe(0);
		expect(await reapOrphanFiles({ now: new Date(Date.now() + 25 * 60 * 60 * 1000) })).toBe(1);
		expect(await storedKeys()).toEqual([kept.storageKey]);
	});
});

describe('serving a file', () => {
	it('answers the bytes with their type, a server-made name, nosniff and private caching', async () => {
		const row = await db().transaction((tx) => storePhoto(tx, uploader, photo, repair));
		const response = await serveFile(row);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		expect(response.headers.get('content-disposition')).toBe(`inline; filename="photo-${row.id.slice(0, 8)}.jpg"`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
		expect(response.headers.get('content-length')).toBe(String(photo.bytes));
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(photo.data);
	});

	it('answers 304 to a browser that already holds the same bytes', async () => {
		const row = await db().transaction((tx) => storePhoto(tx, uploader, photo, repair));
		const etag = (await serveFile(row)).headers.get('etag')!;
		const again = await serveFile(row, new Request('http://lobby.test/', { headers: { 'if-none-match': etag } }));
		expect(again.status).toBe(304);
	});

	it('answers 404 when the bytes are gone', async () => {
		const row = await db().transaction((tx) => storePhoto(tx, uploader, photo, repair));
		await storage().delete(row.storageKey);
		await expect(serveFile(row)).rejects.toMatchObject({ status: 404 });
	});
});

/**
 * The storage suite: every backend keeps the FileStorage contract the same way — the local
 * directory (the embedded default) and an S3-compatible bucket (STORAGE=s3), the latter against a
 * local S3 server started here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../../../tests/s3-server.ts';
import { localDirectoryStorage } from './local-directory.ts';
import { PART_SIZE, s3Client, s3Storage } from './s3.ts';
import { newStorageKey, type FileStorage } from './storage.ts';

const read = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

let dir: string;
let s3: LocalS3;
/** The commands the S3 client sent, in order (to see a multipart upload happen). */
const sent: string[] = [];

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-storage-'));
	s3 = await startLocalS3();
});
afterAll(async () => {
	fs.rmSync(dir, { recursive: true, force: true });
	await s3?.close();
});

function s3Backend() {
	const client = s3Client(s3.settings);
	client.middlewareStack.add(
		(next, context) => (args) => {
			sent.push(String(context.commandName));
			return next(args);
		},
		{ step: 'initialize' }
	);
	return s3Storage(s3.settings, client);
}

const backends: [string, () => FileStorage][] = [
	['local directory', () => localDirectoryStorage(dir)],
	['S3-compatible bucket', s3Backend]
];

describe.each(backends)('%s storage', (_name, backend) => {
	it('stores, reads back and deletes bytes; deleting a missing key is no error', async () => {
		const storage = backend();
		const key = newStorageKey();
		const bytes = new TextEncoder().encode('hello, lobby 你好');
		await storage.put(key, bytes, 'text/plain');
		const stored = await storage.get(key);
		expect(stored?.size).toBe(bytes.length);
		expect(await read(stored!.body)).toEqual(bytes);

		await storage.delete(key);
		expect(await storage.get(key)).toBeNull();
		await expect(storage.delete(key)).resolves.toBeUndefined();
	});

	it('answers null for a key that was never stored', async () => {
		expect(await backend().get(newStorageKey())).toBeNull();
	});

	it('replaces an object whole', async () => {
		const storage = backend();
		const key = newStorageKey();
		await storage.put(key, new Uint8Array(100_000).fill(1), 'application/octet-stream');
		await storage.put(key, new Uint8Array(10).fill(2), 'application/octet-stream');
		expect(await read((await storage.get(key))!.body)).toEqual(new Uint8Array(10).fill(2));
	});

	it('refuses anything that is not a storage key, so nothing escapes its directory or prefix', async () => {
		const storage = backend();
		await expect(storage.put('../../escape', new Uint8Array(1), 'text/plain')).rejects.toThrow(/storage key/);
		await expect(storage.get('../x')).rejects.toThrow(/storage key/);
		await expect(storage.delete('..')).rejects.toThrow(/storage key/);
	});

	it('lists what it holds with write times (what the orphan reaper walks)', async () => {
		const storage = backend();
		const keys = [newStorageKey(), newStorageKey(), newStorageKey()];
		for (const key of keys) await storage.put(key, new Uint8Array([1]), 'image/jpeg');
		const listed = [];
		for await (const entry of storage.list()) listed.push(entry);
		expect(listed.map((e) => e.key)).toEqual(expect.arrayContaining(keys));
		expect(listed.every((e) => e.modifiedAt instanceof Date && e.modifiedAt.getTime() > Date.now() - 60_000)).toBe(true);
	});
});

describe('what a crash leaves half-written', () => {
	it('in a directory, a temporary file is removed once old enough, and no stored object with it', async () => {
		const storage = localDirectoryStorage(dir);
		const key = newStorageKey();
		await storage.put(key, new Uint8Array([1, 2, 3]), 'image/jpeg');
		const shard = path.join(dir, key.slice(0, 2), key.slice(2, 4));
		const temp = path.join(shard, `${key}.abcdefgh.tmp`);
		fs.writeFileSync(temp, 'half a photo');
		expect(await storage.reapPartial(new Date(Date.now() - 60_000))).toBe(0);
		expect(await storage.reapPartial(new Date(Date.now() + 1000))).toBe(1);
		expect(fs.existsSync(temp)).toBe(false);
		expect(await storage.get(key)).not.toBeNull();
	});

	it('in a bucket, the sweep does not fail where the server cannot list unfinished uploads (s3rver; its lifecycle rule sweeps them)', async () => {
		const client = s3Client(s3.settings);
		const Key = `${s3.settings.prefix}${newStorageKey()}`;
		const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.settings.bucket, Key }));
		await client.send(new UploadPartCommand({ Bucket: s3.settings.bucket, Key, UploadId, PartNumber: 1, Body: new Uint8Array(1024) }));
		expect(await s3Storage(s3.settings, client).reapPartial(new Date(Date.now() + 1000))).toBe(0);
		// The unfinished upload is no object: nothing lists it, nothing reads it.
		const listed = [];
		for await (const entry of s3Storage(s3.settings, client).list()) listed.push(entry.key);
		expect(listed).not.toContain(Key.slice(s3.settings.prefix.length));
	});
});

describe('S3-compatible bucket storage', () => {
	it('sends a 40 MB drawing as a multipart upload in 8 MiB parts and reads it back byte for byte', async () => {
		const storage = s3Backend();
		const key = newStorageKey();
		const drawing = new Uint8Array(40 * 1000 * 1000);
		for (let i = 0; i < drawing.length; i += 4096) drawing[i] = (i / 4096) % 251;
		sent.length = 0;
		await storage.put(key, drawing, 'application/acad');

		expect(sent[0]).toBe('CreateMultipartUploadCommand');
		expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(Math.ceil(drawing.length / PART_SIZE));
		expect(sent.at(-1)).toBe('CompleteMultipartUploadCommand');
		const stored = await storage.get(key);
		expect(stored?.size).toBe(drawing.length);
		expect(Buffer.from(await read(stored!.body)).equals(Buffer.from(drawing))).toBe(true);
	}, 60_000);

	it('sends a photo-sized file as one PUT', async () => {
		const storage = s3Backend();
		sent.length = 0;
		await storage.put(newStorageKey(), new Uint8Array(300_000).fill(7), 'image/jpeg');
		expect(sent).toEqual(['PutObjectCommand']);
	});

	it('gives a short-lived presigned link that downloads the object with its name', async () => {
		const storage = s3Backend();
		const key = newStorageKey();
		await storage.put(key, new TextEncoder().encode('%PDF-1.7 plan'), 'application/pdf');
		const url = await storage.presignedUrl(key, '平面圖 plan.pdf', 'application/pdf');
		expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('%PDF-1.7 plan');
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDirectoryStorage } from './local-directory.ts';
import { isStorageKey, newStorageKey } from './storage.ts';

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-storage-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

describe('storage keys', () => {
	it('are 26 random symbols (130 bits) and never repeat', () => {
		const keys = new Set(Array.from({ length: 10_000 }, newStorageKey));
		expect(keys.size).toBe(10_000);
		for (const key of [...keys].slice(0, 100)) expect(key).toMatch(/^[a-z2-9]{26}$/);
	});

	it('refuse anything that could name a path', () => {
		for (const bad of ['../../etc/passwd', 'ab/cd', '', 'A'.repeat(26), newStorageKey() + '.jpg', newStorageKey().slice(1)]) {
			expect(isStorageKey(bad)).toBe(false);
		}
	});
});

describe('local directory storage', () => {
	it('stores, reads back and deletes bytes under a sharded path', async () => {
		const storage = localDirectoryStorage(dir);
		const key = newStorageKey();
		const bytes = new TextEncoder().encode('hello, lobby');
		await storage.put(key, bytes, 'text/plain');

		expect(fs.existsSync(path.join(dir, key.slice(0, 2), key.slice(2, 4), key))).toBe(true);
		const stored = await storage.get(key);
		expect(stored?.size).toBe(bytes.length);
		expect(await read(stored!.body)).toEqual(bytes);

		await storage.delete(key);
		expect(await storage.get(key)).toBeNull();
		await expect(storage.delete(key)).resolves.toBeUndefined();
	});

	it('answers null for a key that was never stored', async () => {
		expect(await localDirectoryStorage(dir).get(newStorageKey())).toBeNull();
	});

	it('leaves no temporary files behind and replaces an object whole', async () => {
		const storage = localDirectoryStorage(dir);
		const key = newStorageKey();
		await storage.put(key, new Uint8Array(100_000).fill(1), 'application/octet-stream');
		await storage.put(key, new Uint8Array(10).fill(2), 'application/octet-stream');
		const shard = path.join(dir, key.slice(0, 2), key.slice(2, 4));
		expect(fs.readdirSync(shard)).toEqual([key]);
		expect(await read((await storage.get(key))!.body)).toEqual(new Uint8Array(10).fill(2));
	});

	it('refuses keys that would escape the directory', async () => {
		const storage = localDirectoryStorage(dir);
		await expect(storage.put('../../escape', new Uint8Array(1), 'text/plain')).rejects.toThrow(/storage key/);
		await expect(storage.get('../x')).rejects.toThrow(/storage key/);
		await expect(storage.delete('..')).rejects.toThrow(/storage key/);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('lists what it holds with write times', async () => {
		const storage = localDirectoryStorage(dir);
		const keys = [newStorageKey(), newStorageKey(), newStorageKey()];
		for (const key of keys) await storage.put(key, new Uint8Array([1]), 'image/jpeg');
		const listed = [];
		for await (const entry of storage.list()) listed.push(entry);
		expect(listed.map((e) => e.key).sort()).toEqual([...keys].sort());
		expect(listed.every((e) => e.modifiedAt instanceof Date)).toBe(true);
	});

	it('will not live under static/, where everything is public', () => {
		expect(() => localDirectoryStorage(path.join(process.cwd(), 'static', 'uploads'))).toThrow(/static/);
		expect(() => localDirectoryStorage(path.join(process.cwd(), 'static'))).toThrow(/static/);
	});
});

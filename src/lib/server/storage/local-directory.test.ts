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
	// What every backend does is the storage suite's (backends.test.ts); here, what only a directory does.
	it('stores bytes under a sharded path', async () => {
		const storage = localDirectoryStorage(dir);
		const key = newStorageKey();
		await storage.put(key, new TextEncoder().encode('hello, lobby'), 'text/plain');
		expect(fs.existsSync(path.join(dir, key.slice(0, 2), key.slice(2, 4), key))).toBe(true);
	});

	it('leaves no temporary files behind when it replaces an object', async () => {
		const storage = localDirectoryStorage(dir);
		const key = newStorageKey();
		await storage.put(key, new Uint8Array(100_000).fill(1), 'application/octet-stream');
		await storage.put(key, new Uint8Array(10).fill(2), 'application/octet-stream');
		const shard = path.join(dir, key.slice(0, 2), key.slice(2, 4));
		expect(fs.readdirSync(shard)).toEqual([key]);
	});

	it('writes nothing outside itself for a key that would escape it', async () => {
		await expect(localDirectoryStorage(dir).put('../../escape', new Uint8Array(1), 'text/plain')).rejects.toThrow(/storage key/);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	it('will not live under static/, where everything is public', () => {
		expect(() => localDirectoryStorage(path.join(process.cwd(), 'static', 'uploads'))).toThrow(/static/);
		expect(() => localDirectoryStorage(path.join(process.cwd(), 'static'))).toThrow(/static/);
	});
});

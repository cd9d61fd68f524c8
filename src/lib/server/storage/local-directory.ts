import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertStorageKey, isStorageKey, newStorageKey, type FileStorage, type StoredObject } from './storage.ts';

/** What put() writes before renaming it into place: `<key>.<8 symbols>.tmp`. */
const isTemporary = (name: string) => /^[a-z2-9]{26}\.[a-z2-9]{8}\.tmp$/.test(name);

/**
 * Files in a local directory, sharded by the first two pairs of key characters (ab/cd/abcd…)
 * so no single directory grows to millions of entries. Suits one machine or a shared volume;
 * several app servers without a shared volume need an object-store backend instead.
 */
export function localDirectoryStorage(root: string): FileStorage {
	const dir = path.resolve(root);
	const staticDir = path.resolve(process.cwd(), 'static');
	// Anything under static/ is served to everyone without a permission check.
	if (dir === staticDir || dir.startsWith(staticDir + path.sep)) {
		throw new Error(`STORAGE_DIR must not be inside static/ (got ${dir})`);
	}

	const pathOf = (key: string) => {
		assertStorageKey(key);
		return path.join(dir, key.slice(0, 2), key.slice(2, 4), key);
	};

	/** Every file two shard levels down (ab/cd/…), whatever its name. */
	async function* shardFiles(): AsyncGenerator<string> {
		if (!fs.existsSync(dir)) return;
		for (const first of await fsp.readdir(dir)) {
			const firstDir = path.join(dir, first);
			if (!(await fsp.stat(firstDir)).isDirectory()) continue;
			for (const second of await fsp.readdir(firstDir)) {
				const secondDir = path.join(firstDir, second);
				if (!(await fsp.stat(secondDir)).isDirectory()) continue;
				for (const name of await fsp.readdir(secondDir)) yield path.join(secondDir, name);
			}
		}
	}

	return {
		async put(key, bytes) {
			const target = pathOf(key);
			await fsp.mkdir(path.dirname(target), { recursive: true });
			// Write beside the target and rename: a crash or a concurrent reader never sees a
			// half-written file, and rename within one directory is atomic.
			const temp = `${target}.${newStorageKey().slice(0, 8)}.tmp`;
			const handle = await fsp.open(temp, 'wx', 0o600);
			try {
				await handle.writeFile(bytes);
				await handle.datasync();
			} catch (cause) {
				await handle.close().catch(() => {});
				await fsp.rm(temp, { force: true });
				throw cause;
			}
			await handle.close();
			try {
				await fsp.rename(temp, target);
			} catch (cause) {
				await fsp.rm(temp, { force: true });
				throw cause;
			}
		},

		async get(key): Promise<StoredObject | null> {
			let handle: fsp.FileHandle;
			try {
				handle = await fsp.open(pathOf(key), 'r');
			} catch (cause) {
				if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw cause;
			}
			const { size } = await handle.stat();
			// The open handle keeps reading the same file even if it is deleted meanwhile.
			const stream = handle.createReadStream();
			return { size, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
		},

		async delete(key) {
			await fsp.rm(pathOf(key), { force: true });
		},

		async reapPartial(before) {
			let removed = 0;
			for await (const file of shardFiles()) {
				if (!isTemporary(path.basename(file))) continue;
				const stat = await fsp.stat(file).catch(() => null);
				if (stat && stat.mtime < before) {
					await fsp.rm(file, { force: true });
					removed++;
				}
			}
			return removed;
		},

		async *list() {
			for await (const file of shardFiles()) {
				const name = path.basename(file);
				// A *.tmp left by a process killed mid-write is not a key: reapPartial removes it.
				if (!isStorageKey(name)) continue;
				const stat = await fsp.stat(file).catch(() => null);
				if (stat?.isFile()) yield { key: name, modifiedAt: stat.mtime };
			}
		}
	};
}

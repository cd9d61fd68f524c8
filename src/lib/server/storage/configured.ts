import path from 'node:path';
import { localDirectoryStorage } from './local-directory.ts';
import type { FileStorage } from './storage.ts';

let current: FileStorage | undefined;

/** The app's storage backend: a local directory, STORAGE_DIR (default ./data/files). */
export function storage(): FileStorage {
	current ??= localDirectoryStorage(process.env.STORAGE_DIR ?? path.join(process.cwd(), 'data', 'files'));
	return current;
}

/** Tests (and a future object-store backend) install their own. */
export function useStorage(backend: FileStorage): void {
	current = backend;
}

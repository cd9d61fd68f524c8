import { localDirectoryStorage } from './local-directory.ts';
import type { FileStorage } from './storage.ts';
import { config } from '../config.ts';

let current: FileStorage | undefined;

/** The app's storage backend: a local directory, STORAGE_DIR (default ./data/files). */
export function storage(): FileStorage {
	current ??= localDirectoryStorage(config().storageDir);
	return current;
}

/** Tests (and a future object-store backend) install their own. */
export function useStorage(backend: FileStorage): void {
	current = backend;
}

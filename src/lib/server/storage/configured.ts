import { localDirectoryStorage } from './local-directory.ts';
import { s3Storage } from './s3.ts';
import type { FileStorage } from './storage.ts';
import { config } from '../config.ts';

let current: FileStorage | undefined;

/** The app's storage backend: a local directory (STORAGE_DIR, default ./data/files) or, with STORAGE=s3, a bucket. */
export function storage(): FileStorage {
	if (!current) {
		const settings = config().storage;
		current = settings.kind === 's3' ? s3Storage(settings) : localDirectoryStorage(settings.dir);
	}
	return current;
}

/** Tests install their own. */
export function useStorage(backend: FileStorage): void {
	current = backend;
}

/**
 * Where uploaded bytes live. The database holds what a file is (type, size, owner, subject);
 * a storage backend holds only bytes under opaque keys, so a second backend (S3-compatible)
 * can replace the local directory without touching callers.
 */
export interface FileStorage {
	/** Stores bytes under key, replacing nothing half-way: readers see all or none of them. */
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	/** The stored object, or null when there is none under this key. */
	get(key: string): Promise<StoredObject | null>;
	/** Removes the object; removing a missing key is not an error. */
	delete(key: string): Promise<void>;
	/** Every stored key with its last write time (used to reap objects no row refers to). */
	list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
	/**
	 * Removes what writes interrupted by a crash left behind, begun before `before` (a directory's
	 * temporary files, a bucket's unfinished multipart uploads); returns how many. Never a stored object.
	 */
	reapPartial(before: Date): Promise<number>;
}

export interface StoredObject {
	size: number;
	body: ReadableStream<Uint8Array>;
}

// Lower-case letters and digits without look-alikes: 32 symbols, 5 bits each.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
const keyLength = 26; // 130 bits: unguessable, so a leaked listing or log line names nothing reachable

const keyPattern = new RegExp(`^[${alphabet}]{${keyLength}}$`);

/** A fresh random key. Keys carry no names, ids or extensions a user chose. */
export function newStorageKey(): string {
	const bytes = new Uint8Array(keyLength);
	crypto.getRandomValues(bytes);
	let key = '';
	for (const byte of bytes) key += alphabet[byte >> 3];
	return key;
}

/** Backends refuse anything else, so a key can never walk out of its directory or bucket prefix. */
export function isStorageKey(key: string): boolean {
	return keyPattern.test(key);
}

export function assertStorageKey(key: string): void {
	if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key.slice(0, 40))}`);
}

import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

// Lower-case letters and digits without look-alikes (l, o, 0, 1): 32 symbols = 5 bits each.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random string of `length` symbols from a CSPRNG; 26 symbols carry 130 bits. */
export function randomString(length: number): string {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const byte of bytes) out += alphabet[byte >> 3];
	return out;
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}

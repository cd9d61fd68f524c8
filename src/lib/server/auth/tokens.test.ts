import { describe, expect, it } from 'vitest';
import { hashSecret, randomString, secretMatches } from './tokens.ts';

describe('session secrets', () => {
	it('draws at least 128 bits from a 32-symbol alphabet', () => {
		const secret = randomString(32);
		expect(secret).toMatch(/^[a-km-np-z2-9]{32}$/);
		expect(secret.length * 5).toBeGreaterThanOrEqual(128);
		expect(randomString(32)).not.toBe(secret);
	});

	it('matches only the secret whose hash is stored', () => {
		const stored = hashSecret('correct-secret');
		expect(secretMatches('correct-secret', stored)).toBe(true);
		expect(secretMatches('correct-secreu', stored)).toBe(false);
	});
});

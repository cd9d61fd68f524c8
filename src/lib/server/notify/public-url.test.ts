import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetConfig } from '../config.ts';
import { publicUrl } from './public-url.ts';

afterEach(() => {
	vi.unstubAllEnvs();
	resetConfig();
});

describe('links in mail', () => {
	it('point at ORIGIN from the configuration', () => {
		vi.stubEnv('ORIGIN', 'https://lobby.example.hk/');
		resetConfig();
		expect(publicUrl('/join?code=ABCD-EFGH-JK')).toBe('https://lobby.example.hk/join?code=ABCD-EFGH-JK');
	});
});

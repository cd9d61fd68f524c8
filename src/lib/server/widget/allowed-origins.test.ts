import { describe, expect, it } from 'vitest';
import { InputError } from '../kernel/input-error.ts';
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigins, siteOrigin } from './allowed-origins.ts';

describe('the host sites typed for a widget', () => {
	it('keeps each line as its origin, in order, skipping blank lines and folding repeats', () => {
		const text = ' https://www.example.com/ \n\nhttp://localhost:5173\r\nHTTPS://WWW.EXAMPLE.COM\nhttps://www.example.com:443';
		expect(parseAllowedOrigins(text)).toEqual(['https://www.example.com', 'http://localhost:5173']);
		expect(parseAllowedOrigins('')).toEqual([]);
	});

	it('refuses anything but an http(s) site without a path, query, fragment or credentials', () => {
		for (const line of [
			'www.example.com',
			'https://www.example.com/contact',
			'https://www.example.com/?',
			'https://www.example.com?x=1',
			'https://www.example.com#top',
			'https://user:pw@www.example.com',
			'ftp://www.example.com',
			'javascript:alert(1)',
			'*'
		])
			expect(siteOrigin(line), line).toBeNull();
	});

	it('names the line to fix, at the field', () => {
		let caught: unknown;
		try {
			parseAllowedOrigins('https://ok.example.com\nwww.example.com/contact');
		} catch (err) {
			caught = err;
		}
		expect(caught).toBeInstanceOf(InputError);
		expect(caught).toMatchObject({ field: 'allowedOrigins' });
		expect((caught as Error).message).toContain('2');
		expect((caught as Error).message).toContain('www.example.com/contact');
	});

	it(`takes at most ${MAX_ALLOWED_ORIGINS} sites once repeats are folded`, () => {
		const sites = Array.from({ length: MAX_ALLOWED_ORIGINS }, (_, i) => `https://site${i}.example.com`);
		expect(parseAllowedOrigins([...sites, sites[0]].join('\n'))).toHaveLength(MAX_ALLOWED_ORIGINS);
		expect(() => parseAllowedOrigins([...sites, 'https://one-more.example.com'].join('\n'))).toThrow(InputError);
	});
});

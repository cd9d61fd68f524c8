import { describe, expect, it } from 'vitest';
import { hasControlCharacters, stripControlCharacters } from './control-characters.ts';

describe('control characters', () => {
	it('are removed, NUL first of all', () => {
		expect(stripControlCharacters('a\u0000b')).toBe('ab');
		expect(stripControlCharacters('\u0001\u0007\u0008\u000b\u000c\u001b[31m\u007fx')).toBe('[31mx');
		expect(hasControlCharacters('a\u0000b')).toBe(true);
		expect(hasControlCharacters('a\u0000b')).toBe(true);
	});

	it('keep tab and line breaks, and every printable character of any script', () => {
		const text = 'Line 1\r\nLine 2\tcol — 水龍頭漏水 🚰 é';
		expect(stripControlCharacters(text)).toBe(text);
		expect(hasControlCharacters(text)).toBe(false);
	});
});

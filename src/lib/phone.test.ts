import { describe, expect, it } from 'vitest';
import { looksLikePhone, phoneKey } from './phone.ts';

describe('phoneKey', () => {
	it('gives a Hong Kong number the same key however it is written', () => {
		for (const typed of [
			'+852 5123 4567',
			'5123 4567',
			'5123-4567',
			'51234567',
			'85251234567',
			'+852-5123-4567',
			'(852) 5123 4567',
			'00852 5123 4567',
			'+８５２ ５１２３ ４５６７'
		])
			expect(phoneKey(typed), typed).toBe('51234567');
	});

	it('drops the mainland code before an eleven-digit mobile number only', () => {
		expect(phoneKey('+86 138 0013 8000')).toBe('13800138000');
		expect(phoneKey('86-13800138000')).toBe('13800138000');
		expect(phoneKey('138 0013 8000')).toBe('13800138000');
		// A mainland landline keeps its country code: stripping it could make it look like another number.
		expect(phoneKey('+86 10 8888 8888')).toBe('861088888888');
	});

	it('keeps other numbers whole and gives nothing for no digits', () => {
		expect(phoneKey('+44 20 7946 0958')).toBe('442079460958');
		expect(phoneKey('852')).toBe('852');
		expect(phoneKey('')).toBe('');
		expect(phoneKey('no phone')).toBe('');
	});
});

describe('looksLikePhone', () => {
	it('takes digits with separators and a leading +', () => {
		expect(looksLikePhone('+852 5123 4567')).toBe(true);
		expect(looksLikePhone('5123-4567')).toBe(true);
		expect(looksLikePhone('(852) 5123 4567')).toBe(true);
	});

	it('refuses letters, references and short numbers', () => {
		expect(looksLikePhone('12A')).toBe(false);
		expect(looksLikePhone('R000123')).toBe(false);
		expect(looksLikePhone('1203')).toBe(false);
		expect(looksLikePhone('+')).toBe(false);
	});
});

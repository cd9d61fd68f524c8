import { describe, expect, it } from 'vitest';
import { formatCode, newInvitationCode, normalizeCode } from './codes.ts';

describe('invitation codes', () => {
	it('are 10 symbols shown in groups of four', () => {
		const code = newInvitationCode();
		expect(code).toMatch(/^[a-km-np-z2-9]{10}$/);
		expect(formatCode('abcdefghjk')).toBe('ABCD-EFGH-JK');
	});

	it('are read back whatever the case, spaces and dashes', () => {
		expect(normalizeCode('ABCD-EFGH-JK')).toBe('abcdefghjk');
		expect(normalizeCode(' abcd efgh jk ')).toBe('abcdefghjk');
		expect(normalizeCode(formatCode('k2m3n4p5q6'))).toBe('k2m3n4p5q6');
	});

	it('reject what cannot be a code', () => {
		expect(normalizeCode('ABCD-EFGH-J')).toBeNull();
		expect(normalizeCode('ABCD-EFGH-JKL')).toBeNull();
		expect(normalizeCode('ABCD-EFGH-J0')).toBeNull(); // 0 is not in the alphabet
		expect(normalizeCode("'; drop table users; --")).toBeNull();
	});
});

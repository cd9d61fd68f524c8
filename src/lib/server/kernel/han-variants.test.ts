import { describe, expect, it } from 'vitest';
import { eitherScriptPattern, hanVariants, hasHanVariants } from './han-variants.ts';

describe('hanVariants', () => {
	it('pairs simplified and traditional characters both ways', () => {
		expect(hanVariants('陈').sort()).toEqual(['陈', '陳'].sort());
		expect(hanVariants('陳').sort()).toEqual(['陈', '陳'].sort());
		expect(hanVariants('发')).toEqual(expect.arrayContaining(['发', '發', '髮']));
	});

	it('leaves characters written alike, and letters, alone', () => {
		expect(hanVariants('大')).toEqual(['大']);
		expect(hanVariants('a')).toEqual(['a']);
		expect(hasHanVariants('Chan 大文')).toBe(false);
		expect(hasHanVariants('陈大文')).toBe(true);
	});
});

describe('eitherScriptPattern', () => {
	it('matches a name typed in either script against the other', () => {
		const simplified = new RegExp(eitherScriptPattern('陈大文'), 'i');
		const traditional = new RegExp(eitherScriptPattern('陳大文'), 'i');
		expect(simplified.test('Chan Tai Man 陳大文')).toBe(true);
		expect(traditional.test('陈大文')).toBe(true);
		expect(simplified.test('Chan Tai Wing 陳大榮')).toBe(false);
	});

	it('makes every typed character literal', () => {
		for (const typed of ['.*', 'a|b', '(x)', '[陈', '\\', '^$', '100%', 'a_b', "o'neil", 'x{2}', '+852']) {
			const pattern = new RegExp(eitherScriptPattern(typed));
			expect(pattern.test(typed), typed).toBe(true);
			expect(pattern.test('something else entirely'), typed).toBe(false);
		}
	});

	it('lets any run of spaces match', () => {
		expect(new RegExp(eitherScriptPattern('chan   tai'), 'i').test('Chan Tai Man')).toBe(true);
	});
});

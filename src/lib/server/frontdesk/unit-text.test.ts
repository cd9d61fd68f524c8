import { describe, expect, it } from 'vitest';
import { unitTexts } from './unit-text.ts';

const blockA = (phrase: string) => ({ code: 'A', phrase });

describe('unitTexts', () => {
	it('reads a unit number alone', () => {
		expect(unitTexts('12A')).toEqual([{ number: '12A', building: null }]);
		expect(unitTexts(' 12a ')).toEqual([{ number: '12A', building: null }]);
		expect(unitTexts('801')).toEqual([{ number: '801', building: null }]);
		expect(unitTexts('G01')).toEqual([{ number: 'G01', building: null }]);
		expect(unitTexts('１２Ａ')).toEqual([{ number: '12A', building: null }]);
	});

	it('reads the building the ways staff write it', () => {
		expect(unitTexts('A座12A')).toEqual([{ number: '12A', building: blockA('A座') }]);
		expect(unitTexts('A座 12A室')).toEqual([{ number: '12A', building: blockA('A座') }]);
		expect(unitTexts('Block A 12A')).toEqual([{ number: '12A', building: blockA('BLOCK A') }]);
		expect(unitTexts('blk A, 12A')).toEqual([{ number: '12A', building: blockA('BLK A') }]);
		expect(unitTexts('A-12A')).toEqual([{ number: '12A', building: blockA('A') }]);
		expect(unitTexts('A 12A')).toEqual([{ number: '12A', building: blockA('A') }]);
		expect(unitTexts('T1-801')).toEqual([{ number: '801', building: { code: 'T1', phrase: 'T1' } }]);
		expect(unitTexts('Tower 1 801')).toEqual([{ number: '801', building: { code: '1', phrase: 'TOWER 1' } }]);
	});

	it('reads floor and flat as the unit number', () => {
		expect(unitTexts('A座12樓A室')).toContainEqual({ number: '12A', building: blockA('A座') });
		expect(unitTexts('12/F A')).toContainEqual({ number: '12A', building: null });
	});

	it('gives both readings of text that has two', () => {
		expect(unitTexts('A12A')).toEqual(
			expect.arrayContaining([
				{ number: '12A', building: blockA('A') },
				{ number: 'A12A', building: null }
			])
		);
	});

	it('finds no unit in names, emails, phone numbers or nothing', () => {
		for (const typed of ['', 'Chan Tai Man', '陳大文', 'chan@example.test', '+852 5123 4567', 'BLOCK', 'a'.repeat(50)])
			expect(unitTexts(typed), typed).toEqual([]);
	});
});

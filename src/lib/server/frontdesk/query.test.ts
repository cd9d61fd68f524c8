import { describe, expect, it } from 'vitest';
import { readFindQuery, type FindQuery } from './query.ts';

const read = (typed: string) => readFindQuery(typed) as FindQuery;

describe('readFindQuery', () => {
	it('says when there is nothing, or too little, to look for', () => {
		expect(readFindQuery('')).toBe('empty');
		expect(readFindQuery('   ')).toBe('empty');
		expect(readFindQuery(null)).toBe('empty');
		expect(readFindQuery('a')).toBe('too_short');
		expect(readFindQuery('ho')).toBe('too_short');
		expect(readFindQuery('%_')).toBe('too_short');
	});

	it('reads a phone number however it is written', () => {
		for (const typed of ['+852 5123 4567', '5123 4567', '85251234567', '5123-4567']) expect(read(typed).phone, typed).toBe('51234567');
		expect(read('+852 5123 4567')).toMatchObject({ name: null, units: [], reference: null, email: null });
	});

	it('reads references', () => {
		expect(read('R000123').reference).toEqual({ letter: 'R', seq: 123 });
		expect(read('r-000123').reference).toEqual({ letter: 'R', seq: 123 });
		expect(read('B42').reference).toEqual({ letter: 'B', seq: 42 });
		expect(read('R000123').units).toEqual([]);
	});

	it('reads emails lower-cased, and units', () => {
		expect(read('Chan.TaiMan@Example.test')).toMatchObject({ email: 'chan.taiman@example.test', name: null });
		expect(read('A座12A').units).toEqual([{ number: '12A', building: { code: 'A', phrase: 'A座' } }]);
		expect(read('12A')).toMatchObject({ name: null, phone: null });
	});

	it('reads names in either script, two Chinese characters or three letters at least', () => {
		expect(read('陳大文').name).toBe('陳大文');
		expect(read('陈大').name).toBe('陈大');
		expect(read('Chan Tai Man').name).toBe('Chan Tai Man');
		expect(read('chan  tai').name).toBe('chan tai');
	});

	it('keeps what anyone types as text, cut to a hundred characters', () => {
		expect(read('100%_off').name).toBe('100%_off');
		expect(read(`${'x'.repeat(150)}`).name).toHaveLength(100);
	});
});

import { describe, expect, it } from 'vitest';
import { readReadingsFile, READINGS_MAX_ROWS } from './readings-csv.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readReadingsFile', () => {
	it('reads a header in any order, drops the BOM and blank lines, and numbers records by their file line', () => {
		const file = readReadingsFile(
			bytes('\uFEFFvalue,read_on,meter,unit,building,estate\r\n1,2026-10-31,water,12A,A,HVG\r\n\r\n"2,5",2026-10-31,water,12B,A,HVG\r\n')
		);
		expect(file).toEqual({
			ok: true,
			records: [
				{ line: 2, values: { estate: 'HVG', building: 'A', unit: '12A', meter: 'water', read_on: '2026-10-31', value: '1' } },
				{ line: 4, values: { estate: 'HVG', building: 'A', unit: '12B', meter: 'water', read_on: '2026-10-31', value: '2,5' } }
			]
		});
	});

	it('marks a record with the wrong number of fields or an open quote, and refuses unusable files whole', () => {
		const file = readReadingsFile(bytes('estate,building,unit,meter,read_on,value\nHVG,A,12A,water\nHVG,A,"12B,water,2026-10-31,1\n'));
		expect(file.ok && file.records.map((r) => [r.line, !!r.problem])).toEqual([
			[2, true],
			[3, true]
		]);
		expect(readReadingsFile(bytes('estate,unit\nHVG,1')).ok).toBe(false);
		expect(readReadingsFile(new Uint8Array([0xc3, 0x28])).ok).toBe(false);
		expect(readReadingsFile(new Uint8Array(0)).ok).toBe(false);
		const big = `estate,building,unit,meter,read_on,value\n${'HVG,A,1,water,2026-10-31,1\n'.repeat(READINGS_MAX_ROWS + 1)}`;
		expect(readReadingsFile(bytes(big))).toMatchObject({ ok: false, error: expect.stringContaining(String(READINGS_MAX_ROWS)) });
	});
});

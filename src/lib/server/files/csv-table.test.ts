import { describe, expect, it } from 'vitest';
import { csvFileErrorText, csvRecordProblemText, readCsvTable } from './csv-table.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const spec = { columns: ['code', 'name', 'note'] as const, optional: ['note'] as const, maxBytes: 1024 * 1024, maxRows: 4 };

describe('reading an uploaded CSV file as a table', () => {
	it('maps a header in any case and order to the columns, leaves an optional one out as empty, and numbers records by file line', () => {
		const table = readCsvTable(bytes('\uFEFFName,CODE\r\nNorth,N1\r\n\r\n"Two\nlines",T2\r\nSouth,S1\r\n'), spec);
		expect(table).toEqual({
			ok: true,
			records: [
				{ line: 2, values: { code: 'N1', name: 'North', note: '' } },
				{ line: 4, values: { code: 'T2', name: 'Two\nlines', note: '' } },
				{ line: 6, values: { code: 'S1', name: 'South', note: '' } }
			]
		});
	});

	it('marks a record it cannot read as fields, and keeps reading the rest', () => {
		const table = readCsvTable(bytes('code,name\nA1\nB1,"open\n'), spec);
		expect(table.ok && table.records.map((r) => r.problem)).toEqual([
			{ kind: 'field_count', expected: 2, found: 1 },
			{ kind: 'malformed' }
		]);
		expect(csvRecordProblemText({ kind: 'field_count', expected: 2, found: 1 })).toBe('expected 2 fields, found 1');
	});

	it('refuses a file it cannot use as a whole, saying why', () => {
		const refusal = (text: string | Uint8Array) => {
			const table = readCsvTable(typeof text === 'string' ? bytes(text) : text, spec);
			return table.ok ? null : csvFileErrorText(table.error, spec);
		};
		expect(refusal('')).toBe('The file is empty.');
		expect(refusal('x'.repeat(1024 * 1024 + 1))).toBe('The file is larger than 1 MB. Split it into smaller files.');
		expect(refusal(new Uint8Array([0xc3, 0x28]))).toMatch(/not a CSV text file/);
		expect(refusal('code,name\n\0\0\0')).toMatch(/not a CSV text file/);
		expect(refusal('code\nA1')).toBe('The header row lacks these columns: name.');
		expect(refusal('code,name,Code\nA1,a,A2')).toBe('These columns appear more than once in the header row: code.');
		expect(refusal('code,name\n\n')).toBe('The file has a header row but no data rows.');
		expect(refusal('code,name\n1,a\n2,b\n3,c\n4,d\n5,e\n')).toBe('The file has more than 4 rows. Split it into smaller files.');
		expect(refusal('code,name\n1,a\n2,b\n3,c\n4,d\n')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { csvCell, reportCsv, reportXlsx, type ReportTable } from './export.ts';
import { readXlsx } from './xlsx-read.ts';
import { unzip } from './zip.ts';

describe('CSV export', () => {
	it('quotes cells with commas, quotes and line breaks, doubling quotes', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(12.5)).toBe('12.5');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(Number.NaN)).toBe('');
	});

	it('neutralises text a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
		expect(csvCell('+1+2')).toBe("'+1+2");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\t=1')).toBe("'\t=1");
		expect(csvCell('\r=1')).toBe(`"'\r=1"`);
		// Only a leading sign counts.
		expect(csvCell('a=b')).toBe('a=b');
	});

	it('starts with a UTF-8 byte order mark and keeps Chinese text intact', () => {
		const csv = reportCsv([{ title: '匯總', columns: ['項目', '數值'], rows: [['維修單', 3]] }]);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.slice(1)).toBe('匯總\r\n項目,數值\r\n維修單,3\r\n');
		const bytes = new TextEncoder().encode(csv);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});

describe('XLSX export', () => {
	it('writes a workbook that reads back with the same sheets and values, text kept as text', async () => {
		const tables: ReportTable[] = [
			{
				title: 'Summary: 匯總',
				columns: ['Measure', 'Value'],
				rows: [
					['Orders', 7],
					['=1+1', null],
					['Share (%)', 33.3],
					['a < b & "c"', -1.5]
				]
			},
			{ title: 'By kind', columns: ['Kind', 'Orders'], rows: [['水喉/漏水', 2]] }
		];
		const bytes = await reportXlsx(tables, { title: 'Repair statistics' });
		expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip ("PK")
		const [summary, byKind] = readXlsx(bytes);
		expect([summary!.name, byKind!.name]).toEqual(['Summary  匯總', 'By kind']);
		expect([summary!.cells.get('A1'), summary!.cells.get('B1')]).toEqual(['Measure', 'Value']);
		expect(summary!.cells.get('B2')).toBe(7);
		// A formula-looking text stays a string, never a formula; an empty cell is absent.
		expect(summary!.cells.get('A3')).toBe('=1+1');
		expect(summary!.cells.has('B3')).toBe(false);
		expect(summary!.cells.get('B4')).toBe(33.3);
		expect(summary!.cells.get('A5')).toBe('a < b & "c"');
		expect(summary!.cells.get('B5')).toBe(-1.5);
		expect(summary!.frozen).toBe(true);
		expect(byKind!.cells.get('A2')).toBe('水喉/漏水');
	});

	it('is a package spreadsheets open: the parts and content types of SpreadsheetML, no formulas', async () => {
		const bytes = await reportXlsx([{ title: 'S', columns: ['A'], rows: [['=cmd|/c calc!A1']] }], { title: 'T' });
		const files = unzip(bytes);
		expect([...files.keys()]).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'docProps/core.xml',
			'xl/workbook.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			'xl/worksheets/sheet1.xml'
		]);
		expect(files.get('[Content_Types].xml')!.toString()).toContain('spreadsheetml.sheet.main+xml');
		expect(files.get('xl/worksheets/sheet1.xml')!.toString()).not.toContain('<f>');
	});
});

import { describe, expect, it } from 'vitest';
import { csvCell, reportCsv, reportXlsx, type ReportTable } from './export.ts';

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
			{ title: 'Summary: 匯總', columns: ['Measure', 'Value'], rows: [['Orders', 7], ['=1+1', null], ['Share (%)', 33.3]] },
			{ title: 'By kind', columns: ['Kind', 'Orders'], rows: [['水喉/漏水', 2]] }
		];
		const bytes = await reportXlsx(tables, { title: 'Repair statistics' });
		expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip ("PK")
		const { default: ExcelJS } = await import('exceljs');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary  匯總', 'By kind']);
		const summary = workbook.worksheets[0]!;
		expect(summary.getRow(1).values).toEqual([undefined, 'Measure', 'Value']);
		expect(summary.getCell('B2').value).toBe(7);
		// A formula-looking text stays a string, never a formula.
		expect(summary.getCell('A3').value).toBe('=1+1');
		expect(summary.getCell('A3').formula).toBeUndefined();
		expect(summary.getCell('B4').value).toBe(33.3);
		expect(workbook.worksheets[1]!.getCell('A2').value).toBe('水喉/漏水');
	});
});

import { describe, expect, it } from 'vitest';
import { importColumns, importTemplate, readImportFile, validateRecords, type ImportContext, type RawRecord } from './csv.ts';

const header = importColumns.join(',');
const bytes = (text: string) => new TextEncoder().encode(text);
const context: ImportContext = {
	estates: new Map([['HVG', 'e0000000-0000-4000-8000-000000000001']]),
	nonResidentEmails: new Set(['guard@lobby.test'])
};

function row(values: Partial<Record<(typeof importColumns)[number], string>> = {}): string {
	const base = {
		estate_code: 'HVG',
		building_code: 'T1',
		building_name: 'Tower 1',
		floor: '12',
		unit_number: '12A',
		area_m2: '85.5',
		use: 'residential',
		resident_name: 'Chan Tai Man',
		resident_email: 'chan@example.test',
		resident_phone: '+852 9123 4567',
		occupancy_role: 'owner',
		occupancy_start: '2024-03-01',
		company_name: '',
		...values
	};
	return importColumns.map((c) => csvField(base[c])).join(',');
}

function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function read(text: string): RawRecord[] {
	const result = readImportFile(bytes(text));
	if (!result.ok) throw new Error(`unexpected file error: ${result.error}`);
	return result.records;
}

function validate(text: string) {
	return validateRecords(read(text), context);
}

describe('reading an import file', () => {
	it('accepts UTF-8 with or without a byte-order mark and CRLF or LF line ends', () => {
		const plain = read(`${header}\n${row()}\n`);
		const withBom = read(`\uFEFF${header}\r\n${row()}\r\n`);
		expect(withBom).toEqual(plain);
		expect(plain).toHaveLength(1);
		expect(plain[0]!.values.unit_number).toBe('12A');
	});

	it('numbers records by the file line they start on, past blank lines and multi-line fields', () => {
		const text = [
			header,
			row({ unit_number: '1A' }),
			'',
			row({ unit_number: '1B', building_name: 'Tower\n1' }),
			row({ unit_number: '1C' })
		].join('\n');
		expect(read(text).map((r) => [r.line, r.values.unit_number])).toEqual([
			[2, '1A'],
			[4, '1B'],
			[6, '1C']
		]);
	});

	it('refuses an empty file, a header without rows and a file over 5 MB', () => {
		expect(readImportFile(new Uint8Array())).toEqual({ ok: false, error: 'The file is empty.' });
		expect(readImportFile(bytes('\uFEFF \n\n'))).toEqual({ ok: false, error: 'The file is empty.' });
		expect(readImportFile(bytes(`${header}\n\n`))).toEqual({ ok: false, error: 'The file has a header row but no data rows.' });
		const big = new Uint8Array(6 * 1024 * 1024).fill(0x61);
		expect(readImportFile(big)).toMatchObject({ ok: false, error: expect.stringContaining('larger than 5 MB') });
	});

	it('refuses binary files and other encodings', () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
		expect(readImportFile(png)).toMatchObject({ ok: false, error: expect.stringContaining('not a CSV text file') });
		const big5 = new Uint8Array([0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5]); // 陳大文 in Big5
		expect(readImportFile(big5)).toMatchObject({ ok: false, error: expect.stringContaining('UTF-8') });
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
		expect(readImportFile(zip)).toMatchObject({ ok: false, error: expect.stringContaining('not a CSV text file') });
	});

	it('names the columns missing from the header row', () => {
		const result = readImportFile(bytes('estate_code,building_code,unit_number\nHVG,T1,1A\n'));
		expect(result).toEqual({
			ok: false,
			error:
				'The header row lacks these columns: building_name, floor, area_m2, use, resident_name, resident_email, resident_phone, occupancy_role, occupancy_start.'
		});
	});

	it('reads header names in any order and case, and without the optional company_name', () => {
		const columns = [...importColumns].filter((c) => c !== 'company_name').reverse();
		const text = `${columns.map((c) => c.toUpperCase()).join(',')}\n${columns.map((c) => (c === 'unit_number' ? '3C' : c === 'floor' ? '3' : '')).join(',')}\n`;
		const [record] = read(text);
		expect(record!.values).toMatchObject({ unit_number: '3C', floor: '3', company_name: '' });
	});
});

describe('validating import rows', () => {
	it('turns good rows into typed rows with lower-cased emails and the estate id', () => {
		const { rows, errors } = validate(`${header}\n${row({ resident_email: 'Chan@Example.TEST', use: 'Residential' })}\n`);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				line: 2,
				estateId: 'e0000000-0000-4000-8000-000000000001',
				estateCode: 'HVG',
				buildingCode: 'T1',
				buildingName: 'Tower 1',
				floor: 12,
				unitNumber: '12A',
				areaM2: '85.5',
				use: 'residential',
				residentName: 'Chan Tai Man',
				residentEmail: 'chan@example.test',
				residentPhone: '+852 9123 4567',
				role: 'owner',
				startsOn: '2024-03-01',
				companyName: ''
			}
		]);
	});

	it('accepts a unit without an occupant', () => {
		const text = `${header}\n${row({ resident_name: '', resident_email: '', resident_phone: '', occupancy_role: '', occupancy_start: '' })}\n`;
		const { rows, errors } = validate(text);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({ residentEmail: '', role: null, startsOn: null });
	});

	it('reports each bad row by line number with the reason naming the column', () => {
		const lines = [
			header,
			row({ unit_number: '1A' }), // 2: fine
			row({ unit_number: '1B', area_m2: '-3' }), // 3
			row({ unit_number: '1C', area_m2: 'abc' }), // 4
			row({ unit_number: '1D', estate_code: 'NOPE' }), // 5
			row({ unit_number: '1E', resident_email: 'not-an-email' }), // 6
			row({ unit_number: '1F', occupancy_start: '2024-02-30' }), // 7
			row({ unit_number: '1G', use: 'castle' }), // 8
			row({ unit_number: '1H', occupancy_role: 'landlord' }), // 9
			row({ unit_number: '1A' }), // 10: duplicate of line 2
			row({ unit_number: '1J', floor: 'ten' }), // 11
			row({ unit_number: '1K', resident_email: 'guard@lobby.test' }), // 12
			row({ unit_number: '1L', resident_name: 'Someone Else' }), // 13: same email as line 2, other name
			row({ unit_number: '1M', building_name: 'Other Tower' }), // 14: same building as line 2, other name
			row({ unit_number: '1N', resident_email: '', resident_name: '', resident_phone: '' }) // 15: role without occupant
		];
		const { rows, errors } = validate(lines.join('\n'));
		expect(rows.map((r) => r.line)).toEqual([2]);
		expect(errors.map((e) => [e.line, e.reasons])).toEqual([
			[3, ['area_m2 must be a positive number (at most 2 decimals)']],
			[4, ['area_m2 must be a positive number (at most 2 decimals)']],
			[5, ['estate_code “NOPE” is unknown or not one of your estates']],
			[6, ['resident_email is not a valid email address']],
			[7, ['occupancy_start must be a real date written YYYY-MM-DD']],
			[8, ['use must be residential, office or retail']],
			[9, ['occupancy_role must be owner or renter']],
			[10, ['this unit is already listed on line 2']],
			[11, ['floor must be a whole number from -20 to 300']],
			[12, ['resident_email guard@lobby.test belongs to a staff or contractor account']],
			[13, ['this resident_email has a different resident_name on line 2']],
			[14, ['this building has a different building_name on line 2']],
			[15, ['occupancy_role and occupancy_start need a resident_email or company_name']]
		]);
	});

	it('lists every problem of a row', () => {
		const { errors } = validate(`${header}\n${row({ area_m2: '0', use: '', floor: '1.5' })}\n`);
		expect(errors).toEqual([
			{
				line: 2,
				reasons: [
					'floor must be a whole number from -20 to 300',
					'area_m2 must be a positive number (at most 2 decimals)',
					'use must be residential, office or retail'
				]
			}
		]);
	});

	it('requires the occupancy when an occupant is named, and a name with an email', () => {
		const { errors } = validate(`${header}\n${row({ occupancy_role: '', occupancy_start: '', resident_name: '' })}\n`);
		expect(errors[0]!.reasons).toEqual([
			'resident_name is required when resident_email is given',
			'occupancy_role is required',
			'occupancy_start is required'
		]);
	});

	it('refuses overlong fields with the column and its limit', () => {
		const { errors } = validate(`${header}\n${row({ resident_name: 'x'.repeat(101), company_name: 'y'.repeat(5000) })}\n`);
		expect(errors[0]!.reasons).toEqual([
			'resident_name is too long (at most 100 characters)',
			'company_name is too long (at most 200 characters)'
		]);
	});

	it('reports rows with the wrong number of fields or a broken quote', () => {
		const { errors } = validate(`${header}\nHVG,T1,Tower 1,12,12A\n${row({ unit_number: '2A' })}\n"HVG,T1`);
		expect(errors.map((e) => e.line)).toEqual([2, 4]);
		expect(errors[0]!.reasons).toEqual(['expected 13 fields, found 5']);
		expect(errors[1]!.reasons[0]).toMatch(/quoted field is not closed|expected 13 fields/);
	});

	it('keeps spreadsheet formulas as plain text', () => {
		const { rows, errors } = validate(`${header}\n${row({ resident_name: '=cmd|" /C calc"!A0', building_name: '@SUM(1+1)' })}\n`);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({ residentName: '=cmd|" /C calc"!A0', buildingName: '@SUM(1+1)' });
	});
});

describe('the import template', () => {
	it('is the header row with a UTF-8 byte-order mark, readable by the importer', () => {
		const template = importTemplate();
		expect(template.startsWith('\uFEFFestate_code,building_code,')).toBe(true);
		expect(readImportFile(bytes(template))).toEqual({ ok: false, error: 'The file has a header row but no data rows.' });
	});
});

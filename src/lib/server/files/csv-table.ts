import Papa from 'papaparse';
import { m } from '#lib/paraglide/messages.js';
import { hasControlCharacters } from '../forms/control-characters.ts';

/**
 * An uploaded CSV file as a table with named columns: the one reader behind every import (the
 * registry, meter readings). It decides what makes a file unusable as a whole and what makes one
 * record unreadable; each import words those problems in its own messages and checks the values.
 */

/** Why the file as a whole cannot be used. */
export type CsvFileError =
	| { kind: 'empty' }
	| { kind: 'too_big' }
	| { kind: 'not_text' }
	| { kind: 'too_many_rows' }
	| { kind: 'missing_columns'; columns: string[] }
	| { kind: 'repeated_columns'; columns: string[] }
	| { kind: 'no_rows' };

/** Why one record cannot even be read as fields. */
export type CsvRecordProblem = { kind: 'malformed' } | { kind: 'field_count'; expected: number; found: number };

export interface CsvRecord<C extends string> {
	/** The file line the record starts on (the header is line 1). */
	line: number;
	/** Each column's field as written ('' for an optional column the file leaves out). */
	values: Record<C, string>;
	problem?: CsvRecordProblem;
}

export interface CsvTableSpec<C extends string> {
	columns: readonly C[];
	/** Columns the header may leave out. */
	optional?: readonly C[];
	maxBytes: number;
	/** Data rows allowed; more refuse the file. */
	maxRows?: number;
}

export type CsvTable<C extends string> = { ok: true; records: CsvRecord<C>[] } | { ok: false; error: CsvFileError };

/**
 * Decodes (UTF-8, a leading BOM dropped, as spreadsheet programs write one), splits and maps the
 * header case-insensitively to the columns. Blank records are skipped.
 */
export function readCsvTable<C extends string>(bytes: Uint8Array, spec: CsvTableSpec<C>): CsvTable<C> {
	if (bytes.byteLength === 0) return { ok: false, error: { kind: 'empty' } };
	if (bytes.byteLength > spec.maxBytes) return { ok: false, error: { kind: 'too_big' } };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return { ok: false, error: { kind: 'not_text' } };
	}
	// Spreadsheets never write NUL or other C0 controls into a CSV; a binary file is full of them.
	if (hasControlCharacters(text.slice(0, 65536))) return { ok: false, error: { kind: 'not_text' } };
	text = text.replace(/\r\n?/g, '\n');
	if (text.trim() === '') return { ok: false, error: { kind: 'empty' } };

	const records: string[][] = [];
	const lines: number[] = [];
	const malformed = new Set<number>();
	let offset = 0;
	let line = 1;
	let tooMany = false;
	let dataRows = 0;
	Papa.parse<string[]>(text, {
		delimiter: ',',
		newline: '\n',
		header: false,
		step: (result, parser) => {
			lines.push(line);
			records.push(result.data);
			if (result.errors.length > 0) malformed.add(records.length - 1);
			const end = result.meta.cursor;
			for (let i = offset; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
			offset = end;
			// Blank records are skipped below, so they do not count; one row over the limit is enough to know.
			if (records.length > 1 && !result.data.every((f) => f.trim() === '')) dataRows++;
			if (spec.maxRows !== undefined && dataRows > spec.maxRows) {
				tooMany = true;
				parser.abort();
			}
		}
	});
	if (tooMany) return { ok: false, error: { kind: 'too_many_rows' } };

	const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
	const optional = spec.optional ?? [];
	const missing = spec.columns.filter((c) => !optional.includes(c) && !header.includes(c));
	if (missing.length > 0) return { ok: false, error: { kind: 'missing_columns', columns: missing } };
	const repeated = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
	if (repeated.length > 0) return { ok: false, error: { kind: 'repeated_columns', columns: [...new Set(repeated)] } };

	const index = new Map(header.map((h, i) => [h, i]));
	const out: CsvRecord<C>[] = [];
	for (let r = 1; r < records.length; r++) {
		const fields = records[r]!;
		if (fields.every((f) => f.trim() === '')) continue;
		const values = {} as Record<C, string>;
		for (const column of spec.columns) {
			const i = index.get(column);
			values[column] = i === undefined ? '' : (fields[i] ?? '');
		}
		const record: CsvRecord<C> = { line: lines[r]!, values };
		if (malformed.has(r)) record.problem = { kind: 'malformed' };
		else if (fields.length !== header.length) record.problem = { kind: 'field_count', expected: header.length, found: fields.length };
		out.push(record);
	}
	if (out.length === 0) return { ok: false, error: { kind: 'no_rows' } };
	return { ok: true, records: out };
}

const MB = 1024 * 1024;

/** The file's problem in the reader's language, for the file field. */
export function csvFileErrorText(error: CsvFileError, spec: Pick<CsvTableSpec<string>, 'maxBytes' | 'maxRows'>): string {
	switch (error.kind) {
		case 'empty':
			return m.files_csv_empty();
		case 'too_big':
			return m.files_csv_too_big({ max: spec.maxBytes / MB });
		case 'not_text':
			return m.files_csv_not_text();
		case 'too_many_rows':
			return m.files_csv_too_many_rows({ max: spec.maxRows ?? 0 });
		case 'missing_columns':
			return m.files_csv_missing_columns({ columns: error.columns.join(', ') });
		case 'repeated_columns':
			return m.files_csv_repeated_columns({ columns: error.columns.join(', ') });
		case 'no_rows':
			return m.files_csv_no_rows();
	}
}

/** A record's problem in the reader's language, as one of the reasons listed for its line. */
export function csvRecordProblemText(problem: CsvRecordProblem): string {
	return problem.kind === 'malformed'
		? m.files_csv_malformed()
		: m.files_csv_field_count({ expected: problem.expected, found: problem.found });
}

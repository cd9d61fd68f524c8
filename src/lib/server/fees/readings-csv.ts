/**
 * Meter readings from a CSV file: `estate,building,unit,meter,read_on,value` (header required,
 * any column order, UTF-8 with or without a BOM, at most 5 MB and 50 000 rows).
 *
 * All or nothing: the file is checked row by row — fields, the unit (in the importer's estates),
 * then the meters' history (readings.ts) — and saved in one transaction only when every row is
 * good; otherwise nothing is saved and every wrong row is reported by its line, so the corrected
 * file can simply be imported again.
 */
import { sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { recordAudit } from '../events/service.ts';
import { isUniqueViolation } from '#lib/server/kernel/unique-violation.ts';
import { requireStaff } from '../auth/guards.ts';
import { parseDate } from '#lib/time/index.ts';
import { csvFileErrorText, csvRecordProblemText, readCsvTable, type CsvTableSpec } from '../files/csv-table.ts';
import { parseQuantity } from '#lib/money/index.ts';
import type { MeterKind } from '#lib/schemas/fees-staff.ts';
import { insertReadings, readingProblems, type NewReading } from './readings.ts';
import { estateZones, latestToday } from './estate-time.ts';

export const readingColumns = ['estate', 'building', 'unit', 'meter', 'read_on', 'value'] as const;
export type ReadingColumn = (typeof readingColumns)[number];
export const READINGS_MAX_BYTES = 5 * 1024 * 1024;
export const READINGS_MAX_ROWS = 50_000;
/** The report lists this many wrong rows and counts the rest. */
const READINGS_MAX_LISTED_ERRORS = 500;

/** Meter names as people write them in a spreadsheet. */
const meterNames: Record<string, MeterKind> = {
	water: 'water',
	w: 'water',
	水: 'water',
	水表: 'water',
	水錶: 'water',
	electricity: 'electricity',
	electric: 'electricity',
	e: 'electricity',
	电: 'electricity',
	電: 'electricity',
	电表: 'electricity',
	電錶: 'electricity',
	電表: 'electricity'
};

export interface ReadingsRecord {
	/** The file line the record starts on (the header is line 1). */
	line: number;
	values: Record<ReadingColumn, string>;
	problem?: string;
}

export type ReadingsFile = { ok: true; records: ReadingsRecord[] } | { ok: false; error: string };

export interface ReadingsRowError {
	line: number;
	reasons: string[];
}

export interface ReadingsImportReport {
	imported: boolean;
	totalRows: number;
	saved: number;
	/** The first READINGS_MAX_LISTED_ERRORS wrong rows. */
	errors: ReadingsRowError[];
	errorCount: number;
}

const readingsTable: CsvTableSpec<ReadingColumn> = { columns: readingColumns, maxBytes: READINGS_MAX_BYTES, maxRows: READINGS_MAX_ROWS };

/** Decodes and splits the file; whole-file problems are one message, row problems are left to the checks. */
export function readReadingsFile(bytes: Uint8Array): ReadingsFile {
	const table = readCsvTable(bytes, readingsTable);
	if (!table.ok) return { ok: false, error: csvFileErrorText(table.error, readingsTable) };
	return {
		ok: true,
		records: table.records.map(({ line, values, problem }) => ({
			line,
			values: Object.fromEntries(readingColumns.map((c) => [c, values[c].trim()])) as Record<ReadingColumn, string>,
			...(problem ? { problem: csvRecordProblemText(problem) } : {})
		}))
	};
}

interface CheckedRecord {
	line: number;
	estate: string;
	building: string;
	unit: string;
	meter: MeterKind;
	readOn: string;
	value: string;
}

/**
 * Field-by-field checks of one record: the reasons it is wrong, or the typed values. `today` is
 * the latest of the estates' todays (a later date is in the future everywhere); readingProblems
 * checks each reading against its own estate's today.
 */
function checkFields(record: ReadingsRecord, today: string): { reasons: string[] } | { row: CheckedRecord } {
	if (record.problem) return { reasons: [record.problem] };
	const v = record.values;
	const reasons: string[] = [];
	for (const column of ['estate', 'building', 'unit'] as const) {
		if (v[column] === '') reasons.push(m.feesstaff_csv_required({ column }));
		else if (v[column].length > 40) reasons.push(m.feesstaff_csv_too_long({ column, max: 40 }));
	}
	const meterName = v.meter.toLowerCase();
	// Own keys only: a cell reading "constructor" is no meter.
	const meter = Object.hasOwn(meterNames, meterName) ? meterNames[meterName] : undefined;
	if (!meter) reasons.push(m.feesstaff_csv_meter_invalid());
	if (!parseDate(v.read_on)) reasons.push(m.feesstaff_csv_date_invalid());
	else if (v.read_on > today) reasons.push(m.feesstaff_csv_date_future());
	const value = parseQuantity(v.value);
	if (value === null) reasons.push(m.feesstaff_csv_value_invalid());
	if (reasons.length) return { reasons };
	return {
		row: { line: record.line, estate: v.estate, building: v.building, unit: v.unit, meter: meter!, readOn: v.read_on, value: value! }
	};
}

/** Unit ids by "estate|building|unit" (codes and number compared case-insensitively), in the actor's estates only. */
async function findUnits(executor: Executor, actor: Actor, rows: readonly CheckedRecord[]): Promise<Map<string, string>> {
	const keyOf = (e: string, b: string, u: string) => `${e.toLowerCase()}|${b.toLowerCase()}|${u.toLowerCase()}`;
	const wanted = [
		...new Map(
			rows.map((r) => [
				keyOf(r.estate, r.building, r.unit),
				{ e: r.estate.toLowerCase(), b: r.building.toLowerCase(), u: r.unit.toLowerCase() }
			])
		).values()
	];
	const scope =
		actor.estateIds === null
			? sql`true`
			: actor.estateIds.length
				? sql`e.id in (${sql.join(
						actor.estateIds.map((id) => sql`${id}::uuid`),
						sql`, `
					)})`
				: sql`false`;
	const found = new Map<string, string>();
	for (let start = 0; start < wanted.length; start += 5000) {
		const chunk = wanted.slice(start, start + 5000);
		const rows = await queryRows<{ e: string; b: string; u: string; id: string }>(
			executor,
			sql`select f.e, f.b, f.u, un.id
				from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as f(e text, b text, u text)
				join estates e on lower(e.code) = f.e and ${scope}
				join buildings bd on bd.estate_id = e.id and lower(bd.code) = f.b
				join units un on un.building_id = bd.id and lower(un.number) = f.u`
		);
		for (const r of rows) found.set(keyOf(r.e, r.b, r.u), r.id);
	}
	return found;
}

/** Imports a readings file (fees.manage), all or nothing; see the file comment. */
export async function importReadingsCsv(
	actor: Actor,
	file: { name: string; bytes: Uint8Array },
	options: { now?: Date; ip?: string } = {}
): Promise<ReadingsImportReport | { fileError: string }> {
	requireStaff(actor, 'fees.manage');
	const read = readReadingsFile(file.bytes);
	if (!read.ok) return { fileError: read.error };
	const today = latestToday((await estateZones(db())).values(), options.now);
	const errors = new Map<number, string[]>();
	const addError = (line: number, reason: string) => errors.set(line, [...(errors.get(line) ?? []), reason]);
	const checked: CheckedRecord[] = [];
	for (const record of read.records) {
		const result = checkFields(record, today);
		if ('reasons' in result) result.reasons.forEach((reason) => addError(record.line, reason));
		else checked.push(result.row);
	}
	const report = (saved: number): ReadingsImportReport => {
		const list = [...errors].sort(([a], [b]) => a - b).map(([line, reasons]) => ({ line, reasons }));
		return {
			imported: saved > 0 && list.length === 0,
			totalRows: read.records.length,
			saved,
			errors: list.slice(0, READINGS_MAX_LISTED_ERRORS),
			errorCount: list.length
		};
	};

	try {
		return await db().transaction(async (tx) => {
			// One import at a time, so that two files cannot both pass the history checks.
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext('fees.readings-import'))`);
			const unitIds = await findUnits(tx, actor, checked);
			const readings: NewReading[] = [];
			const lineOf: number[] = [];
			for (const row of checked) {
				const unitId = unitIds.get(`${row.estate.toLowerCase()}|${row.building.toLowerCase()}|${row.unit.toLowerCase()}`);
				if (!unitId) {
					addError(row.line, m.feesstaff_csv_unit_unknown({ estate: row.estate, building: row.building, unit: row.unit }));
					continue;
				}
				readings.push({ unitId, meter: row.meter, readOn: row.readOn, value: row.value });
				lineOf.push(row.line);
			}
			for (const [i, problem] of await readingProblems(tx, readings, options.now)) addError(lineOf[i]!, problem.message);
			if (errors.size > 0) return report(0);
			const saved = await insertReadings(tx, readings, actor.userId);
			await recordAudit(tx, {
				actor,
				ip: options.ip,
				action: 'fees.readings.import',
				subjectType: 'meter_readings',
				subjectId: file.name.slice(0, 200),
				detail: { rows: saved }
			});
			return report(saved);
		});
	} catch (err) {
		// Someone entered one of these readings while the file was checked: check the file again.
		if (isUniqueViolation(err)) return { fileError: m.feesstaff_csv_changed_meanwhile() };
		throw err;
	}
}

/** The downloadable template: the header and one example row, with a BOM so spreadsheets read it as UTF-8. */
export function readingsTemplate(): string {
	return `\uFEFF${readingColumns.join(',')}\r\nHVG,A,12A,electricity,2026-10-31,12345.6\r\n`;
}

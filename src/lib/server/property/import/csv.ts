import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { csvFileErrorText, csvRecordProblemText, readCsvTable, type CsvTableSpec } from '../../files/csv-table.ts';
import {
	importColumns,
	importMaxBytes,
	occupancyRoles,
	unitUses,
	type ImportColumn,
	type OccupancyRole,
	type UnitUse
} from '#lib/schemas/registry.ts';

export { importColumns, type ImportColumn };

const importTable: CsvTableSpec<ImportColumn> = { columns: importColumns, optional: ['company_name'], maxBytes: importMaxBytes };

/** One data record as read from the file, before validation. */
export interface RawRecord {
	/** The file line the record starts on (the header is line 1). */
	line: number;
	values: Record<ImportColumn, string>;
	/** Set when the record cannot even be read as fields (bad quoting, wrong field count). */
	problem?: string;
}

export interface ImportRow {
	line: number;
	estateId: string;
	estateCode: string;
	buildingCode: string;
	/** Empty when the file leaves it out: an existing building keeps its name. */
	buildingName: string;
	floor: number;
	unitNumber: string;
	areaM2: string;
	use: UnitUse;
	residentName: string;
	residentEmail: string;
	residentPhone: string;
	role: OccupancyRole | null;
	startsOn: string | null;
	companyName: string;
}

export interface RowError {
	line: number;
	/** Translated reasons, each naming its column. */
	reasons: string[];
}

export type ReadResult = { ok: true; records: RawRecord[] } | { ok: false; error: string };

/** What validation needs from the database, looked up once for the whole file. */
export interface ImportContext {
	/** Estate code → id, for the estates the importing staff member works for. */
	estates: ReadonlyMap<string, string>;
	/** Emails in the file that belong to staff or contractor accounts. */
	nonResidentEmails: ReadonlySet<string>;
}

export interface ValidationResult {
	rows: ImportRow[];
	errors: RowError[];
}

/**
 * Decodes and splits an uploaded file into records. Everything that makes the file as a whole
 * unusable (size, encoding, binary content, header) is one message; row problems are left to
 * validateRecords so that each is reported by line.
 */
export function readImportFile(bytes: Uint8Array): ReadResult {
	const table = readCsvTable(bytes, importTable);
	if (!table.ok) return { ok: false, error: csvFileErrorText(table.error, importTable) };
	return {
		ok: true,
		records: table.records.map(({ problem, ...record }) => (problem ? { ...record, problem: csvRecordProblemText(problem) } : record))
	};
}

const phonePattern = /^\+?[0-9][0-9 -]{2,29}$/;
const codePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const areaPattern = /^\d{1,8}(\.\d{1,2})?$/;

function text(column: ImportColumn, max: number, required: boolean) {
	let schema = z.string().trim();
	if (required) schema = schema.min(1, { error: () => m.registry_import_required({ column }) });
	return schema.max(max, { error: () => m.registry_import_too_long({ column, max }) });
}

const recordSchema = z
	.object({
		estate_code: text('estate_code', 32, true),
		building_code: text('building_code', 32, true).regex(codePattern, {
			error: () => m.registry_import_code_invalid({ column: 'building_code' })
		}),
		building_name: text('building_name', 200, false),
		floor: z
			.string()
			.trim()
			.regex(/^-?\d{1,3}$/, { error: () => m.registry_import_floor_invalid() })
			.transform(Number)
			.refine((n) => n >= -20 && n <= 300, { error: () => m.registry_import_floor_invalid() }),
		unit_number: text('unit_number', 20, true).regex(/^[^\s,;]*$/, { error: () => m.registry_import_unit_number_invalid() }),
		area_m2: z
			.string()
			.trim()
			.refine((v) => areaPattern.test(v) && Number(v) > 0, { error: () => m.registry_import_area_invalid() }),
		use: z
			.string()
			.trim()
			.toLowerCase()
			.pipe(z.enum(unitUses, { error: () => m.registry_import_use_invalid() })),
		resident_name: text('resident_name', 100, false),
		resident_email: text('resident_email', 254, false)
			.toLowerCase()
			.refine((v) => v === '' || z.email().safeParse(v).success, { error: () => m.registry_import_email_invalid() }),
		resident_phone: text('resident_phone', 30, false).refine((v) => v === '' || phonePattern.test(v), {
			error: () => m.registry_import_phone_invalid()
		}),
		occupancy_role: z
			.string()
			.trim()
			.toLowerCase()
			.pipe(z.union([z.literal(''), z.enum(occupancyRoles)], { error: () => m.registry_import_role_invalid() })),
		occupancy_start: z
			.string()
			.trim()
			.refine((v) => v === '' || z.iso.date().safeParse(v).success, { error: () => m.registry_import_date_invalid() }),
		company_name: text('company_name', 200, false)
	})
	.superRefine((row, ctx) => {
		const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
		const hasParty = row.resident_email !== '' || row.company_name !== '';
		if (row.resident_email !== '' && row.resident_name === '') issue(m.registry_import_name_needed());
		if (row.resident_email === '' && row.resident_name !== '') issue(m.registry_import_email_needed());
		if (hasParty && row.occupancy_role === '') issue(m.registry_import_required({ column: 'occupancy_role' }));
		if (hasParty && row.occupancy_start === '') issue(m.registry_import_required({ column: 'occupancy_start' }));
		if (!hasParty && (row.occupancy_role !== '' || row.occupancy_start !== '')) issue(m.registry_import_occupant_needed());
	});

/**
 * Checks every record and splits them into importable rows and errors by line. Beyond each
 * field it checks what spans the file: a unit listed twice, one email with two names, one
 * building with two names, and what needs the database (passed in `context`).
 */
export function validateRecords(records: readonly RawRecord[], context: ImportContext): ValidationResult {
	const rows: ImportRow[] = [];
	const errors: RowError[] = [];
	const unitLines = new Map<string, number>();
	const emailNames = new Map<string, { name: string; line: number }>();
	const buildingNames = new Map<string, { name: string; line: number }>();

	for (const record of records) {
		const reasons: string[] = [];
		if (record.problem) {
			errors.push({ line: record.line, reasons: [record.problem] });
			continue;
		}
		const parsed = recordSchema.safeParse(record.values);
		if (!parsed.success) {
			errors.push({ line: record.line, reasons: [...new Set(parsed.error.issues.map((i) => i.message))] });
			continue;
		}
		const v = parsed.data;
		const estateId = context.estates.get(v.estate_code);
		if (!estateId) reasons.push(m.registry_import_estate_unknown({ code: v.estate_code }));
		if (v.resident_email && context.nonResidentEmails.has(v.resident_email)) {
			reasons.push(m.registry_import_email_not_resident({ email: v.resident_email }));
		}

		const unitKey = `${v.estate_code}\u0000${v.building_code}\u0000${v.unit_number}`;
		const firstUnit = unitLines.get(unitKey);
		if (firstUnit !== undefined) reasons.push(m.registry_import_duplicate_unit({ line: firstUnit }));

		if (v.resident_email) {
			const seen = emailNames.get(v.resident_email);
			if (seen && seen.name !== v.resident_name) reasons.push(m.registry_import_email_name_conflict({ line: seen.line }));
		}
		const buildingKey = `${v.estate_code}\u0000${v.building_code}`;
		if (v.building_name) {
			const seen = buildingNames.get(buildingKey);
			if (seen && seen.name !== v.building_name) reasons.push(m.registry_import_building_name_conflict({ line: seen.line }));
		}

		if (reasons.length > 0 || !estateId) {
			errors.push({ line: record.line, reasons });
			continue;
		}
		// Only good rows claim a unit, an email's name or a building's name for later rows.
		unitLines.set(unitKey, record.line);
		if (v.resident_email && !emailNames.has(v.resident_email)) {
			emailNames.set(v.resident_email, { name: v.resident_name, line: record.line });
		}
		if (v.building_name && !buildingNames.has(buildingKey)) {
			buildingNames.set(buildingKey, { name: v.building_name, line: record.line });
		}
		rows.push({
			line: record.line,
			estateId,
			estateCode: v.estate_code,
			buildingCode: v.building_code,
			buildingName: v.building_name,
			floor: v.floor,
			unitNumber: v.unit_number,
			areaM2: v.area_m2,
			use: v.use,
			residentName: v.resident_name,
			residentEmail: v.resident_email,
			residentPhone: v.resident_phone,
			role: v.occupancy_role === '' ? null : v.occupancy_role,
			startsOn: v.occupancy_start === '' ? null : v.occupancy_start,
			companyName: v.company_name
		});
	}
	return { rows, errors };
}

/** Emails named in the file, for the one database lookup validation needs. */
export function emailsIn(records: readonly RawRecord[]): string[] {
	const emails = new Set<string>();
	for (const r of records) {
		const email = r.values.resident_email.trim().toLowerCase();
		if (email) emails.add(email);
	}
	return [...emails];
}

/** The downloadable template: the header row, with a BOM so spreadsheet programs read it as UTF-8. */
export function importTemplate(): string {
	return `\uFEFF${importColumns.join(',')}\r\n`;
}

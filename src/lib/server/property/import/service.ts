import { createHash } from 'node:crypto';
import { and, inArray, ne, sql } from 'drizzle-orm';
import { db } from '../../db/client.ts';
import { estates, users } from '../../db/schema/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../events/service.ts';
import { inActorEstates, requireStaff } from '../../auth/guards.ts';
import { InputError } from '../../kernel/input-error.ts';
import { applyImport, type ImportCounts } from './apply.ts';
import { emailsIn, readImportFile, validateRecords, type ImportContext, type RowError } from './csv.ts';

export interface ImportUpload {
	name: string;
	bytes: Uint8Array;
}

export interface ImportReport {
	/** False when the file had bad rows and the user did not ask to import the good ones. */
	imported: boolean;
	totalRows: number;
	goodRows: number;
	errors: RowError[];
	counts: ImportCounts | null;
}

async function importContext(actor: Actor, emails: string[]): Promise<ImportContext> {
	const [estateRows, staffRows] = await Promise.all([
		db().select({ id: estates.id, code: estates.code }).from(estates).where(inActorEstates(actor, estates.id)),
		emails.length === 0
			? Promise.resolve([])
			: db()
					.select({ email: users.email })
					.from(users)
					.where(
						and(
							ne(users.kind, 'resident'),
							// One JSON parameter instead of one per email: a big file has tens of thousands.
							inArray(users.email, sql`(select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`)
						)
					)
	]);
	return {
		estates: new Map(estateRows.map((e) => [e.code, e.id])),
		nonResidentEmails: new Set(staffRows.map((r) => r.email))
	};
}

/**
 * Imports units and their occupants from a CSV file. Every row is validated first; with any bad
 * row nothing is written unless `importGoodRows` is set. The write is one transaction with one
 * audit entry, so a failure leaves nothing half-saved. File-level problems (size, encoding,
 * header) throw a InputError on the `file` field.
 */
export async function importRegistryCsv(
	actor: Actor,
	upload: ImportUpload,
	options: { importGoodRows: boolean; ip?: string }
): Promise<ImportReport> {
	requireStaff(actor, 'registry.import');
	const read = readImportFile(upload.bytes);
	if (!read.ok) throw new InputError('file', read.error);
	const context = await importContext(actor, emailsIn(read.records));
	const { rows, errors } = validateRecords(read.records, context);
	const report = { totalRows: read.records.length, goodRows: rows.length, errors };
	if (errors.length > 0 && !options.importGoodRows) return { ...report, imported: false, counts: null };

	const counts = await db().transaction(async (tx) => {
		const result = await applyImport(tx, actor, rows);
		await recordAudit(tx, {
			actor,
			ip: options.ip,
			action: 'registry.import',
			subjectType: 'registry_import',
			subjectId: createHash('sha256').update(upload.bytes).digest('hex'),
			detail: {
				fileName: upload.name.slice(0, 200),
				rows: read.records.length,
				skippedLines: errors.map((e) => e.line).slice(0, 1000),
				...result
			}
		});
		return result;
	});
	return { ...report, imported: true, counts };
}

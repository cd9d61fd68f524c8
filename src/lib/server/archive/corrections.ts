/**
 * Correcting the unit's file: the original entry is never changed (the database refuses), so a
 * correction is a new entry of kind 'correction' that names the one it corrects, in the same part
 * of the file, with what was wrong and the corrected text, by the staff member who made it. The
 * customer-service manager and the admin correct the file (archive.correct); a correction is no
 * read of the file and leaves the read log and the audit trail as they are.
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { archiveEntries } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { visibleUnit } from '../property/units.ts';
import { fileInArchive } from './file.ts';
import { openUnitFile, type OpenedFile } from './open.ts';

const TEXT_MAX = 1000;

const correctionSchema = z.object({
	entryId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.archive_correct_reason_required() })
		.max(TEXT_MAX, { error: () => m.archive_correct_too_long({ max: TEXT_MAX }) }),
	text: z
		.string()
		.trim()
		.min(1, { error: () => m.archive_correct_text_required() })
		.max(TEXT_MAX, { error: () => m.archive_correct_too_long({ max: TEXT_MAX }) })
});

/**
 * Files a correction of one entry of the unit's file: `reason` says what is wrong, `text` what it
 * should say. 403 without archive.correct; 404 for a unit outside the actor's estates or an entry
 * of another unit.
 */
export async function correctEntry(actor: Actor, unitId: string, input: unknown) {
	requireStaff(actor, 'archive.correct');
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		// A malformed entry id names no entry: a 404, like another unit's.
		const { entryId } = (input ?? {}) as { entryId?: unknown };
		if (!/^[1-9][0-9]{0,15}$/.test(typeof entryId === 'string' || typeof entryId === 'number' ? String(entryId) : ''))
			error(404, 'Not found');
		const data = parseInput(correctionSchema, input);
		const [original] = await tx
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.id, data.entryId), eq(archiveEntries.unitId, unit.id)));
		if (!original) error(404, 'Not found');
		return fileInArchive(tx, {
			unitId: original.unitId,
			occupancyId: original.occupancyId,
			moveId: original.moveId,
			kind: 'correction',
			sourceType: original.sourceType,
			sourceId: original.sourceId,
			summary: { reference: original.summary.reference, reason: data.reason, corrected: data.text },
			correctsId: original.id,
			actor
		});
	});
}

export interface CorrectionOutcome {
	file: OpenedFile;
	/** The correction filed, or null when it was refused. */
	corrected: { id: number; correctsId: number } | null;
	/** What refused it, at its field, for the entry it was for. */
	problem: { entryId: string; field: string; message: string } | null;
}

/**
 * The file page's correction: files it (correctEntry), then shows the file again — opened as
 * every showing of it is, logged with the reader's reason — so the reader sees the correction
 * beside the original, or the field that refused it beside its entry.
 */
export async function correctInOpenFile(
	actor: Actor,
	unitId: string,
	input: { entryId: string; reason: string; text: string },
	options: { reason?: string | null; locale?: string } = {}
): Promise<CorrectionOutcome> {
	let corrected: CorrectionOutcome['corrected'] = null;
	let problem: CorrectionOutcome['problem'] = null;
	try {
		const row = await correctEntry(actor, unitId, input);
		corrected = { id: row.id, correctsId: row.correctsId! };
	} catch (err) {
		if (!(err instanceof InputError)) throw err;
		problem = { entryId: input.entryId, field: err.field, message: err.message };
	}
	return { file: await openUnitFile(actor, unitId, options), corrected, problem };
}

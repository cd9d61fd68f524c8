/**
 * Opening a unit's file as staff: every opening — the file, one part's printed index — is logged
 * in the same transaction as it is read (who, when, what, why: archive_reads), so a read that
 * is not logged never happens. Customer service and managers may give a reason; staff reading
 * by a grant must.
 */
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { businessToday } from '#lib/time/index.ts';
import { db, type Tx } from '../db/client.ts';
import { and, eq } from 'drizzle-orm';
import { archiveEntries, archiveReads, files } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import type { UnitHeader } from '../property/units.ts';
import { requireArchiveAccess, type ArchiveAccess } from './access.ts';
import { entrySources, readFilePart, readFileParts, type FilePart, type UnitFileParts } from './read.ts';
import type { SubjectRef } from '../staff-admin/audit-subjects.ts';

const REASON_MAX = 500;

interface OpenOptions {
	reason?: string | null;
	now?: Date;
	locale?: string;
}

/**
 * Checks the reader may open the file now and that `found` (what is opened, read by the caller
 * once the unit is known) exists, then logs the opening in the same transaction.
 */
async function logOpening<T>(
	tx: Tx,
	actor: Actor,
	unitId: string,
	what: 'file' | 'entry' | 'pdf',
	options: OpenOptions & { occupancyId?: string | null; entryId?: number | null },
	read: (unit: UnitHeader) => Promise<T | null>
): Promise<{ unit: UnitHeader; access: Exclude<ArchiveAccess, { by: 'none' }>; found: T }> {
	const now = options.now ?? new Date();
	const { unit, access } = await requireArchiveAccess(tx, actor, unitId, now);
	const reason = (options.reason ?? '').trim();
	if (reason.length > REASON_MAX) throw new InputError('reason', m.archive_reason_too_long());
	if (access.by === 'grant' && !reason) throw new InputError('reason', m.archive_reason_required());
	const found = await read(unit);
	if (found === null) error(404, 'Not found');
	await tx.insert(archiveReads).values({
		unitId: unit.id,
		estateId: unit.estateId,
		occupancyId: options.occupancyId ?? null,
		what,
		entryId: options.entryId ?? null,
		readerId: actor.userId,
		reason,
		grantId: access.by === 'grant' ? access.grantId : null,
		at: now
	});
	return { unit, access, found };
}

export interface OpenedFile extends UnitFileParts {
	unit: UnitHeader;
	access: Exclude<ArchiveAccess, { by: 'none' }>;
	today: string;
	/** Each entry's source record, by entry id (reference, and its page when the reader may open it). */
	sources: Record<number, SubjectRef>;
}

/** Opens the unit's whole file (logged). 404 outside the actor's estates, 403 without a right or a grant. */
export async function openUnitFile(actor: Actor, unitId: string, options: OpenOptions = {}): Promise<OpenedFile> {
	const now = options.now ?? new Date();
	const opened = await db().transaction(async (tx) => {
		const { unit, access, found } = await logOpening(tx, actor, unitId, 'file', options, async (unit) => {
			const today = businessToday(unit, now);
			return { today, ...(await readFileParts(tx, unit.id, today)) };
		});
		return { unit, access, ...found };
	});
	const entries = opened.parts.flatMap((p) => p.entries);
	const sources = await entrySources(db(), actor, options.locale ?? 'en', opened.unit.id, entries);
	return { ...opened, sources: Object.fromEntries(sources) };
}

/** One occupancy's part for its printed index (logged as a PDF read); 404 for another unit's occupancy. */
export async function openFilePart(
	actor: Actor,
	unitId: string,
	occupancyId: string,
	options: OpenOptions = {}
): Promise<{ unit: UnitHeader; part: FilePart; sources: Map<number, SubjectRef> }> {
	const now = options.now ?? new Date();
	if (!isUuid(occupancyId)) error(404, 'Not found');
	const found = await db().transaction(async (tx) => {
		const { unit, found } = await logOpening(tx, actor, unitId, 'pdf', { ...options, occupancyId }, (unit) =>
			readFilePart(tx, unit.id, occupancyId, businessToday(unit, now))
		);
		return { unit, part: found };
	});
	return { ...found, sources: await entrySources(db(), actor, options.locale ?? 'en', found.unit.id, found.part.entries) };
}

/**
 * The document filed with one entry (a signed form, a signature), for download: logged as a read
 * of that entry. Another unit's entry, an entry without a document or a malformed id is a 404.
 */
export async function openEntryDocument(actor: Actor, unitId: string, entryId: string, options: OpenOptions = {}) {
	const id = /^[1-9][0-9]{0,15}$/.test(entryId) ? Number(entryId) : null;
	if (id === null) error(404, 'Not found');
	return db().transaction(async (tx) => {
		const { found } = await logOpening(tx, actor, unitId, 'entry', { ...options, entryId: id }, async (unit) => {
			const [row] = await tx
				.select({ file: files })
				.from(archiveEntries)
				.innerJoin(files, eq(files.id, archiveEntries.fileId))
				.where(and(eq(archiveEntries.id, id), eq(archiveEntries.unitId, unit.id)));
			return row?.file ?? null;
		});
		return found;
	});
}

/**
 * Correcting the unit's file: the original entry is never changed (the database refuses), so a
 * correction is a new entry of kind 'correction' that names the one it corrects, with the staff
 * member's reason, in the same occupancy's part. Customer service keeps the file (archive.read).
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { archiveEntries } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { InputError } from '../kernel/input-error.ts';
import { visibleUnit } from '../property/units.ts';
import { fileInArchive } from './file.ts';

export async function correctEntry(actor: Actor, entryId: number, input: { reason: string }) {
	requireStaff(actor, 'archive.read');
	if (!Number.isSafeInteger(entryId) || entryId <= 0) error(404, 'Not found');
	const reason = input.reason.trim();
	if (!reason || reason.length > 1000) throw new InputError('reason', m.archive_reason_required());
	return db().transaction(async (tx) => {
		const [original] = await tx.select().from(archiveEntries).where(eq(archiveEntries.id, entryId));
		if (!original) error(404, 'Not found');
		await visibleUnit(actor, original.unitId, tx);
		return fileInArchive(tx, {
			unitId: original.unitId,
			occupancyId: original.occupancyId,
			kind: 'correction',
			sourceType: original.sourceType,
			sourceId: original.sourceId,
			summary: { ...original.summary, reason },
			correctsId: original.id,
			actor
		});
	});
}

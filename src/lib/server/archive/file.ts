import type { Executor } from '../db/client.ts';
import { archiveEntries } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { ArchiveKind } from './kinds.ts';

export interface ArchiveEntryInput {
	unitId: string;
	/** Whose part of the file: the occupancy the record belongs to, or null for the unit's own. */
	occupancyId: string | null;
	/**
	 * The move (入伙 / 遷出) it is filed for: a move-in's papers have no occupancy yet, and the
	 * reader places them in the one the move starts (read.ts).
	 */
	moveId?: string | null;
	kind: ArchiveKind;
	/** The record filed (its subject type and id), so the file links to it. */
	sourceType: string;
	sourceId: string;
	/** What the file's index shows: a reference, a title, an amount in minor units… */
	summary?: Record<string, unknown>;
	fileId?: string | null;
	/** The entry this one corrects; the original is never changed. */
	correctsId?: number | null;
	actor: Pick<Actor, 'userId'> | null;
	/** When the record was made, if not now: a past record filed afterwards (the demo seed's history) keeps its own time. */
	at?: Date;
}

/**
 * Files one entry in the unit's file (一戶一檔). Pass the transaction that writes the source
 * record, so the record and its entry commit together.
 */
export async function fileInArchive(executor: Executor, input: ArchiveEntryInput) {
	const [row] = await executor
		.insert(archiveEntries)
		.values({
			unitId: input.unitId,
			occupancyId: input.occupancyId,
			moveId: input.moveId ?? null,
			kind: input.kind,
			sourceType: input.sourceType,
			sourceId: input.sourceId,
			summary: input.summary ?? {},
			fileId: input.fileId ?? null,
			correctsId: input.correctsId ?? null,
			actorId: input.actor?.userId ?? null,
			...(input.at && { at: input.at })
		})
		.returning();
	return row!;
}

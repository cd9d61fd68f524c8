/**
 * A notice's file, for whoever may read the notice: the office of its estate (notices.manage), or
 * a resident it was sent to while it is current. Everyone else gets the same 404 as for no file.
 */
import { error } from '@sveltejs/kit';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { files, notices } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { myNotice } from './resident.ts';

export async function noticeFileFor(actor: Actor, fileId: string) {
	if (!isUuid(fileId)) error(404, 'Not found');
	const [row] = await db()
		.select({ file: files, estateId: notices.estateId, noticeId: notices.id })
		.from(files)
		.innerJoin(notices, sql`${notices.id}::text = ${files.subjectId}`)
		.where(and(eq(files.id, fileId), eq(files.subjectType, 'notice')));
	if (!row) error(404, 'Not found');
	if (actor.kind === 'staff') {
		if (!can(actor, 'notices.manage') || !canSeeEstate(actor, row.estateId)) error(404, 'Not found');
	} else {
		await myNotice(actor, row.noticeId);
	}
	return row.file;
}

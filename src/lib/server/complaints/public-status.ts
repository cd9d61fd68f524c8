import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { complaints, estates } from '../db/schema/index.ts';
import { listEvents } from '../events/service.ts';
import { shownTo, type ComplaintEventKind } from './event-kinds.ts';
import { complaintReference } from './notices.ts';

/**
 * What the complainant may read of a complaint — its reference, state, result and the timeline
 * entries meant for them — for a caller who has already proved it is theirs (the widget's
 * tracking code with their phone or email). Nothing about staff or internal steps.
 */
export async function complaintPublicStatus(executor: Executor, complaintId: string) {
	const [row] = await executor
		.select({ complaint: complaints, timeZone: estates.timeZone })
		.from(complaints)
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.where(eq(complaints.id, complaintId));
	if (!row) return null;
	const { complaint } = row;
	const entries = (await listEvents('complaint', complaint.id, executor)).filter((e) => shownTo(e.kind, 'all'));
	return {
		type: 'complaint' as const,
		reference: complaintReference(complaint),
		state: complaint.state,
		timeZone: row.timeZone,
		filedAt: complaint.createdAt,
		resolution: complaint.state === 'resolved' || complaint.state === 'closed' ? complaint.resolution : '',
		timeline: entries.map((e) => ({ id: e.id, at: e.at, kind: e.kind as ComplaintEventKind, note: e.note }))
	};
}

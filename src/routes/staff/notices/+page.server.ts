import type { PageServerLoad } from './$types';
import { officeNotices } from '#lib/server/notices/office-queries.ts';
import { noticeStatus } from '#lib/server/notices/status.ts';

/** The notices of the actor's estates, newest first, each with where it stands. */
export const load = (async ({ locals }) => {
	const now = new Date();
	const notices = await officeNotices(locals.actor);
	return { notices: notices.map((n) => ({ ...n, status: noticeStatus(n, now) })) };
}) satisfies PageServerLoad;

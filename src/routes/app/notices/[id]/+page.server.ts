import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { myNotice, recordNoticeRead } from '#lib/server/notices/resident.ts';

/** One of the resident's current notices (404 for anyone it was not sent to). Reading it is recorded by the POST below, never here. */
export const load = (async ({ locals, params }) => ({ notice: await myNotice(locals.actor, params.id) })) satisfies PageServerLoad;

export const actions = {
	/**
	 * Opening a notice: the lists' entries are small forms that post here, so the reading is
	 * recorded by a POST (loads never write, as the archive's reads are POSTs) and the notice is
	 * shown after it. Opened by its link from the inbox or an email instead, the page offers the same
	 * form as "Mark as read".
	 */
	open: async ({ locals, params }) => {
		await recordNoticeRead(locals.actor, params.id);
		redirect(303, `/app/notices/${params.id}`);
	}
} satisfies Actions;

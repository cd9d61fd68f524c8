import type { PageServerLoad } from './$types';
import { can } from '#lib/server/auth/guards.ts';
import { listRefunds } from '#lib/server/fees/refunds.ts';
import { refundReference } from '#lib/references.ts';

export const load = (async ({ locals, url }) => {
	// listRefunds checks the permission (fees.read, refunds.approve or payments.counter) and the estates.
	const page = Number(url.searchParams.get('page') ?? '1');
	const list = await listRefunds(locals.actor, { filter: url.searchParams.get('state'), page: Number.isSafeInteger(page) ? page : 1 });
	return {
		filter: list.filter,
		page: list.page,
		more: list.more,
		canRequest: can(locals.actor, 'fees.manage'),
		rows: list.rows.map((row) => ({ ...row, reference: refundReference(row.seq) }))
	};
}) satisfies PageServerLoad;

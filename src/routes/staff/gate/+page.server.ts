import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { findSlipByNumber } from '#lib/server/goods-release/gate.ts';
import { gateDay } from '#lib/server/goods-release/queries.ts';

/** The gate: the number box (a GET form: it only looks up), and the day's slips to check and released. */
export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'releases.gate');
	const number = (url.searchParams.get('number') ?? '').trim().slice(0, 20);
	if (number) {
		const token = await findSlipByNumber(locals.actor, number);
		if (token) redirect(303, `/staff/gate/${token}`);
	}
	return { number, unknown: number !== '', day: await gateDay(locals.actor) };
}) satisfies PageServerLoad;

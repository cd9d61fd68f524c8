import type { PageServerLoad } from './$types';
import { listCorrections } from '#lib/server/fees/corrections.ts';

export const load = (async ({ locals, url }) => {
	// listCorrections checks fees.read and keeps to the actor's estates.
	const page = Number(url.searchParams.get('page') ?? '1');
	const list = await listCorrections(locals.actor, { filter: url.searchParams.get('show'), page: Number.isSafeInteger(page) ? page : 1 });
	return list;
}) satisfies PageServerLoad;

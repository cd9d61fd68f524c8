import { error, redirect } from '@sveltejs/kit';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { listMyCompanies } from '#lib/server/accounts/company.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const companies = await listMyCompanies(locals.actor);
	if (companies.length === 0) error(404, 'Not a member of any company');
	if (companies.length === 1) redirect(303, `/app/company/${companies[0]!.id}`);
	return { companies };
}) satisfies PageServerLoad;

import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '#lib/server/auth/actor.ts';
import { listMyCompanies } from '#lib/server/accounts/company.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	requireUser(locals.actor);
	const companies = await listMyCompanies(locals.actor);
	if (companies.length === 0) error(404, 'Not a member of any company');
	if (companies.length === 1) redirect(303, `/app/company/${companies[0]!.id}`);
	return { companies };
}) satisfies PageServerLoad;

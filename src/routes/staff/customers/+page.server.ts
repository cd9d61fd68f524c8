import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { customerFilter, customerList } from '#lib/server/customers/directory.ts';
import { requestGrading } from '#lib/server/customers/grading.ts';

export const load = (async ({ locals, url }) => ({
	...(await customerList(locals.actor, customerFilter(url.searchParams))),
	canGrade: can(locals.actor, 'customers.grade'),
	asked: url.searchParams.get('graded') === '1'
})) satisfies PageServerLoad;

export const actions = {
	recompute: async ({ locals }) => {
		requireStaff(locals.actor, 'customers.grade');
		await requestGrading(locals.actor);
		redirect(303, '/staff/customers?graded=1');
	}
} satisfies Actions;

import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { teamCreateSchema } from '#lib/schemas/repair-teams.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import {
	addTeamMember,
	createTeam,
	listTeams,
	removeTeamMember,
	renameTeam,
	setTeamActive,
	teamCandidates,
	teamEstates
} from '#lib/server/repairs/teams.ts';

export const load = (async ({ locals, url }) => {
	const estates = await teamEstates(locals.actor!);
	const wanted = url.searchParams.get('estate');
	const estateId = estates.some((e) => e.id === wanted) ? wanted! : (estates[0]?.id ?? '');
	const [teams, candidates, form] = await Promise.all([
		estateId ? listTeams(locals.actor!, estateId) : [],
		estateId ? teamCandidates(locals.actor!, estateId) : [],
		superValidate({ estateId, name: '' }, zod4(teamCreateSchema), { id: 'create', errors: false })
	]);
	return { estates, estateId, teams, candidates, form };
}) satisfies PageServerLoad;

/** A row form (one per team): its fields as text, and the team it is about. */
async function rowForm(request: Request) {
	const body = Object.fromEntries(await request.formData());
	const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
	return { teamId: text('teamId'), name: text('name'), userId: text('userId') };
}

/** Runs a team change; an InputError comes back beside the team's row. */
async function onRow(event: RequestEvent, run: (row: Awaited<ReturnType<typeof rowForm>>, ip: string) => Promise<void>, done: string) {
	const row = await rowForm(event.request);
	try {
		await run(row, event.getClientAddress());
	} catch (err) {
		if (!(err instanceof InputError)) throw err;
		return fail(400, { rowError: { teamId: row.teamId, field: err.field, message: err.message, name: row.name } });
	}
	return { done, teamId: row.teamId };
}

export const actions = {
	create: async ({ request, locals, getClientAddress }) => {
		const form = await superValidate(request, zod4(teamCreateSchema), { id: 'create' });
		if (!form.valid) return fail(400, { form });
		try {
			await createTeam(locals.actor!, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		const name = form.data.name;
		form.data.name = '';
		return message(form, m.repairs_staff_team_created({ name }));
	},
	rename: (event) =>
		onRow(
			event,
			(row, ip) => renameTeam(event.locals.actor!, { teamId: row.teamId, name: row.name }, { ip }),
			m.repairs_staff_team_renamed()
		),
	deactivate: (event) =>
		onRow(event, (row, ip) => setTeamActive(event.locals.actor!, row.teamId, false, { ip }), m.repairs_staff_team_deactivated()),
	activate: (event) =>
		onRow(event, (row, ip) => setTeamActive(event.locals.actor!, row.teamId, true, { ip }), m.repairs_staff_team_activated()),
	addMember: (event) =>
		onRow(
			event,
			(row, ip) => addTeamMember(event.locals.actor!, { teamId: row.teamId, userId: row.userId }, { ip }),
			m.repairs_staff_team_member_added()
		),
	removeMember: (event) =>
		onRow(
			event,
			(row, ip) => removeTeamMember(event.locals.actor!, { teamId: row.teamId, userId: row.userId }, { ip }),
			m.repairs_staff_team_member_removed()
		)
} satisfies Actions;

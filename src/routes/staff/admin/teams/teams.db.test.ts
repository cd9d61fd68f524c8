import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { auditLog, repairTeams } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { teamChoices } from '#lib/server/repairs/staff-choices.ts';
import { actions, load } from './+page.server.ts';

type Result = { status?: number; data?: Record<string, unknown> & { form?: { errors: Record<string, unknown> } }; done?: string };

let estateA: { id: string };
let estateB: { id: string };
let lead: Actor;
let tech1: Actor;
let tech2: Actor;
let techB: Actor;
let desk: Actor;

const show = (actor: Actor, estate = estateA.id) => load(fakeEvent({ actor, path: `/staff/admin/teams?estate=${estate}` }));
const act = (name: keyof typeof actions, actor: Actor, form: Record<string, string>) =>
	(actions[name] as (event: never) => Promise<unknown>)(fakeEvent({ actor, form })) as Promise<Result>;

async function audits(teamId: string) {
	const rows = await db()
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.subjectType, 'repair_team'), eq(auditLog.subjectId, teamId)))
		.orderBy(auditLog.id);
	return rows.map((r) => r.action);
}

beforeAll(async () => {
	estateA = await fx.estate();
	estateB = await fx.estate();
	lead = await fx.staffActor(['engineering_supervisor'], [estateA.id]);
	tech1 = await fx.staffActor(['engineering'], [estateA.id]);
	tech2 = await fx.staffActor(['engineering'], [estateA.id]);
	techB = await fx.staffActor(['engineering'], [estateB.id]);
	desk = await fx.staffActor(['customer_service'], [estateA.id]);
});

describe('/staff/admin/teams', () => {
	it('creates a team, adds and removes technicians, renames and deactivates it — each on the audit log', async () => {
		const created = await act('create', lead, { estateId: estateA.id, name: 'Plumbing crew' });
		expect(created.status ?? 200).toBe(200);
		const [team] = await db().select().from(repairTeams).where(eq(repairTeams.estateId, estateA.id));
		expect(team!.name).toBe('Plumbing crew');

		expect((await act('addMember', lead, { teamId: team!.id, userId: tech1.userId })).done).toBeTruthy();
		expect((await act('addMember', lead, { teamId: team!.id, userId: tech2.userId })).done).toBeTruthy();
		let page = await show(lead);
		expect(page.teams.map((t) => [t.name, t.members.length, t.active])).toEqual([['Plumbing crew', 2, true]]);
		expect(page.candidates.map((c) => c.id).sort()).toEqual([tech1.userId, tech2.userId].sort());

		expect((await act('removeMember', lead, { teamId: team!.id, userId: tech2.userId })).done).toBeTruthy();
		expect((await act('rename', lead, { teamId: team!.id, name: 'Plumbing team 1' })).done).toBeTruthy();
		expect((await act('deactivate', lead, { teamId: team!.id })).done).toBeTruthy();

		page = await show(lead);
		expect(page.teams.map((t) => [t.name, t.members.map((m) => m.id), t.active])).toEqual([['Plumbing team 1', [tech1.userId], false]]);
		// A deactivated team is no longer offered for round-robin assignment.
		expect(await teamChoices(db(), estateA.id)).toEqual([]);
		expect(await audits(team!.id)).toEqual([
			'repairs.team.create',
			'repairs.team.member.add',
			'repairs.team.member.add',
			'repairs.team.member.remove',
			'repairs.team.rename',
			'repairs.team.deactivate'
		]);

		expect((await act('activate', lead, { teamId: team!.id })).done).toBeTruthy();
		expect((await teamChoices(db(), estateA.id)).map((t) => t.id)).toEqual([team!.id]);
	});

	it('shows mistakes beside the team: a duplicate name, someone who is not a technician here, a member twice', async () => {
		await act('create', lead, { estateId: estateA.id, name: 'Electrical' });
		const duplicate = await act('create', lead, { estateId: estateA.id, name: 'Electrical' });
		expect(duplicate.status).toBe(400);
		expect(duplicate.data?.form?.errors.name).toBeTruthy();

		const [team] = await db()
			.select()
			.from(repairTeams)
			.where(and(eq(repairTeams.estateId, estateA.id), eq(repairTeams.name, 'Electrical')));
		for (const userId of [techB.userId, desk.userId]) {
			const refused = await act('addMember', lead, { teamId: team!.id, userId });
			expect(refused.status).toBe(400);
			expect(refused.data?.rowError).toMatchObject({ teamId: team!.id, field: 'userId' });
		}
		await act('addMember', lead, { teamId: team!.id, userId: tech1.userId });
		const twice = await act('addMember', lead, { teamId: team!.id, userId: tech1.userId });
		expect(twice.data?.rowError).toMatchObject({ field: 'userId' });

		const renamed = await act('rename', lead, { teamId: team!.id, name: 'Plumbing team 1' });
		expect(renamed.data?.rowError).toMatchObject({ field: 'name', name: 'Plumbing team 1' });
		const blank = await act('rename', lead, { teamId: team!.id, name: '  ' });
		expect(blank.data?.rowError).toMatchObject({ field: 'name' });
	});

	it('is 403 without repairs.teams and 404 for a team or estate elsewhere', async () => {
		expect((await thrown(() => show(desk))).status).toBe(403);
		expect((await thrown(() => show(tech1))).status).toBe(403);
		expect((await thrown(() => act('create', desk, { estateId: estateA.id, name: 'Sneaky' }))).status).toBe(403);

		const [teamB] = await db().insert(repairTeams).values({ estateId: estateB.id, name: 'B team' }).returning();
		expect((await thrown(() => act('deactivate', lead, { teamId: teamB!.id }))).status).toBe(404);
		expect((await thrown(() => act('addMember', lead, { teamId: teamB!.id, userId: techB.userId }))).status).toBe(404);
		expect((await thrown(() => act('create', lead, { estateId: estateB.id, name: 'Mine now' }))).status).toBe(404);
		// Asking for another estate's page shows the lead's own estate instead.
		expect((await show(lead, estateB.id)).estateId).toBe(estateA.id);
	});
});

import { error } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import {
	teamCreateSchema,
	teamMemberSchema,
	teamRenameSchema,
	type TeamCreateInput,
	type TeamMemberInput,
	type TeamRenameInput
} from '#lib/schemas/repair-teams.ts';
import { type Actor } from '../auth/actor.ts';
import { requireEstate, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { estates, repairTeamMembers, repairTeams, users } from '../db/schema/index.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { recordAudit } from '../events/service.ts';
import { type AuditContext } from '../property/access.ts';
import { actorEstates } from '../property/estates.ts';
import { isStaffInEstate, staffInEstate, type StaffChoice } from './people.ts';

/** Team members hand out round-robin orders, so only technicians (engineering) may join. */
const memberRoles = ['engineering'] as const;

export interface TeamEstate {
	id: string;
	code: string;
	name: string;
}

/** The estates whose teams the actor manages. */
export async function teamEstates(actor: Actor, executor: Executor = db()): Promise<TeamEstate[]> {
	requireStaff(actor, 'repairs.teams');
	return actorEstates(actor, executor);
}

export interface TeamRow {
	id: string;
	name: string;
	active: boolean;
	members: StaffChoice[];
}

/** The teams of one estate (active first, then by name) with their members; 404 outside the actor's estates. */
export async function listTeams(actor: Actor, estateId: string, executor: Executor = db()): Promise<TeamRow[]> {
	requireStaff(actor, 'repairs.teams');
	if (!isUuid(estateId)) error(404, 'Not found');
	requireEstate(actor, estateId);
	const [teams, members] = await Promise.all([
		executor
			.select({ id: repairTeams.id, name: repairTeams.name, active: repairTeams.active })
			.from(repairTeams)
			.where(eq(repairTeams.estateId, estateId))
			.orderBy(asc(repairTeams.name), asc(repairTeams.id)),
		executor
			.select({ teamId: repairTeamMembers.teamId, id: users.id, name: users.name })
			.from(repairTeamMembers)
			.innerJoin(repairTeams, eq(repairTeams.id, repairTeamMembers.teamId))
			.innerJoin(users, eq(users.id, repairTeamMembers.userId))
			.where(eq(repairTeams.estateId, estateId))
			.orderBy(asc(users.name), asc(users.id))
	]);
	return teams
		.map((team) => ({
			...team,
			members: members.filter((row) => row.teamId === team.id).map(({ id, name }) => ({ id, name }))
		}))
		.sort((a, b) => Number(b.active) - Number(a.active));
}

/** Technicians of the estate who may join its teams. */
export async function teamCandidates(actor: Actor, estateId: string, executor: Executor = db()): Promise<StaffChoice[]> {
	requireStaff(actor, 'repairs.teams');
	if (!isUuid(estateId)) error(404, 'Not found');
	requireEstate(actor, estateId);
	return staffInEstate(executor, estateId, memberRoles);
}

/** The team, locked, if it belongs to an estate of the actor; 404 otherwise. */
async function lockTeam(tx: Tx, actor: Actor, teamId: string) {
	const [team] = isUuid(teamId) ? await tx.select().from(repairTeams).where(eq(repairTeams.id, teamId)).for('update') : [];
	requireEstate(actor, team?.estateId);
	return team;
}

function nameTaken(err: unknown): never {
	rethrowUnique(err, { repair_teams_estate_name: () => new InputError('name', m.repairs_staff_team_name_taken()) });
}

export async function createTeam(actor: Actor, raw: TeamCreateInput, context: AuditContext = {}): Promise<{ id: string }> {
	requireStaff(actor, 'repairs.teams');
	const input = parseInput(teamCreateSchema, raw);
	requireEstate(actor, input.estateId);
	return db().transaction(async (tx) => {
		const [estate] = await tx.select({ id: estates.id }).from(estates).where(eq(estates.id, input.estateId));
		if (!estate) error(404, 'Not found');
		const [team] = await tx
			.insert(repairTeams)
			.values({ estateId: estate.id, name: input.name })
			.returning({ id: repairTeams.id })
			.catch(nameTaken);
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'repairs.team.create',
			subjectType: 'repair_team',
			subjectId: team!.id,
			detail: { estateId: estate.id, name: input.name }
		});
		return { id: team!.id };
	});
}

export async function renameTeam(actor: Actor, raw: TeamRenameInput, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'repairs.teams');
	const input = parseInput(teamRenameSchema, raw);
	await db().transaction(async (tx) => {
		const team = await lockTeam(tx, actor, input.teamId);
		if (team.name === input.name) return;
		await tx.update(repairTeams).set({ name: input.name }).where(eq(repairTeams.id, team.id)).catch(nameTaken);
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'repairs.team.rename',
			subjectType: 'repair_team',
			subjectId: team.id,
			detail: { estateId: team.estateId, from: team.name, to: input.name }
		});
	});
}

/**
 * Deactivating keeps the team on past orders but takes it out of round-robin and of new
 * assignments; reactivating brings it back with its members.
 */
export async function setTeamActive(actor: Actor, teamId: string, active: boolean, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'repairs.teams');
	await db().transaction(async (tx) => {
		const team = await lockTeam(tx, actor, teamId);
		if (team.active === active) return;
		await tx.update(repairTeams).set({ active }).where(eq(repairTeams.id, team.id));
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: active ? 'repairs.team.activate' : 'repairs.team.deactivate',
			subjectType: 'repair_team',
			subjectId: team.id,
			detail: { estateId: team.estateId, name: team.name }
		});
	});
}

export async function addTeamMember(actor: Actor, raw: TeamMemberInput, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'repairs.teams');
	const input = parseInput(teamMemberSchema, raw);
	await db().transaction(async (tx) => {
		const team = await lockTeam(tx, actor, input.teamId);
		if (!(await isStaffInEstate(tx, input.userId, team.estateId, memberRoles))) {
			throw new InputError('userId', m.repairs_staff_team_member_invalid());
		}
		const added = await tx
			.insert(repairTeamMembers)
			.values({ teamId: team.id, userId: input.userId })
			.onConflictDoNothing()
			.returning({ userId: repairTeamMembers.userId });
		if (added.length === 0) throw new InputError('userId', m.repairs_staff_team_member_already());
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'repairs.team.member.add',
			subjectType: 'repair_team',
			subjectId: team.id,
			detail: { estateId: team.estateId, userId: input.userId }
		});
	});
}

/** Removing someone who is not a member changes nothing and records nothing. */
export async function removeTeamMember(actor: Actor, raw: TeamMemberInput, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'repairs.teams');
	const input = parseInput(teamMemberSchema, raw);
	await db().transaction(async (tx) => {
		const team = await lockTeam(tx, actor, input.teamId);
		const removed = await tx
			.delete(repairTeamMembers)
			.where(and(eq(repairTeamMembers.teamId, team.id), eq(repairTeamMembers.userId, input.userId)))
			.returning({ userId: repairTeamMembers.userId });
		if (removed.length === 0) return;
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'repairs.team.member.remove',
			subjectType: 'repair_team',
			subjectId: team.id,
			detail: { estateId: team.estateId, userId: input.userId }
		});
	});
}

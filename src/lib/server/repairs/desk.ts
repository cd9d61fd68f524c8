import { and, asc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { numericDateTime, parseLocalDateTime } from '#lib/time/index.ts';
import { assignSchema, handOverSchema, promiseSchema, type AssignInput } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { repairKinds, repairTeamMembers, repairTeams, users } from '../db/schema/index.ts';
import { kindNames } from './kind-names.ts';
import { isStaffInEstate, staffInEstate, userName } from './people.ts';
import { tellAboutRepair } from './notices.ts';
import { takeAction } from './transition.ts';

/** 首問: the first desk member to take up a portal request owns it until a hand-over. */
export async function claimRepair(actor: Actor, repairId: string): Promise<void> {
	return takeAction(actor, repairId, 'claim', async (_tx, { order }) => ({
		changes: { ownerId: actor.userId, firstResponseAt: order.firstResponseAt ?? new Date() }
	}));
}

/** Hands ownership to another desk member, on the record with a reason. Only the owner (or a supervisor) may. */
export async function handOverRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(handOverSchema, raw);
	return takeAction(actor, repairId, 'hand_over', async (tx, { order }) => {
		const owner = order.ownerId;
		if (input.toUserId === owner || !(await isStaffInEstate(tx, input.toUserId, order.estateId, ['customer_service', 'manager']))) {
			throw new InputError('toUserId', m.repairs_hand_over_target_invalid());
		}
		await tellAboutRepair(tx, order, 'handed_over', { userIds: [input.toUserId], audience: 'staff' }, { reason: input.reason });
		return {
			changes: { ownerId: input.toUserId },
			note: input.reason,
			data: { fromUserId: owner, toUserId: input.toUserId, toName: await userName(tx, input.toUserId) }
		};
	});
}

/** Sets the time by which the resident will hear back (typed in the estate's time zone). */
export async function promiseReply(actor: Actor, repairId: string, raw: unknown, { now = new Date() }: { now?: Date } = {}): Promise<void> {
	const input = parseInput(promiseSchema, raw);
	return takeAction(actor, repairId, 'promise', async (tx, { order, timeZone }) => {
		const at = parseLocalDateTime(input.promisedReplyBy, timeZone);
		if (!at || at <= now) throw new InputError('promisedReplyBy', m.repairs_promise_in_past());
		await tellAboutRepair(
			tx,
			order,
			'reply_promised',
			{ userIds: [order.requesterId], audience: 'resident' },
			{ when: numericDateTime(at, timeZone) }
		);
		return {
			changes: {
				promisedReplyBy: at,
				ownerId: order.ownerId ?? actor.userId,
				firstResponseAt: order.firstResponseAt ?? now,
				// A new promise: the deadline sweep tells about this one afresh.
				promiseMissedAt: null,
				promiseEscalatedAt: null
			},
			data: { promisedReplyBy: at.toISOString() }
		};
	});
}

/**
 * Round-robin: the team member assigned longest ago (never assigned first). The member rows are
 * locked so that two desks assigning at once hand out different technicians.
 */
async function nextInTeam(tx: Tx, teamId: string, estateId: string): Promise<{ teamId: string; technicianId: string }> {
	const [team] = isUuid(teamId)
		? await tx
				.select({ id: repairTeams.id })
				.from(repairTeams)
				.where(and(eq(repairTeams.id, teamId), eq(repairTeams.estateId, estateId), eq(repairTeams.active, true)))
		: [];
	if (!team) throw new InputError('teamId', m.repairs_team_required());
	const members = await tx
		.select({ userId: repairTeamMembers.userId })
		.from(repairTeamMembers)
		.innerJoin(users, eq(users.id, repairTeamMembers.userId))
		.where(and(eq(repairTeamMembers.teamId, team.id), eq(users.disabled, false)))
		.orderBy(sql`${repairTeamMembers.lastAssignedAt} asc nulls first`, asc(users.name))
		.for('update', { of: repairTeamMembers });
	const technicians = new Set((await staffInEstate(tx, estateId, ['engineering'])).map((s) => s.id));
	const next = members.find((member) => technicians.has(member.userId));
	if (!next) throw new InputError('teamId', m.repairs_team_empty());
	return { teamId: team.id, technicianId: next.userId };
}

async function teamOf(tx: Tx, technicianId: string, estateId: string): Promise<string | null> {
	const [row] = await tx
		.select({ teamId: repairTeams.id })
		.from(repairTeamMembers)
		.innerJoin(repairTeams, eq(repairTeams.id, repairTeamMembers.teamId))
		.where(and(eq(repairTeamMembers.userId, technicianId), eq(repairTeams.estateId, estateId), eq(repairTeams.active, true)))
		.limit(1);
	return row?.teamId ?? null;
}

/**
 * Turns a request into a work order for a technician (by hand, or the next in a team), or moves
 * an order to another technician — which needs a reason on the record, and the new technician
 * receives it afresh.
 */
export async function assignRepair(
	actor: Actor,
	repairId: string,
	raw: AssignInput,
	{ reassign = false } = {}
): Promise<{ technicianName: string }> {
	const input = parseInput(assignSchema, raw);
	return takeAction(actor, repairId, reassign ? 'reassign' : 'assign', async (tx, { order }) => {
		if (reassign && input.reason === '') throw new InputError('reason', m.repairs_reassign_reason_required());
		let pick: { teamId: string | null; technicianId: string };
		if (input.mode === 'round_robin') {
			pick = await nextInTeam(tx, input.teamId, order.estateId);
		} else {
			if (!(await isStaffInEstate(tx, input.technicianId, order.estateId, ['engineering']))) {
				throw new InputError('technicianId', m.repairs_technician_required());
			}
			pick = { teamId: await teamOf(tx, input.technicianId, order.estateId), technicianId: input.technicianId };
		}
		if (reassign && pick.technicianId === order.technicianId) throw new InputError('technicianId', m.repairs_same_technician());
		if (pick.teamId) {
			await tx
				.update(repairTeamMembers)
				.set({ lastAssignedAt: new Date() })
				.where(and(eq(repairTeamMembers.teamId, pick.teamId), eq(repairTeamMembers.userId, pick.technicianId)));
		}
		const technicianName = (await userName(tx, pick.technicianId)) ?? '';
		const [kind] = await tx.select().from(repairKinds).where(eq(repairKinds.id, order.kindId));
		const now = new Date();
		await tellAboutRepair(tx, order, 'order_for_you', { userIds: [pick.technicianId], audience: 'staff' }, { kind: kindNames(kind) }, [
			'inbox',
			'sms'
		]);
		await tellAboutRepair(tx, order, 'assigned', { userIds: [order.requesterId], audience: 'resident' }, { technician: technicianName });
		return {
			changes: {
				technicianId: pick.technicianId,
				teamId: pick.teamId,
				ownerId: order.ownerId ?? actor.userId,
				firstResponseAt: order.firstResponseAt ?? now,
				technicianReceivedAt: reassign ? null : order.technicianReceivedAt
			},
			note: input.reason,
			data: {
				technicianId: pick.technicianId,
				technicianName,
				teamId: pick.teamId,
				mode: input.mode,
				previousTechnicianId: order.technicianId
			},
			result: { technicianName }
		};
	});
}

/**
 * Who reaches a move and as what. Staff: moves.read in the case's estate (else 404, like a case
 * that does not exist). The moving party: the person named on it, or a member of the company
 * named on it — nobody else in the unit, no later occupant.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import type { Executor, Tx } from '../db/client.ts';
import { moves } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import type { MoveCapacity } from './machine.ts';

export type Move = typeof moves.$inferSelect;

/** Whether the actor is the moving party (in person or as a member of the company). */
function isMoveParty(actor: Actor, move: Pick<Move, 'partyUserId' | 'partyCompanyId'>): boolean {
	if (actor.kind !== 'resident') return false;
	if (move.partyUserId) return move.partyUserId === actor.userId;
	return actor.companies.some((c) => c.companyId === move.partyCompanyId);
}

function mayReadMove(actor: Actor, move: Move): boolean {
	if (actor.kind === 'staff') return can(actor, 'moves.read') && canSeeEstate(actor, move.estateId);
	return isMoveParty(actor, move);
}

/** What the actor may be on this case. */
export function moveCapacities(actor: Actor, move: Move): Set<MoveCapacity> {
	const capacities = new Set<MoveCapacity>();
	if (actor.kind === 'staff' && canSeeEstate(actor, move.estateId)) {
		if (can(actor, 'moves.manage')) capacities.add('desk');
		if (can(actor, 'moves.inspect')) capacities.add('inspector');
		if (can(actor, 'moves.settle')) capacities.add('finance');
		if (can(actor, 'moves.waive')) capacities.add('manager');
	}
	if (isMoveParty(actor, move)) capacities.add('party');
	return capacities;
}

/** The move, if the actor may read it; 404 otherwise. `lock` reads it FOR UPDATE (inside a transaction). */
export async function readMove(executor: Executor | Tx, actor: Actor, moveId: string, lock = false): Promise<Move> {
	if (!isUuid(moveId)) error(404, 'Not found');
	const query = executor.select().from(moves).where(eq(moves.id, moveId));
	const [move] = lock ? await query.for('update') : await query;
	if (!move || !mayReadMove(actor, move)) error(404, 'Not found');
	return move;
}

/**
 * One step of a move: one transaction that locks the case, asks its machine whether the actor
 * may take the action now, does the step's work, writes the new state and appends the event.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { db, type Tx } from '../db/client.ts';
import { moves } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { readMove, moveCapacities, type Move } from './access.ts';
import { moveInMachine, moveOutMachine, type MoveEventKind, type MoveInAction, type MoveOutAction, type MoveState } from './machine.ts';

export interface StepOutcome {
	event: MoveEventKind;
	note?: string;
	data?: Record<string, unknown>;
	/** Columns the step changes beside the state. */
	set?: Partial<Omit<Move, 'id' | 'state'>>;
}

/** Opens a case: its row, in the machine's first state, and the event that says so (one transaction, the caller's). */
export async function openMove(
	tx: Tx,
	actor: Actor,
	values: typeof moves.$inferInsert,
	event: { note?: string; data: Record<string, unknown> }
): Promise<{ id: string }> {
	const [row] = await tx.insert(moves).values(values).returning({ id: moves.id });
	await recordEvent(tx, { actor, subjectType: 'move', subjectId: row!.id, kind: 'opened', to: 'open', ...event });
	return row!;
}

/** Which actions the machine offers this actor on this case now (pages draw these). */
export function openActions(actor: Actor, move: Move): string[] {
	const capacities = moveCapacities(actor, move);
	return move.kind === 'in' ? moveInMachine.open(move.state, capacities) : moveOutMachine.open(move.state, capacities);
}

function take(actor: Actor, move: Move, action: MoveInAction | MoveOutAction): MoveState {
	const capacities = moveCapacities(actor, move);
	const machine = move.kind === 'in' ? moveInMachine : moveOutMachine;
	// An action of the other kind of move (a key returned on a move-in): no such step here.
	if (!(action in machine.transitions)) error(404, 'Not found');
	return move.kind === 'in'
		? moveInMachine.take(move.state, action as MoveInAction, capacities, m.moves_state_changed())
		: moveOutMachine.take(move.state, action as MoveOutAction, capacities, m.moves_state_changed());
}

/**
 * Input is checked inside the step, after the machine: who may not take the step on this case is
 * refused (404/403) whatever they typed, never told what was wrong with it.
 */
export async function moveStep(
	actor: Actor | null | undefined,
	moveId: string,
	action: MoveInAction | MoveOutAction,
	work: (tx: Tx, move: Move, actor: Actor) => Promise<StepOutcome>
): Promise<Move> {
	requireSignedIn(actor);
	return db().transaction(async (tx) => {
		const move = await readMove(tx, actor, moveId, true);
		const to = take(actor, move, action);
		const outcome = await work(tx, move, actor);
		const [row] = await tx
			.update(moves)
			.set({ ...outcome.set, state: to, updatedAt: new Date() })
			.where(eq(moves.id, move.id))
			.returning();
		await recordEvent(tx, {
			actor,
			subjectType: 'move',
			subjectId: move.id,
			kind: outcome.event,
			from: move.state,
			to,
			note: outcome.note,
			data: outcome.data
		});
		return row!;
	});
}

/** The steps both kinds of move share a name for, routed to the kind's own service (the page offers one button). */
import { eq } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { moves } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { completeMoveIn, inspectMoveIn } from './move-in.ts';
import { completeMoveOut, inspectMoveOut } from './move-out.ts';

async function kindOf(moveId: string): Promise<'in' | 'out'> {
	const [row] = isUuid(moveId) ? await db().select({ kind: moves.kind }).from(moves).where(eq(moves.id, moveId)) : [];
	if (!row) error(404, 'Not found');
	return row.kind;
}

/** The joint inspection of either kind (the kind's service checks who may see and take it). */
export async function inspectMove(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return (await kindOf(moveId)) === 'in' ? inspectMoveIn(actor, moveId) : inspectMoveOut(actor, moveId, input);
}

export async function completeMove(actor: Actor | null | undefined, moveId: string) {
	return (await kindOf(moveId)) === 'in' ? completeMoveIn(actor, moveId) : completeMoveOut(actor, moveId);
}

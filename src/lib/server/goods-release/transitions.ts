/**
 * The desk's and the holder's steps on a slip: issue, refuse (with a reason), cancel. Each is one
 * transaction that locks the slip, asks the machine, writes the state and appends the event. The
 * gate's step (release) is gate.ts: it must hold against two guards at once.
 */
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { releaseReasonSchema } from '#lib/schemas/goods-release.ts';
import { businessDate, businessToday } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { goodsReleaseSlips } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { loadSlip } from './access.ts';
import { fileIssuedSlip } from './create.ts';
import { releaseActionEvent } from './event-kinds.ts';
import { releaseMachine } from './machine.ts';
import { slipStatus } from './status.ts';

/** The desk issues a requested slip: the guard can release it on its day. */
export async function issueRelease(actor: Actor, slipId: string, now = new Date()): Promise<void> {
	requireSignedIn(actor);
	await db().transaction(async (tx) => {
		const { slip, capacities } = await loadSlip(tx, actor, slipId, { forUpdate: true });
		const to = releaseMachine.take(slip.state, 'issue', capacities);
		const today = businessToday(await estateZone(tx, slip.estateId), now);
		if (slipStatus(slip, today) === 'expired') throw new InputError('', m.releases_refused_expired({ date: businessDate(slip.validOn) }));
		const [issued] = await tx
			.update(goodsReleaseSlips)
			.set({ state: to, issuedBy: actor.userId, issuedAt: now })
			.where(eq(goodsReleaseSlips.id, slip.id))
			.returning();
		await recordEvent(tx, {
			actor,
			subjectType: 'goods_release',
			subjectId: slip.id,
			kind: releaseActionEvent.issue,
			from: slip.state,
			to
		});
		await fileIssuedSlip(tx, issued!, actor);
	});
}

/** The desk refuses a request, saying why (the resident reads it). */
export async function refuseRelease(actor: Actor, slipId: string, input: unknown): Promise<void> {
	requireSignedIn(actor);
	const { reason } = parseInput(releaseReasonSchema, input);
	await closeSlip(actor, slipId, 'refuse', reason);
}

/** The holder withdraws its slip, or the desk cancels one issued in error (its reason optional). */
export async function cancelRelease(actor: Actor, slipId: string, reason = ''): Promise<void> {
	requireSignedIn(actor);
	await closeSlip(actor, slipId, 'cancel', reason.trim().slice(0, 500));
}

async function closeSlip(actor: Actor, slipId: string, action: 'refuse' | 'cancel', reason: string): Promise<void> {
	await db().transaction(async (tx) => {
		const { slip, capacities } = await loadSlip(tx, actor, slipId, { forUpdate: true });
		const to = releaseMachine.take(slip.state, action, capacities);
		await tx.update(goodsReleaseSlips).set({ state: to, reason }).where(eq(goodsReleaseSlips.id, slip.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'goods_release',
			subjectId: slip.id,
			kind: releaseActionEvent[action],
			from: slip.state,
			to,
			note: reason
		});
	});
}

/**
 * The accuracy page (/staff/customers/accuracy): the figure of each of the actor's estates — or
 * the one chosen — against the target, and the key accounts to fix there.
 */
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { actorEstates, type EstateOption } from '../property/estates.ts';
import { ACCURACY_TARGET_PERCENT, estateAccuracy, type AccountToFix, type EstateAccuracy } from './accuracy.ts';

export interface AccuracyPage {
	/** The figure every estate is held to, in per cent. */
	target: number;
	estates: EstateOption[];
	/** The estate chosen in the filter; null: all of the actor's. */
	estateId: string | null;
	figures: (EstateAccuracy & { estate: EstateOption })[];
	toFix: (AccountToFix & { estate: EstateOption })[];
}

/** An estate outside the actor's (or not an estate at all) in the filter reads as "all of mine". */
export async function accuracyPage(actor: Actor, estateId: string | null, now: Date = new Date()): Promise<AccuracyPage> {
	requireStaff(actor, 'customers.accuracy');
	const executor = db();
	const estates = await actorEstates(actor, executor);
	const chosen = estates.find((e) => e.id === estateId) ?? null;
	const shown = chosen ? [chosen] : estates;
	const byId = new Map(shown.map((e) => [e.id, e]));
	const result = await estateAccuracy(
		executor,
		shown.map((e) => e.id),
		now
	);
	return {
		target: ACCURACY_TARGET_PERCENT,
		estates,
		estateId: chosen?.id ?? null,
		figures: result.estates.map((f) => ({ ...f, estate: byId.get(f.estateId)! })),
		toFix: result.toFix.map((a) => ({ ...a, estate: byId.get(a.estateId)! }))
	};
}

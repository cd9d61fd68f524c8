/**
 * A goods release slip's life cycle as data (kernel/machine.ts, rule 9 放行單). A resident asks
 * ('requested'); customer service issues or refuses it (or issues one directly, and a completed
 * move-out issues its own); the guard at the gate releases an issued slip once. A slip is good on
 * its one day only: 'expired' is not a state but what an open slip is after its day (status.ts),
 * and the gate refuses it with the date.
 */
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';

export const releaseStates = ['requested', 'issued', 'released', 'refused', 'cancelled'] as const;
export type ReleaseState = (typeof releaseStates)[number];

/** desk: releases.issue in the slip's estate; guard: releases.gate there; holder: the occupancy whose goods they are. */
export type ReleaseCapacity = 'desk' | 'guard' | 'holder';
export type ReleaseAction = 'issue' | 'refuse' | 'cancel' | 'release';

export const releaseMachine = defineMachine<ReleaseState, ReleaseCapacity, ReleaseAction>(releaseStates, {
	issue: { from: ['requested'], to: 'issued', by: ['desk'] },
	refuse: { from: ['requested'], to: 'refused', by: ['desk'], needs: ['reason'] },
	// The resident withdraws what it no longer needs; the desk cancels a slip issued in error.
	cancel: { from: ['requested', 'issued'], to: 'cancelled', by: ['desk', 'holder'] },
	release: { from: ['issued'], to: 'released', by: ['guard'] }
});

/** The staff capacities of the actor on a slip of this estate (the holder's is worked out from occupancies: access.ts). */
export function staffReleaseCapacities(actor: Actor, estateId: string): Set<ReleaseCapacity> {
	const capacities = new Set<ReleaseCapacity>();
	if (actor.kind !== 'staff' || !canSeeEstate(actor, estateId)) return capacities;
	if (can(actor, 'releases.issue')) capacities.add('desk');
	if (can(actor, 'releases.gate')) capacities.add('guard');
	return capacities;
}

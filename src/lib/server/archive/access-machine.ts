/**
 * A request to read one unit's file (查閱經客務部經理批準) as data (kernel/machine.ts): staff
 * outside customer service ask, the customer-service manager approves or refuses, and an
 * approved request is a grant until its time runs out (ARCHIVE_GRANT_HOURS), when the clock
 * expires it. The requester is never its approver (accessCapacities), so the table needs no
 * exception for a manager asking.
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

/** How long an approved request lets its requester read the file. */
export const ARCHIVE_GRANT_HOURS = 24;

export const accessStates = ['requested', 'approved', 'refused', 'expired'] as const;
export type AccessState = (typeof accessStates)[number];

/** approver: archive.grant and not the requester; clock: the grant's time ran out (no person). */
export type AccessCapacity = 'approver' | 'clock';
export type AccessAction = 'approve' | 'refuse' | 'expire';

export const accessMachine = defineMachine<AccessState, AccessCapacity, AccessAction>(accessStates, {
	approve: { from: ['requested'], to: 'approved', by: ['approver'] },
	refuse: { from: ['requested'], to: 'refused', by: ['approver'], needs: ['note'] },
	expire: { from: ['approved'], to: 'expired', by: ['clock'] }
});

/** What the actor may be on this request (the caller checked the request is in the actor's estates). */
export function accessCapacities(actor: Actor, request: { requesterId: string }): Set<AccessCapacity> {
	const capacities = new Set<AccessCapacity>();
	if (can(actor, 'archive.grant') && actor.userId !== request.requesterId) capacities.add('approver');
	return capacities;
}

/** The clock's own capacity, for the expiry (a grant past its time). */
export const clockCapacities: ReadonlySet<AccessCapacity> = new Set(['clock']);

/** What an access request's timeline says: staff's own record. */
export const accessEventKinds = {
	request: 'staff',
	approve: 'staff',
	refuse: 'staff',
	expire: 'staff'
} as const satisfies Record<string, Audience>;
export type AccessEventKind = keyof typeof accessEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		archive_access: AccessEventKind;
	}
}

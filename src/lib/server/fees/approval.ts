/**
 * The finance office's approval rule, written once for every request that gives money away — a
 * refund (refund-machine.ts) or a bill correction (correction-machine.ts): above the office's
 * threshold (fee_settings) the request waits for someone holding the approval permission, and
 * four eyes — whoever asked is never the one who approves. Each machine works its capacities out
 * with mayApprove, so its table needs no exception for the requester.
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import { rolesGrant, staffRoleNames, type Permission } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { staffInEstate } from '../repairs/people.ts';

export type ApprovalPermission = Extract<Permission, 'refunds.approve' | 'corrections.approve'>;

/** Whether a request of this amount waits for approval: strictly above the threshold. */
export function needsApproval(amountMinor: number, thresholdMinor: number): boolean {
	return amountMinor > thresholdMinor;
}

/** Whether the actor may approve the request: it holds the permission and did not ask for it. */
export function mayApprove(actor: Actor, permission: ApprovalPermission, request: { requestedBy: string }): boolean {
	return can(actor, permission) && request.requestedBy !== actor.userId;
}

/** Who is told that a request of the estate waits: its staff who may approve, less the requester. */
export async function approversToTell(
	executor: Executor,
	estateId: string,
	permission: ApprovalPermission,
	requesterId: string
): Promise<string[]> {
	const roles = staffRoleNames.filter((role) => rolesGrant([role], permission));
	return (await staffInEstate(executor, estateId, roles)).map((s) => s.id).filter((id) => id !== requesterId);
}

/**
 * The finance office's approval rule, written once for every request that gives money away — a
 * refund (refund-machine.ts) or a bill correction (correction-machine.ts): above the office's
 * threshold (fee_settings) the request waits for someone holding the approval permission, and
 * four eyes — whoever asked is never the one who approves. Each machine works its capacities out
 * with mayApprove, so its table needs no exception for the requester.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { InputError } from '#lib/server/kernel/input-error.ts';
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import { rolesGrant, staffRoleNames, type Permission } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { notify } from '../notify/notify.ts';
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

/** A decision on a waiting request as the staff form posts it. */
export interface ApprovalDecisionInput {
	decision: 'approve' | 'reject';
	note: string;
}

const MAX_DECISION_NOTE = 1000;

/** The decision's note, trimmed: a rejection says why (each kind of request asks in its own words). */
export function decisionNote(input: ApprovalDecisionInput, rejectNoteRequired: () => string): string {
	const note = input.note.trim();
	if (input.decision === 'reject' && !note) throw new InputError('note', rejectNoteRequired());
	if (note.length > MAX_DECISION_NOTE) throw new InputError('note', m.field_too_long({ max: MAX_DECISION_NOTE }));
	return note;
}

/** The staff notices of an approval: to the approvers that a request waits, to the requester what was decided. */
export type ApprovalNotice = 'approval' | 'approved' | 'rejected';

type NoticeText<I> = (inputs: I, options: { locale: Locale }) => string;

/**
 * Tells staff (in their inbox) about a step of a request's approval; each kind of request brings its
 * notice kind prefix, subject, link, words (title and body for each notice) and their inputs.
 */
export async function tellApprovalStep<I>(
	executor: Executor,
	userIds: readonly string[],
	notice: ApprovalNotice,
	request: {
		kind: string;
		subject: { type: string; id: string };
		link: string;
		texts: Record<ApprovalNotice, readonly [NoticeText<NoInfer<I>>, NoticeText<NoInfer<I>>]>;
		inputs: (locale: Locale) => I;
	}
): Promise<void> {
	if (userIds.length === 0) return;
	const [title, body] = request.texts[notice];
	await notify(executor, {
		userIds,
		kind: `${request.kind}.${notice}`,
		subject: request.subject,
		link: request.link,
		message: (locale) => ({ title: title(request.inputs(locale), { locale }), body: body(request.inputs(locale), { locale }) }),
		channels: ['inbox']
	});
}

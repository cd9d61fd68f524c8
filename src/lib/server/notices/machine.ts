/**
 * A notice's life cycle as data (kernel/machine.ts). The office writes a draft, publishes it now
 * or schedules it (the notices.publish job publishes it then), may remind those who have not read
 * it, and withdraws it. Until it is published the office may still edit it, move its time, or take
 * a scheduled one back to a draft; once people have been sent it, it stays as sent. 'Expired' is not a state but what a published notice is after its expiry
 * (status.ts): residents stop seeing it at that instant, with no job to be late.
 */
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';

export const noticeStates = ['draft', 'scheduled', 'published', 'withdrawn'] as const;
export type NoticeState = (typeof noticeStates)[number];

/** office: notices.manage in the notice's estate; system: the publishing job. */
export type NoticeCapacity = 'office' | 'system';
export type NoticeAction = 'edit' | 'schedule' | 'reschedule' | 'unschedule' | 'publish' | 'remind' | 'withdraw';

export const noticeMachine = defineMachine<NoticeState, NoticeCapacity, NoticeAction>(noticeStates, {
	edit: { from: ['draft', 'scheduled'], to: 'same', by: ['office'] },
	schedule: { from: ['draft'], to: 'scheduled', by: ['office'], needs: ['publishAt'] },
	reschedule: { from: ['scheduled'], to: 'same', by: ['office'], needs: ['publishAt'] },
	unschedule: { from: ['scheduled'], to: 'draft', by: ['office'] },
	// The job publishes a scheduled notice at its time; the office may publish one at once.
	publish: { from: ['draft', 'scheduled'], to: 'published', by: ['office', 'system'] },
	remind: { from: ['published'], to: 'same', by: ['office'] },
	withdraw: { from: ['draft', 'scheduled', 'published'], to: 'withdrawn', by: ['office'] }
});

/** The actor's capacities on a notice of this estate. */
export function noticeCapacities(actor: Actor, estateId: string): Set<NoticeCapacity> {
	const capacities = new Set<NoticeCapacity>();
	if (actor.kind === 'staff' && canSeeEstate(actor, estateId) && can(actor, 'notices.manage')) capacities.add('office');
	return capacities;
}

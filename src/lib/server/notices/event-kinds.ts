/** What a notice's timeline says: the office's record (residents read the notice, not its history). */
import type { Audience } from '../events/kinds.ts';
import type { NoticeAction } from './machine.ts';

export const noticeEventKinds = {
	created: 'staff',
	edited: 'staff',
	scheduled: 'staff',
	rescheduled: 'staff',
	unscheduled: 'staff',
	published: 'staff',
	reminded: 'staff',
	withdrawn: 'staff'
} as const satisfies Record<string, Audience>;

export type NoticeEventKind = keyof typeof noticeEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		notice: NoticeEventKind;
	}
}

/** The event each action of the machine records. */
export const noticeActionEvent = {
	edit: 'edited',
	schedule: 'scheduled',
	reschedule: 'rescheduled',
	unschedule: 'unscheduled',
	publish: 'published',
	remind: 'reminded',
	withdraw: 'withdrawn'
} as const satisfies Record<NoticeAction, NoticeEventKind>;

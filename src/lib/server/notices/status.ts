/** Where a notice stands for its readers: a published notice past its expiry is expired, with no job to flip it. */
import type { NoticeState } from './machine.ts';

export type NoticeStatus = NoticeState | 'expired';

export function noticeStatus(notice: { state: NoticeState; expiresAt: Date | null }, now: Date): NoticeStatus {
	return notice.state === 'published' && notice.expiresAt !== null && notice.expiresAt <= now ? 'expired' : notice.state;
}

import { m } from '#lib/paraglide/messages.js';
import type { NoticeLocale } from '#lib/notices/text.ts';

/** What a notice's states (with 'expired', notices/status.ts) and events are called. */
export const noticeStateNames: Record<'draft' | 'scheduled' | 'published' | 'withdrawn' | 'expired', () => string> = {
	draft: m.notices_state_draft,
	scheduled: m.notices_state_scheduled,
	published: m.notices_state_published,
	withdrawn: m.notices_state_withdrawn,
	expired: m.notices_state_expired
};

export const noticeEventNames: Record<'created' | 'scheduled' | 'published' | 'reminded' | 'withdrawn', () => string> = {
	created: m.notices_event_created,
	scheduled: m.notices_event_scheduled,
	published: m.notices_event_published,
	reminded: m.notices_event_reminded,
	withdrawn: m.notices_event_withdrawn
};

/** A notice language's own name (as its readers write it). */
export const noticeLanguageNames: Record<NoticeLocale, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };

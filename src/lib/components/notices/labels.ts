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

export const noticeEventNames: Record<
	'created' | 'edited' | 'scheduled' | 'rescheduled' | 'unscheduled' | 'published' | 'reminded' | 'withdrawn',
	() => string
> = {
	created: m.notices_event_created,
	edited: m.notices_event_edited,
	scheduled: m.notices_event_scheduled,
	rescheduled: m.notices_event_rescheduled,
	unscheduled: m.notices_event_unscheduled,
	published: m.notices_event_published,
	reminded: m.notices_event_reminded,
	withdrawn: m.notices_event_withdrawn
};

/** What each part of a notice an edit may change is called (the 'edited' event's `changed`). */
export const noticePartNames: Record<'texts' | 'audience' | 'options' | 'expiry' | 'files', () => string> = {
	texts: m.notices_part_texts,
	audience: m.notices_part_audience,
	options: m.notices_part_options,
	expiry: m.notices_part_expiry,
	files: m.notices_part_files
};

/** What each kind of audience line is called. */
export const noticeAudienceKindNames: Record<'estate' | 'building' | 'floor' | 'unit' | 'segment' | 'customer_type', () => string> = {
	estate: m.notices_kind_estate,
	building: m.notices_kind_building,
	floor: m.notices_kind_floor,
	unit: m.notices_kind_unit,
	segment: m.segment_kind_segment,
	customer_type: m.segment_kind_customer_type
};

/** A notice language's own name (as its readers write it). */
export const noticeLanguageNames: Record<NoticeLocale, string> = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' };

import type { Locale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { companyMembers } from '../db/schema/index.ts';
import { notify, type NotifyChannel } from '../notify/notify.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import type { RepairOrder } from './access.ts';

/** R000042: the reference residents and staff quote on the phone. */
export function repairReference(order: Pick<RepairOrder, 'seq'>): string {
	return `R${String(order.seq).padStart(6, '0')}`;
}

type Params = Record<string, string>;
type Render = (inputs: Params, options: { locale: Locale }) => string;
/** A parameter is plain text, or one text per language (e.g. a dictionary name). */
export type NoticeParams = Record<string, string | Readonly<Record<Locale, string>>>;
/** A compiled message; each takes its own inputs, all of which tellAboutRepair's callers supply. */
type MessageFn = (inputs: never, options: { locale: Locale }) => string;

/** Every message Lobby sends about a repair (title and body), in the recipient's language. */
const notices = {
	received: [m.repairs_notice_received_title, m.repairs_notice_received_body],
	new_request: [m.repairs_notice_new_request_title, m.repairs_notice_new_request_body],
	handed_over: [m.repairs_notice_handed_over_title, m.repairs_notice_handed_over_body],
	reply_promised: [m.repairs_notice_reply_promised_title, m.repairs_notice_reply_promised_body],
	assigned: [m.repairs_notice_assigned_title, m.repairs_notice_assigned_body],
	order_for_you: [m.repairs_notice_order_for_you_title, m.repairs_notice_order_for_you_body],
	scheduled: [m.repairs_notice_scheduled_title, m.repairs_notice_scheduled_body],
	rescheduled: [m.repairs_notice_rescheduled_title, m.repairs_notice_rescheduled_body],
	time_proposed: [m.visits_notice_proposed_title, m.visits_notice_proposed_body],
	time_confirmed: [m.visits_notice_confirmed_title, m.visits_notice_confirmed_body],
	time_chosen: [m.visits_notice_chosen_title, m.visits_notice_chosen_body],
	time_agreed: [m.visits_notice_agreed_title, m.visits_notice_agreed_body],
	on_site: [m.repairs_notice_on_site_title, m.repairs_notice_on_site_body],
	quote_to_review: [m.repairs_notice_quote_to_review_title, m.repairs_notice_quote_to_review_body],
	quote_for_you: [m.repairs_notice_quote_for_you_title, m.repairs_notice_quote_for_you_body],
	quote_decided: [m.repairs_notice_quote_decided_title, m.repairs_notice_quote_decided_body],
	completed: [m.repairs_notice_completed_title, m.repairs_notice_completed_body],
	signed_off: [m.repairs_notice_signed_off_title, m.repairs_notice_signed_off_body],
	rejected: [m.repairs_notice_rejected_title, m.repairs_notice_rejected_body],
	cancelled: [m.repairs_notice_cancelled_title, m.repairs_notice_cancelled_body],
	comment: [m.repairs_notice_comment_title, m.repairs_notice_comment_body],
	overdue: [m.repairs_notice_overdue_title, m.repairs_notice_overdue_body],
	signoff_reminder: [m.deadlines_notice_signoff_reminder_title, m.deadlines_notice_signoff_reminder_body],
	auto_closed: [m.deadlines_notice_auto_closed_title, m.deadlines_notice_auto_closed_body]
} satisfies Record<string, [MessageFn, MessageFn]>;

export type RepairNotice = keyof typeof notices;

/** A message without inputs in each language, as a notice parameter. */
export function inEveryLocale(message: (inputs: Record<string, never>, options: { locale: Locale }) => string): Record<Locale, string> {
	return {
		en: message({}, { locale: 'en' }),
		'zh-Hans': message({}, { locale: 'zh-Hans' }),
		'zh-Hant': message({}, { locale: 'zh-Hant' })
	};
}

function inLocale(params: NoticeParams, locale: Locale): Params {
	return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value : value[locale]]));
}

/**
 * Of these users, those who act for the order's occupancy today (in person or as a member of
 * its company): a resident hears about an order only while it is theirs to see.
 */
export async function residentsOfOrder(
	executor: Executor,
	order: Pick<RepairOrder, 'unitId' | 'occupancyId'>,
	userIds: readonly (string | null | undefined)[]
): Promise<string[]> {
	const wanted = userIds.filter((id): id is string => !!id);
	if (!order.occupancyId || wanted.length === 0) return [];
	const occupancy = (await currentOccupancies(executor, [order.unitId])).find((o) => o.id === order.occupancyId);
	if (!occupancy) return [];
	const kept: string[] = [];
	for (const userId of wanted) {
		if (occupancy.userId === userId) kept.push(userId);
		else if (occupancy.companyId) {
			const [member] = await executor
				.select({ userId: companyMembers.userId })
				.from(companyMembers)
				.where(and(eq(companyMembers.companyId, occupancy.companyId), eq(companyMembers.userId, userId)));
			if (member) kept.push(userId);
		}
	}
	return kept;
}

/**
 * Tells people about a change to an order, inside the transaction that makes it. Residents are
 * sent to their timeline (in-app and email; appointment changes add SMS) while the order is
 * theirs to see, staff to the back-office page (in-app).
 */
export async function tellAboutRepair(
	executor: Executor,
	order: Pick<RepairOrder, 'id' | 'seq' | 'unitId' | 'occupancyId'>,
	notice: RepairNotice,
	to: { userIds: readonly (string | null | undefined)[]; audience: 'resident' | 'staff' },
	params: NoticeParams = {},
	channels: readonly NotifyChannel[] = to.audience === 'resident' ? ['inbox', 'email'] : ['inbox']
): Promise<void> {
	const userIds =
		to.audience === 'resident' ? await residentsOfOrder(executor, order, to.userIds) : to.userIds.filter((id): id is string => !!id);
	if (userIds.length === 0) return;
	const reference = repairReference(order);
	const [title, body] = notices[notice] as [MessageFn, MessageFn] as unknown as [Render, Render];
	await notify(executor, {
		userIds,
		kind: `repair.${notice}`,
		subject: { type: 'repair', id: order.id },
		link: to.audience === 'resident' ? `/app/repairs/${order.id}` : `/staff/repairs/${order.id}`,
		message: (locale) => {
			const inputs = { ...inLocale(params, locale), reference };
			return { title: title(inputs, { locale }), body: body(inputs, { locale }) };
		},
		channels
	});
}

import { isLocale, type Locale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import type { Executor } from '../db/client.ts';
import { notify, type NotifyChannel } from '../notify/notify.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { scheduleSms } from '../notify/sms-job.ts';
import { publicUrl } from '../notify/public-url.ts';
import { residentsOfOrder } from '../repairs/notices.ts';
import type { Complaint } from './access.ts';

/** C000042: the reference complainants and staff quote on the phone. */
export function complaintReference(complaint: Pick<Complaint, 'seq'>): string {
	return `C${String(complaint.seq).padStart(6, '0')}`;
}

type Render = (inputs: Record<string, string>, options: { locale: Locale }) => string;
type MessageFn = (inputs: never, options: { locale: Locale }) => string;

/** Every message Lobby sends about a complaint (title and body), in the recipient's language. */
const notices = {
	received: [m.complaints_notice_received_title, m.complaints_notice_received_body],
	new_complaint: [m.complaints_notice_new_title, m.complaints_notice_new_body],
	serious: [m.complaints_notice_serious_title, m.complaints_notice_serious_body],
	handed_over: [m.complaints_notice_handed_over_title, m.complaints_notice_handed_over_body],
	reply_promised: [m.complaints_notice_reply_promised_title, m.complaints_notice_reply_promised_body],
	for_department: [m.complaints_notice_for_department_title, m.complaints_notice_for_department_body],
	replied: [m.complaints_notice_replied_title, m.complaints_notice_replied_body],
	resolved: [m.complaints_notice_resolved_title, m.complaints_notice_resolved_body],
	satisfaction: [m.complaints_notice_satisfaction_title, m.complaints_notice_satisfaction_body],
	reopened: [m.complaints_notice_reopened_title, m.complaints_notice_reopened_body],
	comment: [m.complaints_notice_comment_title, m.complaints_notice_comment_body],
	not_satisfied: [m.complaints_notice_not_satisfied_title, m.complaints_notice_not_satisfied_body],
	promise_missed: [m.complaints_notice_promise_missed_title, m.complaints_notice_promise_missed_body],
	deadline_missed: [m.complaints_notice_deadline_missed_title, m.complaints_notice_deadline_missed_body]
} satisfies Record<string, [MessageFn, MessageFn]>;

export type ComplaintNotice = keyof typeof notices;

type Subject = Pick<
	Complaint,
	'id' | 'seq' | 'unitId' | 'occupancyId' | 'requesterId' | 'email' | 'phone' | 'locale' | 'verified' | 'channel'
>;

function render(notice: ComplaintNotice, locale: Locale, params: Record<string, string>, complaint: Subject) {
	const [title, body] = notices[notice] as [MessageFn, MessageFn] as unknown as [Render, Render];
	const inputs = { ...params, reference: complaintReference(complaint) };
	return { title: title(inputs, { locale }), body: body(inputs, { locale }) };
}

/** Tells staff about a complaint (in-app, and email where it must not wait), inside the transaction that makes the change. */
export async function tellStaff(
	executor: Executor,
	complaint: Subject,
	notice: ComplaintNotice,
	userIds: readonly (string | null | undefined)[],
	params: Record<string, string> = {},
	channels: readonly NotifyChannel[] = ['inbox']
): Promise<void> {
	const to = [...new Set(userIds.filter((id): id is string => !!id))];
	if (to.length === 0) return;
	await notify(executor, {
		userIds: to,
		kind: `complaint.${notice}`,
		subject: { type: 'complaint', id: complaint.id },
		link: `/staff/complaints/${complaint.id}`,
		message: (locale) => render(notice, locale, params, complaint),
		channels
	});
}

/**
 * Tells the complainant: the resident account that filed it while the complaint is still its
 * occupancy's to see (in-app and email), else — a caller without an account — the email address
 * the desk took down, in the language the complaint was filed in; a widget visitor who gave only
 * a phone gets a text message. A secret link (the satisfaction form) goes by email or text only:
 * the inbox table does not keep secrets. Nobody in a unit a visitor named is told anything until
 * the desk has matched the complaint to that unit (verified).
 */
export async function tellComplainant(
	executor: Executor,
	complaint: Subject,
	notice: ComplaintNotice,
	params: Record<string, string> = {},
	{ link }: { link?: string } = {}
): Promise<void> {
	const residents =
		complaint.unitId && complaint.verified
			? await residentsOfOrder(executor, { unitId: complaint.unitId, occupancyId: complaint.occupancyId }, [complaint.requesterId])
			: [];
	if (residents.length) {
		await notify(executor, {
			userIds: residents,
			kind: `complaint.${notice}`,
			subject: { type: 'complaint', id: complaint.id },
			link: link ?? `/app/complaints/${complaint.id}`,
			message: (l) => render(notice, l, params, complaint),
			channels: link ? ['email'] : ['inbox', 'email']
		});
		return;
	}
	if (complaint.requesterId) return;
	const message = render(notice, isLocale(complaint.locale) ? complaint.locale : 'en', params, complaint);
	const text = link ? `${message.body}\n\n${publicUrl(link)}` : message.body;
	if (complaint.email) await scheduleEmail(executor, { to: complaint.email, subject: message.title, text });
	else if (complaint.channel === 'widget' && complaint.phone)
		await scheduleSms(executor, { to: complaint.phone, text: `${message.title}: ${text}` });
}

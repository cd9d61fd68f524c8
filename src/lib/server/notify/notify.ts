import { inArray } from 'drizzle-orm';
import { isLocale, type Locale } from '#lib/paraglide/runtime.js';
import type { Executor } from '../db/client.ts';
import { notifications, users } from '../db/schema/index.ts';
import { scheduleJob } from '../jobs/queue.ts';
import { sameSitePath } from '../kernel/same-site-path.ts';
import type { DeliveryChannel, NotifyDeliverPayload } from './deliver.ts';
import type { EmailAttachment } from './email.ts';

export type NotifyChannel = 'inbox' | DeliveryChannel;

export interface RenderedMessage {
	title: string;
	body: string;
}

export interface NotifyInput {
	userIds: readonly string[];
	/** What happened, e.g. "repair.assigned". */
	kind: string;
	subject: { type: string; id: string };
	/** A path on this site, e.g. `/app/repairs/${id}`. */
	link: string;
	/** Renders the message in one language, e.g. `(locale) => ({ title: m.x({}, { locale }), … })`. */
	message: (locale: Locale) => RenderedMessage;
	channels: readonly NotifyChannel[];
	/** Stored files sent with the email (not the inbox or SMS), e.g. a receipt PDF. */
	attachments?: readonly EmailAttachment[];
}

/** The language a user reads messages in: the saved preference, else English. */
export function recipientLocale(saved: string | null | undefined): Locale {
	return saved && isLocale(saved) ? saved : 'en';
}

/**
 * Tells users about a change. Pass the transaction that makes the change: inbox rows are written
 * in it, and email/SMS are handed to a durable notify.deliver job written in it too, so a
 * rolled-back change tells nobody and a crash after commit still delivers. Channels a user has
 * no address for (no phone, no email) are skipped for that user; disabled accounts get only the
 * inbox row. Returns the ids of the inbox rows written.
 */
export async function notify(executor: Executor, input: NotifyInput): Promise<string[]> {
	return (await notifyAll(executor, [input])).ids;
}

/** Who a notice went to and by which channels (the inbox, and the email or SMS handed to delivery). */
export interface Told {
	userId: string;
	name: string;
	channels: NotifyChannel[];
}

/**
 * notify, saying to whom and how the notice went: for a record that keeps its correspondence
 * (the unit's file files a notice with its delivery). Channels a user has no address for are not
 * listed; a disabled account is told by the inbox only.
 */
export async function notifyTold(executor: Executor, input: NotifyInput): Promise<Told[]> {
	const prepared = await prepare(executor, input);
	await scheduleDeliveries(executor, prepared.deliveries);
	return prepared.told;
}

/**
 * notify for many notices at once (a survey's batch of invitations): the inbox rows of each, and
 * one delivery job for all their email and SMS, so a mass sending does not queue thousands of
 * jobs ahead of everyone else's mail. Returns the inbox rows' ids, and to whom and how each
 * notice went (`told[i]` for `inputs[i]`, as notifyTold says it).
 */
export async function notifyAll(executor: Executor, inputs: readonly NotifyInput[]): Promise<{ ids: string[]; told: Told[][] }> {
	const ids: string[] = [];
	const told: Told[][] = [];
	const deliveries: NotifyDeliverPayload['deliveries'] = [];
	for (const input of inputs) {
		const prepared = await prepare(executor, input);
		ids.push(...prepared.ids);
		told.push(prepared.told);
		deliveries.push(...prepared.deliveries);
	}
	await scheduleDeliveries(executor, deliveries);
	return { ids, told };
}

async function scheduleDeliveries(executor: Executor, deliveries: NotifyDeliverPayload['deliveries']): Promise<void> {
	// A delivery job records what it sent per user and channel (deliver.ts), so a user told twice
	// in one call (an admin of two companies, each invited) has the second notice in a job of its own.
	const jobs: NotifyDeliverPayload['deliveries'][] = [];
	for (const delivery of deliveries) {
		const job = jobs.find((j) => !j.some((d) => d.userId === delivery.userId));
		if (job) job.push(delivery);
		else jobs.push([delivery]);
	}
	for (const job of jobs) await scheduleJob(executor, { kind: 'notify.deliver', payload: { deliveries: job }, runAt: new Date() });
}

/** One notice's inbox rows (written) and its deliveries (to be scheduled by the caller). */
async function prepare(
	executor: Executor,
	input: NotifyInput
): Promise<{ ids: string[]; deliveries: NotifyDeliverPayload['deliveries']; told: Told[] }> {
	if (sameSitePath(input.link) !== input.link) {
		throw new Error(`notify: link must be a path on this site, got ${JSON.stringify(input.link)}`);
	}
	const userIds = [...new Set(input.userIds)];
	if (userIds.length === 0 || input.channels.length === 0) return { ids: [], deliveries: [], told: [] };
	const recipients = await executor
		.select({ id: users.id, name: users.name, email: users.email, phone: users.phone, locale: users.locale, disabled: users.disabled })
		.from(users)
		.where(inArray(users.id, userIds));

	const rendered = new Map<Locale, RenderedMessage>();
	const render = (locale: Locale) => {
		let message = rendered.get(locale);
		if (!message) rendered.set(locale, (message = input.message(locale)));
		return message;
	};

	let ids: string[] = [];
	if (input.channels.includes('inbox') && recipients.length > 0) {
		const rows = await executor
			.insert(notifications)
			.values(
				recipients.map((user) => ({
					userId: user.id,
					kind: input.kind,
					subjectType: input.subject.type,
					subjectId: input.subject.id,
					link: input.link,
					...render(recipientLocale(user.locale))
				}))
			)
			.returning({ id: notifications.id });
		ids = rows.map((row) => row.id);
	}

	const deliveries: NotifyDeliverPayload['deliveries'] = [];
	const told: Told[] = [];
	const inbox: NotifyChannel[] = input.channels.includes('inbox') ? ['inbox'] : [];
	for (const user of recipients) {
		const channels = user.disabled
			? []
			: input.channels.filter(
					(channel): channel is DeliveryChannel =>
						(channel === 'email' && user.email.trim() !== '') || (channel === 'sms' && user.phone.trim() !== '')
				);
		if (inbox.length || channels.length) told.push({ userId: user.id, name: user.name, channels: [...inbox, ...channels] });
		if (channels.length === 0) continue;
		const locale = recipientLocale(user.locale);
		const attachments = channels.includes('email') && input.attachments?.length ? { attachments: [...input.attachments] } : {};
		deliveries.push({ userId: user.id, locale, channels, link: input.link, ...render(locale), ...attachments });
	}
	return { ids, deliveries, told };
}

import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { notificationDeliveries, users } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/queue.ts';
import { publicUrl } from './public-url.ts';
import { deliverEmail, recordEmail, type Email, type EmailAttachment } from './email.ts';
import { smsProvider } from './sms.ts';

export type DeliveryChannel = 'email' | 'sms';

/** The payload of a notify.deliver job: messages already rendered in each recipient's language. */
export interface NotifyDeliverPayload {
	deliveries: {
		userId: string;
		locale: Locale;
		channels: DeliveryChannel[];
		title: string;
		body: string;
		link: string;
		attachments?: EmailAttachment[];
	}[];
}

type Delivery = NotifyDeliverPayload['deliveries'][number];

function emailFor(to: string, delivery: Delivery): Email {
	const link = publicUrl(delivery.link);
	return {
		to,
		subject: delivery.title,
		text: `${delivery.body}\n\n${m.notify_email_footer({ link }, { locale: delivery.locale })}`,
		...(delivery.attachments?.length ? { attachments: delivery.attachments } : {})
	};
}

function smsFor(delivery: Delivery): string {
	return `${delivery.title}\n${delivery.body}\n${publicUrl(delivery.link)}`;
}

/**
 * Sends the email and SMS of one notify() call. Jobs run at least once, so each (job, user,
 * channel) leaves a notification_deliveries row and a second run skips what is recorded there.
 * Email: the outbox row and that record are one transaction (exactly once into the outbox; SMTP
 * follows). SMS: the record is written after the provider accepted the text, so a crash in
 * between may send it twice but never loses it. Addresses are read now, not when notified, so
 * a changed phone number is honoured. A failure for one recipient does not hold up the others;
 * the job then fails and its retry sends only what is still missing.
 */
export const deliverNotifications: JobHandler<NotifyDeliverPayload> = async (payload, { job, db }) => {
	const failures: string[] = [];
	for (const delivery of payload.deliveries) {
		const [user] = await db
			.select({ email: users.email, phone: users.phone, disabled: users.disabled })
			.from(users)
			.where(eq(users.id, delivery.userId));
		if (!user || user.disabled) continue;
		const done = (channel: DeliveryChannel) =>
			and(
				eq(notificationDeliveries.jobId, job.id),
				eq(notificationDeliveries.userId, delivery.userId),
				eq(notificationDeliveries.channel, channel)
			);
		const record = { jobId: job.id, userId: delivery.userId };
		for (const channel of delivery.channels) {
			try {
				if (channel === 'email' && user.email) {
					const email = emailFor(user.email, delivery);
					const outboxId = await db.transaction(async (tx) => {
						const [fresh] = await tx
							.insert(notificationDeliveries)
							.values({ ...record, channel })
							.onConflictDoNothing()
							.returning({ jobId: notificationDeliveries.jobId });
						return fresh ? recordEmail(tx, email) : null;
					});
					if (outboxId) await deliverEmail(outboxId, email);
				} else if (channel === 'sms' && user.phone.trim()) {
					const [seen] = await db.select().from(notificationDeliveries).where(done(channel));
					if (seen) continue;
					await smsProvider().send(user.phone.trim(), smsFor(delivery));
					await db
						.insert(notificationDeliveries)
						.values({ ...record, channel })
						.onConflictDoNothing();
				}
			} catch (err) {
				failures.push(`${channel} to user ${delivery.userId}: ${err instanceof Error ? err.message : String(err)}`);
			}
		}
	}
	if (failures.length > 0) throw new Error(`Some notifications were not delivered: ${failures.join('; ')}`);
};

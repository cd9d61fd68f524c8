import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { jobs, notificationDeliveries, notifications, outbox, users } from '../db/schema/index.ts';
import { jobHandlers } from '../boot/job-handlers.ts';
import { runDueJobs, type JobHandlers } from '../jobs/queue.ts';
import { makeUser } from '../residents/test-fixtures.ts';
import { notify, type NotifyInput } from './notify.ts';
import { useSmsProvider } from './sms.ts';

const handlers = jobHandlers as JobHandlers;

async function resident(name: string, fields: { locale?: string | null; phone?: string; email?: string } = {}) {
	const user = await makeUser(name);
	const [updated] = await db()
		.update(users)
		.set({ locale: null, ...fields })
		.where(eq(users.id, user.id))
		.returning();
	return updated!;
}

function input(userIds: string[], overrides: Partial<NotifyInput> = {}): NotifyInput {
	return {
		userIds,
		kind: 'repair.assigned',
		subject: { type: 'repair', id: 'R-1' },
		link: '/app/repairs/R-1',
		// Real catalogue messages, so the test sees Paraglide render each language.
		message: (locale) => ({
			title: m.notify_inbox_title({}, { locale }),
			body: m.notify_unread_count({ count: 3 }, { locale })
		}),
		channels: ['inbox', 'email', 'sms'],
		...overrides
	};
}

const inboxOf = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId));
const outboxTo = (recipient: string) => db().select().from(outbox).where(eq(outbox.recipient, recipient));

beforeEach(async () => {
	useSmsProvider(undefined);
	await db().delete(notificationDeliveries);
	await db().delete(notifications);
	await db().delete(outbox);
	await db().delete(jobs);
});

describe('notify', () => {
	it('inside a transaction that rolls back leaves no inbox row and no job, and sends nothing', async () => {
		const user = await resident('Rolled Back', { phone: '+852 9000 0001' });
		await expect(
			db().transaction(async (tx) => {
				await notify(tx, input([user.id]));
				throw new Error('the repair could not be saved');
			})
		).rejects.toThrow('the repair could not be saved');
		expect(await inboxOf(user.id)).toEqual([]);
		expect(await db().select().from(jobs)).toEqual([]);
		await runDueJobs({ handlers, workerId: 'w' });
		expect(await db().select().from(outbox)).toEqual([]);
	});

	it('writes the inbox row in the recipient’s language, and sends email and SMS only once the job runs', async () => {
		const hant = await resident('Chan Tai Man', { locale: 'zh-Hant', phone: '+852 9000 0002' });
		const english = await resident('Alice Smith', { locale: null, phone: '+852 9000 0003' });
		const hans = await resident('Li Lei', { locale: 'zh-Hans', phone: '' });

		await db().transaction((tx) => notify(tx, input([hant.id, english.id, hans.id])));

		const [hantRow] = await inboxOf(hant.id);
		expect(hantRow).toMatchObject({
			kind: 'repair.assigned',
			subjectType: 'repair',
			subjectId: 'R-1',
			link: '/app/repairs/R-1',
			title: '訊息',
			body: '3 則未讀',
			readAt: null
		});
		expect((await inboxOf(english.id))[0]).toMatchObject({ title: 'Inbox', body: '3 unread' });
		expect((await inboxOf(hans.id))[0]).toMatchObject({ title: '消息', body: '3 条未读' });
		// Nothing leaves before the job runs: it runs after commit, in the job runner.
		expect(await db().select().from(outbox)).toEqual([]);
		expect(await db().select().from(jobs)).toHaveLength(1);

		expect(await runDueJobs({ handlers, workerId: 'w' })).toMatchObject({ claimed: 1, done: 1 });

		const [mail] = await outboxTo(hant.email);
		expect(mail).toMatchObject({ channel: 'email', subject: '訊息' });
		expect(mail!.body).toContain('3 則未讀');
		expect(mail!.body).toContain('/app/repairs/R-1');
		expect(mail!.body).toContain('在 Lobby 中查看');
		const [sms] = await outboxTo('+852 9000 0002');
		expect(sms).toMatchObject({ channel: 'sms' });
		expect(sms!.body).toContain('訊息');
		expect(await outboxTo('+852 9000 0003')).toHaveLength(1);
		expect((await outboxTo(english.email))[0]).toMatchObject({ subject: 'Inbox' });

		// A user without a phone gets the email but no SMS.
		expect((await outboxTo(hans.email))[0]).toMatchObject({ channel: 'email', subject: '消息' });
		const hansSms = await db().select().from(outbox).where(eq(outbox.channel, 'sms'));
		expect(hansSms.map((row) => row.recipient).sort()).toEqual(['+852 9000 0002', '+852 9000 0003']);
	});

	it('only uses the channels asked for, and schedules no job for the inbox alone', async () => {
		const user = await resident('Inbox Only', { phone: '+852 9000 0004' });
		await notify(db(), input([user.id], { channels: ['inbox'] }));
		expect(await inboxOf(user.id)).toHaveLength(1);
		expect(await db().select().from(jobs)).toEqual([]);

		await notify(db(), input([user.id], { channels: ['sms'] }));
		expect(await inboxOf(user.id)).toHaveLength(1);
		await runDueJobs({ handlers, workerId: 'w' });
		expect((await db().select().from(outbox)).map((row) => row.channel)).toEqual(['sms']);
	});

	it('skips email and SMS for a disabled account and schedules nothing for a user with no phone asked only for SMS', async () => {
		const disabled = await resident('Gone Away', { phone: '+852 9000 0005' });
		await db().update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
		const noPhone = await resident('No Phone', { phone: '' });
		await notify(db(), input([disabled.id], { channels: ['inbox', 'email', 'sms'] }));
		await notify(db(), input([noPhone.id], { channels: ['sms'] }));
		expect(await db().select().from(jobs)).toEqual([]);
		expect(await inboxOf(disabled.id)).toHaveLength(1);
	});

	it('delivers once even when the job runs again, and a failed SMS is retried without repeating the email', async () => {
		const user = await resident('Retry Rita', { phone: '+852 9000 0006' });
		await notify(db(), input([user.id], { channels: ['email', 'sms'] }));
		let failSms = true;
		useSmsProvider({
			async send(to, text) {
				if (failSms) throw new Error('gateway down');
				await db().insert(outbox).values({ channel: 'sms', recipient: to, body: text });
			}
		});
		expect(await runDueJobs({ handlers, workerId: 'w' })).toMatchObject({ retried: 1 });
		expect((await db().select().from(outbox)).map((row) => row.channel)).toEqual(['email']);
		const [job] = await db().select().from(jobs);
		expect(job!.lastError).toContain('gateway down');

		failSms = false;
		expect(await runDueJobs({ handlers, workerId: 'w', now: job!.runAt })).toMatchObject({ done: 1 });
		expect((await db().select().from(outbox)).map((row) => row.channel).sort()).toEqual(['email', 'sms']);

		// The same job handed to the handler once more (at-least-once delivery) sends nothing new.
		await jobHandlers['notify.deliver'](job!.payload as never, { job: job!, now: new Date(), db: db() });
		expect(await db().select().from(outbox)).toHaveLength(2);
	});

	it('refuses a link that leaves the site', async () => {
		const user = await resident('Link Check');
		for (const link of ['https://evil.example/x', '//evil.example/x', 'app/repairs']) {
			await expect(notify(db(), input([user.id], { link }))).rejects.toThrow(/link/);
		}
		expect(await inboxOf(user.id)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { jobs, oneTimeCodes, outbox } from '#lib/server/db/schema/index.ts';
import { runMailJobs } from '#lib/server/notify/testing.ts';
import { passwordResetJob } from '#lib/server/accounts/password-reset.ts';
import { createSession, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { createUser, fromLatestMail, mailTo } from '#lib/server/accounts/test-data.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { failure, success } from '../../../../../tests/action-result.ts';
import { actions as forgotActions } from '../../forgot/+page.server.ts';
import { actions, load } from './+page.server.ts';

const sameAnswer = 'If an account exists for that address, we have sent it a link to reset the password. The link works for one hour.';

describe('/forgot and /reset/[token]', () => {
	it('answers the same for known and unknown addresses', async () => {
		const user = await createUser();
		const known = success(await forgotActions.default(fakeEvent({ form: { email: user.email } })));
		const unknown = success(await forgotActions.default(fakeEvent({ form: { email: 'who@example.com' } })));
		expect(known.form.message).toBe(sameAnswer);
		expect(unknown.form.message).toBe(sameAnswer);
		expect(await mailTo(user.email)).toHaveLength(1);
		const bad = failure(await forgotActions.default(fakeEvent({ form: { email: '<b>' } })));
		expect(bad.status).toBe(400);
		expect(bad.data.form.errors.email?.[0]).toMatch(/valid email/);
	});

	it('does the same work for a known and an unknown address: one durable job each, and no mail or link until the job runs', async () => {
		const user = await createUser();
		const stranger = 'nobody.here@example.com';
		const written = async () => ({
			mail: (await db().select({ n: count() }).from(outbox))[0]!.n,
			links: (await db().select({ n: count() }).from(oneTimeCodes))[0]!.n
		});
		const before = await written();

		await forgotActions.default(fakeEvent({ form: { email: user.email } }));
		await forgotActions.default(fakeEvent({ form: { email: stranger } }));

		// Nothing is looked up, issued or mailed inline: the request only hands the address to a job.
		expect(await written()).toEqual(before);
		const queued = await db()
			.select({ kind: jobs.kind, payload: jobs.payload, dedupeKey: jobs.dedupeKey })
			.from(jobs)
			.where(inArray(jobs.dedupeKey, [`password-reset:${user.email}`, `password-reset:${stranger}`]));
		expect(queued).toHaveLength(2);
		const shape = (job: (typeof queued)[number]) => ({ kind: job.kind, fields: Object.keys(job.payload as object).sort() });
		expect(shape(queued[0]!)).toEqual(shape(queued[1]!));
		expect(shape(queued[0]!)).toEqual({ kind: 'accounts.password-reset', fields: ['email', 'locale'] });

		// The job writes the mail to the outbox for the account only.
		await runMailJobs();
		expect(await db().select().from(outbox).where(eq(outbox.recipient, user.email))).toHaveLength(1);
		expect(await db().select().from(outbox).where(eq(outbox.recipient, stranger))).toEqual([]);
		// A job that runs again (jobs run at least once) mails nobody twice.
		const [job] = await db()
			.select()
			.from(jobs)
			.where(eq(jobs.dedupeKey, `password-reset:${user.email}`));
		await passwordResetJob(job!.payload as never, { job: job!, now: new Date(), db: db() });
		expect(await db().select().from(outbox).where(eq(outbox.recipient, user.email))).toHaveLength(1);
	});

	it('sets the password once, ends all sessions, then shows the link as spent', async () => {
		const user = await createUser();
		const session = await createSession(user.id);
		await forgotActions.default(fakeEvent({ form: { email: user.email } }));
		const token = await fromLatestMail(user.email, /\/reset\/([a-z0-9]+)/);
		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(true);

		const form = { password: 'brand new password', confirm: 'brand new password' };
		const done = await thrown(() => actions.default(fakeEvent({ params: { token }, form })));
		expect(done).toMatchObject({ status: 303, location: '/login?reset=done' });
		expect(await validateSessionToken(session.token)).toBeNull();

		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(false);
		const again = failure(await actions.default(fakeEvent({ params: { token }, form })));
		expect(again.status).toBe(400);
		expect(again.data.form.message).toMatch(/expired or has already been used/);
	});

	it('keeps the link usable when the new password is refused', async () => {
		const user = await createUser();
		await forgotActions.default(fakeEvent({ form: { email: user.email } }));
		const token = await fromLatestMail(user.email, /\/reset\/([a-z0-9]+)/);
		const short = failure(await actions.default(fakeEvent({ params: { token }, form: { password: 'short', confirm: 'short' } })));
		expect(short.data.form.errors.password?.[0]).toMatch(/at least 10/);
		expect(short.data.form.data).toEqual({ password: '', confirm: '' });
		expect((await load(fakeEvent({ params: { token } }))).usable).toBe(true);
	});
});

import type { Executor } from '../db/client.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { deliverEmail, recordEmail, type Email } from './email.ts';

/** The payload of a notify.email job: one email, already rendered, to an address that may have no account yet. */
export interface NotifyEmailPayload {
	email: Email;
}

/**
 * Hands an email to the durable job that writes it to the outbox and sends it after commit:
 * account mail (invitations, password links) goes the way every notification goes, so a request
 * never waits for mail and a rolled-back change mails nobody. Pass the transaction that makes
 * the change.
 */
export async function scheduleEmail(executor: Executor, email: Email): Promise<void> {
	await scheduleJob(executor, { kind: 'notify.email', payload: { email }, runAt: new Date() });
}

/**
 * Writes a job's email to the outbox exactly once — the row takes the job's id, so a job that runs
 * again (jobs run at least once) finds it there — then hands it to SMTP when SMTP is configured.
 */
export const deliverEmailJob: JobHandler<NotifyEmailPayload> = async ({ email }, { job, db }) => {
	const outboxId = await recordEmail(db, email, job.id);
	if (outboxId) await deliverEmail(outboxId, email);
};

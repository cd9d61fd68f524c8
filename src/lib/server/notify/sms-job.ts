import type { Executor } from '../db/client.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { smsProvider } from './sms.ts';

/** The payload of a notify.sms job: one text, already rendered, to a number that may have no account. */
export interface NotifySmsPayload {
	to: string;
	text: string;
}

/**
 * Hands a text message to the durable job that sends it after commit (a rolled-back change texts
 * nobody; a gateway that is down is retried). Pass the transaction that makes the change.
 */
export async function scheduleSms(executor: Executor, sms: NotifySmsPayload): Promise<void> {
	await scheduleJob(executor, { kind: 'notify.sms', payload: sms, runAt: new Date() });
}

/**
 * Sends the job's text. A gateway has no idempotency key to offer, so a job that runs again
 * after a crash between sending and finishing may text twice: better than not at all.
 */
export const deliverSmsJob: JobHandler<NotifySmsPayload> = async ({ to, text }) => {
	await smsProvider().send(to, text);
};

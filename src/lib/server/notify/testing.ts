// For integration tests (not used by the app): account mail is written to the outbox by durable
// jobs after the request; tests run those jobs at once, as the job runner would a moment later.
import { jobHandlers } from '../boot/job-handlers.ts';
import { runDueJobs, type RunSummary } from '../jobs/queue.ts';

/** Runs every due mail and text job (notify.email, notify.sms, accounts.password-reset) now. */
export function runMailJobs(now: Date = new Date()): Promise<RunSummary> {
	const { 'notify.email': email, 'notify.sms': sms, 'accounts.password-reset': reset } = jobHandlers;
	return runDueJobs({
		handlers: { 'notify.email': email, 'notify.sms': sms, 'accounts.password-reset': reset },
		workerId: 'test-mail',
		now
	});
}

import type { JobHandler } from './queue.ts';
import { deliverNotifications, type NotifyDeliverPayload } from '../notify/deliver.ts';
import { checkRepairSla, type RepairSlaCheckPayload } from '../repairs/sla.ts';
import { runBillingJob, type FeesBillingRunPayload } from '../fees/billing.ts';
import { runArrearsRemindersJob, type ArrearsRemindersPayload } from '../fees/arrears.ts';
import { issueReceiptJob, type ReceiptsIssuePayload } from '../receipts/issue.ts';
import { deliverEmailJob, type NotifyEmailPayload } from '../notify/mail-job.ts';
import { passwordResetJob, type PasswordResetPayload } from '../accounts/password-reset.ts';

/**
 * Payload type of each job kind the app schedules, e.g. `'repair.sla-check': { repairId: string }`.
 * scheduleJob checks payloads of the kinds listed here.
 */
export interface JobPayloads {
	'notify.deliver': NotifyDeliverPayload;
	'repair.sla-check': RepairSlaCheckPayload;
	'fees.billing-run': FeesBillingRunPayload;
	'fees.arrears-reminders': ArrearsRemindersPayload;
	'receipts.issue': ReceiptsIssuePayload;
	'notify.email': NotifyEmailPayload;
	'accounts.password-reset': PasswordResetPayload;
}

export type JobKind = keyof JobPayloads;

/**
 * The handler of every kind, run by the job runner. Handlers run at least once and may run
 * again (see queue.ts): each must be idempotent.
 */
export const jobHandlers: { readonly [K in JobKind]: JobHandler<JobPayloads[K]> } = {
	'notify.deliver': deliverNotifications,
	'repair.sla-check': checkRepairSla,
	'fees.billing-run': runBillingJob,
	'fees.arrears-reminders': runArrearsRemindersJob,
	'receipts.issue': issueReceiptJob,
	'notify.email': deliverEmailJob,
	'accounts.password-reset': passwordResetJob
};

import type { JobHandler, JobPayloads } from '../jobs/queue.ts';
import { deliverNotifications, type NotifyDeliverPayload } from '../notify/deliver.ts';
import { checkRepairSla, type RepairSlaCheckPayload } from '../repairs/sla.ts';
import { runBillingJob, type FeesBillingRunPayload } from '../fees/billing.ts';
import { runArrearsRemindersJob, type ArrearsRemindersPayload } from '../fees/arrears.ts';
import { issueReceiptJob, type ReceiptsIssuePayload } from '../receipts/issue.ts';
import { reapOrphansJob, type ReapOrphansPayload } from '../files/reaper.ts';
import { deliverEmailJob, type NotifyEmailPayload } from '../notify/mail-job.ts';
import { deliverSmsJob, type NotifySmsPayload } from '../notify/sms-job.ts';
import { passwordResetJob, type PasswordResetPayload } from '../accounts/password-reset.ts';
import { runOverdueRemindersJob, type OverdueRemindersPayload } from '../renovations/overdue-reminders.ts';
import { runSendJob, type SurveySendPayload } from '../surveys/sending.ts';
import { runCloseJob, runRemindJob, type SurveyClosePayload, type SurveyRemindPayload } from '../surveys/schedule.ts';
import { runActionRemindersJob, type ActionRemindersPayload } from '../surveys/action-reminders.ts';
import { checkComplaintDeadline, type ComplaintDeadlinePayload } from '../complaints/deadlines.ts';
import { runDeadlineSweepJob, type DeadlineSweepPayload } from '../deadlines/sweep.ts';
import { expireGrantsJob, type ExpireGrantsPayload } from '../archive/access-requests.ts';
import { runFollowUpRemindersJob, type FollowUpRemindersPayload } from '../visits/reminders.ts';
import { runPublishJob, type NoticePublishPayload } from '../notices/publish.ts';
import { runGradingJob, type CustomerGradePayload } from '../customers/grading.ts';
import { runMonthlyReportJob, type MonthlyReportPayload } from '../dashboard/monthly-report.ts';

/**
 * The one registry of durable job kinds: the payload of each (scheduleJob checks it) and the
 * handler the runner calls. It lives here, with the rest of the wiring, so that the job queue
 * imports no domain.
 */
declare module '../jobs/queue.ts' {
	interface JobPayloads {
		'notify.deliver': NotifyDeliverPayload;
		'repair.sla-check': RepairSlaCheckPayload;
		'fees.billing-run': FeesBillingRunPayload;
		'fees.arrears-reminders': ArrearsRemindersPayload;
		'receipts.issue': ReceiptsIssuePayload;
		'files.reap-orphans': ReapOrphansPayload;
		'notify.email': NotifyEmailPayload;
		'notify.sms': NotifySmsPayload;
		'accounts.password-reset': PasswordResetPayload;
		'renovations.overdue-reminders': OverdueRemindersPayload;
		'surveys.send': SurveySendPayload;
		'surveys.remind': SurveyRemindPayload;
		'surveys.close': SurveyClosePayload;
		'surveys.action-reminders': ActionRemindersPayload;
		'complaints.deadline-check': ComplaintDeadlinePayload;
		'deadlines.sweep': DeadlineSweepPayload;
		'archive.expire-grants': ExpireGrantsPayload;
		'visits.follow-up-reminders': FollowUpRemindersPayload;
		'notices.publish': NoticePublishPayload;
		'customers.grade': CustomerGradePayload;
		'dashboard.monthly-report': MonthlyReportPayload;
	}
}

/**
 * The handler of every kind, run by the job runner. Handlers run at least once and may run
 * again (see queue.ts): each must be idempotent.
 */
export const jobHandlers: { readonly [K in keyof JobPayloads]: JobHandler<JobPayloads[K]> } = {
	'notify.deliver': deliverNotifications,
	'repair.sla-check': checkRepairSla,
	'fees.billing-run': runBillingJob,
	'fees.arrears-reminders': runArrearsRemindersJob,
	'receipts.issue': issueReceiptJob,
	'files.reap-orphans': reapOrphansJob,
	'notify.email': deliverEmailJob,
	'notify.sms': deliverSmsJob,
	'accounts.password-reset': passwordResetJob,
	'renovations.overdue-reminders': runOverdueRemindersJob,
	'surveys.send': runSendJob,
	'surveys.remind': runRemindJob,
	'surveys.close': runCloseJob,
	'surveys.action-reminders': runActionRemindersJob,
	'complaints.deadline-check': checkComplaintDeadline,
	'deadlines.sweep': runDeadlineSweepJob,
	'archive.expire-grants': expireGrantsJob,
	'visits.follow-up-reminders': runFollowUpRemindersJob,
	'notices.publish': runPublishJob,
	'customers.grade': runGradingJob,
	'dashboard.monthly-report': runMonthlyReportJob
};

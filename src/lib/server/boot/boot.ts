/**
 * Server start-up, wired in one place: the configuration, the database with the data every
 * installation needs, the recurring job chains and the job runner. The database layer and the
 * job queue import no domain; this module is where domains are plugged into them.
 */
import { config } from '../config.ts';
import type { Database, Executor } from '../db/client.ts';
import { startDatabase } from '../db/start.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { ensureDefaultServiceKinds } from '../dictionaries/service-kind-defaults.ts';
import { ensureBillingRunScheduled } from '../fees/billing.ts';
import { ensureArrearsRemindersScheduled } from '../fees/arrears.ts';
import { ensureOrphanReapingScheduled } from '../files/reaper.ts';
import { ensureOverdueRemindersScheduled } from '../renovations/overdue-reminders.ts';
import { ensureDefaultSurveyTemplates } from '../surveys/templates.ts';
import { ensureActionRemindersScheduled } from '../surveys/action-reminders.ts';
import { ensureDeadlineSweepScheduled } from '../deadlines/sweep.ts';
import { ensureFollowUpRemindersScheduled } from '../visits/reminders.ts';
import { ensureDefaultRatingRules } from '../customers/rating-rules.ts';
import { ensureGradingScheduled } from '../customers/grading.ts';
import { ensureMonthlyReportsScheduled } from '../dashboard/monthly-report.ts';
import { jobHandlers } from './job-handlers.ts';
import { onBillsPaid } from '../fees/paid-listeners.ts';
import { renovationBillsPaid } from '../renovations/fees.ts';

/**
 * What every database needs besides its schema. Each step keeps an admin's edits and only fills
 * what is missing, so it runs at every start.
 */
async function ensureDefaults(executor: Executor): Promise<void> {
	// SLA deadlines need opening hours.
	await ensureDefaultCalendar(executor);
	await ensureDefaultDictionaries(executor);
	await ensureDefaultFeeItems(executor);
	// Service kinds bill fee items: after those.
	await ensureDefaultServiceKinds(executor);
	await ensureDefaultSurveyTemplates(executor);
	await ensureDefaultRatingRules(executor);
	// Recurring work is a chain of durable jobs (each run schedules the next); this starts each once.
	await ensureBillingRunScheduled(executor);
	await ensureArrearsRemindersScheduled(executor);
	await ensureOrphanReapingScheduled(executor);
	await ensureOverdueRemindersScheduled(executor);
	await ensureActionRemindersScheduled(executor);
	await ensureDeadlineSweepScheduled(executor);
	await ensureFollowUpRemindersScheduled(executor);
	await ensureGradingScheduled(executor);
	await ensureMonthlyReportsScheduled(executor);
}

let prepared: Promise<Database> | undefined;

/** Opens and migrates the configured database and fills in its defaults, once per process. */
export function prepareDatabase(): Promise<Database> {
	prepared ??= (async () => {
		const database = await startDatabase();
		await ensureDefaults(database.db);
		// PGlite has no autovacuum: its planner gets statistics for what changed since the last start.
		await refreshStatistics(database);
		return database;
	})();
	prepared.catch(() => (prepared = undefined));
	return prepared;
}

/**
 * The server's start (hooks.server.ts init): reads the configuration first, so that a wrong
 * setting stops the server before it opens anything, then the database, then the job runner.
 */
export async function bootServer(): Promise<void> {
	const settings = config();
	// Domains whose steps wait for a payment hear of paid bills from the ledger.
	onBillsPaid(renovationBillsPaid);
	await prepareDatabase();
	if (settings.jobs.enabled) startJobRunner({ handlers: jobHandlers, pollMs: settings.jobs.pollMs });
}

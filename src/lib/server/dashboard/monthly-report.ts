/**
 * The monthly statistics (rule 3) as a recurring job: on the 1st of each month at 07:00 in the
 * estate's zone, the estate's figures of the month before (figures.ts, read as a manager of the
 * estate reads them) are printed to a PDF (monthly-pdf.ts), kept as a file and sent to the
 * estate's managers by inbox and e-mail with the PDF attached. Each run then schedules the next
 * month's. Once per estate and month: a run repeated finds its notifications and sends nothing.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { addMonths, dateTime, firstDay, localInstant, localMonth, monthName, type Month } from '#lib/time/index.ts';
import { loadActor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { estates, notifications } from '../db/schema/index.ts';
import { estateZones, type EstateZone } from '../fees/estate-time.ts';
import { storeFile } from '../files/service.ts';
import { scheduleOnce, type JobHandler } from '../jobs/queue.ts';
import { notify, recipientLocale } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { dashboardFigures } from './figures.ts';
import { renderMonthlyPdf } from './monthly-pdf.ts';

const JOB = 'dashboard.monthly-report';
export const MONTHLY_REPORT_KIND = 'dashboard.monthly_report';
const SUBJECT = 'dashboard_report';
const AT_MINUTES = 7 * 60;

export interface MonthlyReportPayload {
	estateId: string;
	/** The month reported on, 'YYYY-MM' (the job runs on the 1st of the next). */
	month: Month;
}

/** 07:00 on the first day of the month after `month`, in the estate's zone. */
function monthlyReportAt(month: Month, estate: EstateZone): Date {
	return localInstant(firstDay(addMonths(month, 1)), AT_MINUTES, estate.timeZone);
}

const subjectId = (estateId: string, month: Month) => `${estateId}:${month}`;

/** Schedules the estate's report of a month unless one is pending or done (a failed one is scheduled again). */
function scheduleMonthlyReport(executor: Executor, month: Month, estate: EstateZone): Promise<boolean> {
	return scheduleOnce(executor, {
		kind: JOB,
		payload: { estateId: estate.id, month } satisfies MonthlyReportPayload,
		runAt: monthlyReportAt(month, estate),
		dedupeKey: `${JOB}:${estate.id}:${month}`
	});
}

/** At start: every estate's report of its current month is scheduled (each chain then keeps itself going). */
export async function ensureMonthlyReportsScheduled(executor: Executor, now: Date = new Date()): Promise<boolean> {
	let added = false;
	for (const estate of (await estateZones(executor)).values()) {
		if (await scheduleMonthlyReport(executor, localMonth(now, estate.timeZone), estate)) added = true;
	}
	return added;
}

/**
 * Sends the estate's report of the month to its managers, once: one PDF per language they read,
 * attached to their notification. Returns how many managers were told (0 when already sent).
 */
export async function sendMonthlyReport(database: Executor, payload: MonthlyReportPayload, now: Date): Promise<number> {
	const [estate] = await database.select().from(estates).where(eq(estates.id, payload.estateId));
	if (!estate) return 0;
	const id = subjectId(estate.id, payload.month);
	const sent = () =>
		database
			.select({ id: notifications.id })
			.from(notifications)
			.where(and(eq(notifications.subjectType, SUBJECT), eq(notifications.subjectId, id), eq(notifications.kind, MONTHLY_REPORT_KIND)))
			.limit(1);
	if ((await sent()).length > 0) return 0;
	const managers = await staffInEstate(database, estate.id, ['manager']);
	const actors = (await Promise.all(managers.map((manager) => loadActor(manager.id, null)))).filter((actor) => actor !== null);
	const reader = actors.find((actor) => actor.estateIds === null || actor.estateIds.includes(estate.id));
	if (!reader) return 0;
	// The figures of the estate as its managers read them (every manager of the estate sees the same).
	const figures = await dashboardFigures(reader, { estate: estate.id, month: payload.month }, { now, executor: database });
	const byLocale = new Map<Locale, string[]>();
	for (const actor of actors) {
		const locale = recipientLocale(actor.locale);
		byLocale.set(locale, [...(byLocale.get(locale) ?? []), actor.userId]);
	}
	const link = `/staff/dashboard?${new URLSearchParams({ estate: estate.id, month: payload.month })}`;
	const pdfs = await Promise.all(
		[...byLocale].map(async ([locale, userIds]) => ({
			locale,
			userIds,
			pdf: await renderMonthlyPdf({
				figures,
				locale,
				estateName: estate.name,
				monthName: monthName(payload.month, locale),
				madeAt: dateTime(now, estate.timeZone, locale)
			})
		}))
	);
	const filename = `monthly-statistics-${estate.code.replace(/[^A-Za-z0-9-]+/g, '-')}-${payload.month}.pdf`;
	await database.transaction(async (tx) => {
		// The estate's row lock makes a second run wait for the first, then find its notifications.
		await tx.select({ id: estates.id }).from(estates).where(eq(estates.id, estate.id)).for('update');
		const [already] = await tx
			.select({ id: notifications.id })
			.from(notifications)
			.where(and(eq(notifications.subjectType, SUBJECT), eq(notifications.subjectId, id), eq(notifications.kind, MONTHLY_REPORT_KIND)))
			.limit(1);
		if (already) return;
		for (const { locale, userIds, pdf } of pdfs) {
			const file = await storeFile(tx, { data: pdf, contentType: 'application/pdf', ownerId: null }, { type: SUBJECT, id });
			const words = { estate: estate.name, month: monthName(payload.month, locale) };
			await notify(tx, {
				userIds,
				kind: MONTHLY_REPORT_KIND,
				subject: { type: SUBJECT, id },
				link,
				message: (to) => ({
					title: m.dashboard_mail_title({ ...words, month: monthName(payload.month, to) }, { locale: to }),
					body: m.dashboard_mail_body({ ...words, month: monthName(payload.month, to) }, { locale: to })
				}),
				channels: ['inbox', 'email'],
				attachments: [{ fileId: file.id, filename, contentType: 'application/pdf' }]
			});
		}
	});
	return actors.length;
}

/** Job 'dashboard.monthly-report': sends the month's report (once), then schedules the next month's. */
export const runMonthlyReportJob: JobHandler<MonthlyReportPayload> = async (payload, context) => {
	await sendMonthlyReport(context.db, payload, context.now);
	const zones = await estateZones(context.db);
	const estate = zones.get(payload.estateId);
	if (estate) await scheduleMonthlyReport(context.db, addMonths(payload.month, 1), estate);
};

import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { addMonths } from '#lib/time/index.ts';
import { db } from '#lib/server/db/client.ts';
import { estates, files, jobs, notifications, outbox, users } from '#lib/server/db/schema/index.ts';
import { loadActor, type Actor } from '#lib/server/auth/actor.ts';
import { ensureDefaultCalendar } from '#lib/server/calendar/store.ts';
import { readXlsx } from '#lib/server/reports/xlsx-read.ts';
import { surveyResults } from '#lib/server/surveys/results.ts';
import { jobHandlers } from '#lib/server/boot/job-handlers.ts';
import { runDueJobs } from '#lib/server/jobs/queue.ts';
import { runMailJobs } from '#lib/server/notify/testing.ts';
import { dashboardFigures, dashboardLinks, type DashboardFigures } from '#lib/server/dashboard/figures.ts';
import { MONTHLY_REPORT_KIND, runMonthlyReportJob, sendMonthlyReport } from '#lib/server/dashboard/monthly-report.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { load } from './+page.server.ts';
import { GET } from './export/+server.ts';
import { load as repairQueue } from '../repairs/+page.server.ts';
import { load as complaintBoard } from '../complaints/+page.server.ts';
import { load as repairStatistics } from '../reports/repairs/+page.server.ts';
import { load as financeReportPage } from '../reports/finance/+page.server.ts';
import { load as renovationBoardPage } from '../renovations/+page.server.ts';
import { load as visitStatsPage } from '../visits/stats/+page.server.ts';
import { load as accuracyPage } from '../customers/accuracy/+page.server.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

type AnyLoad = (event: never) => Promise<unknown>;

let manager: Actor;
let hvg: string;
let cpt: string;

const actorByEmail = async (email: string) => {
	const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
	return (await loadActor(user!.id, null))!;
};

beforeAll(async () => {
	expect((await useDemoData()).seeded).toBe(true);
	await ensureDefaultCalendar(db());
	manager = await actorByEmail('manager@lobby.test');
	const rows = await db().select({ id: estates.id, code: estates.code }).from(estates);
	hvg = rows.find((e) => e.code === 'HVG')!.id;
	cpt = rows.find((e) => e.code === 'CPT')!.id;
}, 180_000);

/** A page's data as the actor, at a link the dashboard gave. */
const open = async <T>(page: AnyLoad, actor: Actor, href: string) => (await page(fakeEvent({ actor, path: href }))) as T;

/** Every row a keyset-paged list holds, following its "next" links as a reader would. */
async function allRows(page: AnyLoad, actor: Actor, href: string): Promise<number> {
	let count = 0;
	let next: string | null = null;
	do {
		const url = new URL(href, 'http://localhost');
		if (next) url.searchParams.set('after', next);
		const data: { rows: unknown[]; next: string | null } = await open(page, actor, `${url.pathname}${url.search}`);
		count += data.rows.length;
		next = data.next;
	} while (next);
	return count;
}

async function expectFiguresMatchLists(figures: DashboardFigures) {
	const links = dashboardLinks(figures);
	const estateId = figures.scope.estateId;

	// Open repairs: every cell (kind × age), each kind, each age, the total and those past their SLA.
	expect(figures.repairs.total).toBeGreaterThan(0);
	for (const kind of figures.repairs.kinds) {
		expect(await allRows(repairQueue, manager, links.repairs({ kind: kind.kindId }))).toBe(kind.total);
		for (const age of ['new', 'week', 'old'] as const)
			expect(await allRows(repairQueue, manager, links.repairs({ kind: kind.kindId, age })), `${kind.kind.nameEn} ${age}`).toBe(
				kind.ages[age]
			);
	}
	for (const age of ['new', 'week', 'old'] as const)
		expect(await allRows(repairQueue, manager, links.repairs({ age }))).toBe(figures.repairs.ages[age]);
	expect(await allRows(repairQueue, manager, links.repairs())).toBe(figures.repairs.total);
	expect(await allRows(repairQueue, manager, links.repairsOverdue)).toBe(figures.repairs.overdue);

	// Open complaints, the same way, and the late ones.
	for (const kind of figures.complaints.kinds) {
		expect(await allRows(complaintBoard, manager, links.complaints({ kind: kind.kindId }))).toBe(kind.total);
		for (const age of ['new', 'week', 'old'] as const)
			expect(await allRows(complaintBoard, manager, links.complaints({ kind: kind.kindId, age }))).toBe(kind.ages[age]);
	}
	expect(await allRows(complaintBoard, manager, links.complaints())).toBe(figures.complaints.total);
	expect(await allRows(complaintBoard, manager, links.complaintsLate)).toBe(figures.complaints.overdue);

	// Rule 3's shares: the repair statistics of the same estate and month.
	const statistics = await open<{ callbacks: { total: number; roles: unknown; estates: unknown } }>(
		repairStatistics,
		manager,
		links.callbackShares
	);
	expect(figures.callbackShares).toEqual({
		total: statistics.callbacks.total,
		roles: statistics.callbacks.roles,
		estates: statistics.callbacks.estates
	});

	// Rule 4's shares: the complaints' callback board of the month.
	const board = await open<{ report: { shares: unknown } }>(complaintBoard, manager, links.complaintCallbacks);
	expect(figures.complaintCallbacks).toEqual(board.report.shares);

	// Collection rate and arrears: the finance report of the month.
	const finance = await open<{ totals: { collectionRate: number | null; outstandingMinor: number; billsMinor: number }[] }>(
		financeReportPage,
		manager,
		links.finance
	);
	expect(finance.totals).toHaveLength(1);
	expect(figures.finance.collectionRate).toBe(finance.totals[0]!.collectionRate);
	expect(figures.finance.outstandingMinor).toBe(finance.totals[0]!.outstandingMinor);
	expect(figures.finance.billsMinor).toBe(finance.totals[0]!.billsMinor);

	// Renovations in works: the board's works under way, in the same estate.
	const renovations = await open<{ inWorks: unknown[] }>(renovationBoardPage, manager, links.renovations.split('#')[0]!);
	expect(figures.renovationsInWorks).toBe(renovations.inWorks.length);

	// The satisfaction index: the survey's results page reads surveyResults.
	expect(figures.survey).not.toBeNull();
	expect(links.survey).toBe(`/staff/surveys/${figures.survey!.id}/results`);
	const results = await surveyResults(manager, figures.survey!.id);
	const group = estateId ? results.results.byEstate.find((e) => e.id === estateId) : results.results.overall;
	expect(figures.survey!.index).toBe(group?.index ?? null);

	// Visits towards the plan: the statistics page of the year, over the same estates.
	const visits = await open<{ rows: { estate: { id: string }; done: number; planned: number; held: number }[] }>(
		visitStatsPage,
		manager,
		links.visits
	);
	const shown = visits.rows.filter((row) => figures.scope.selected.some((e) => e.id === row.estate.id));
	expect(figures.visits.done).toBe(shown.reduce((sum, row) => sum + row.done, 0));
	expect(figures.visits.planned).toBe(shown.reduce((sum, row) => sum + row.planned, 0));
	expect(figures.visits.held).toBe(shown.reduce((sum, row) => sum + row.held, 0));

	// Key-account accuracy: the accuracy page over the same estates, its figures summed and its list to fix.
	const accuracy = await open<{ figures: { checked: number; passed: number; accounts: number }[]; toFix: unknown[] }>(
		accuracyPage,
		manager,
		links.keyAccounts
	);
	const checked = accuracy.figures.reduce((sum, f) => sum + f.checked, 0);
	const passed = accuracy.figures.reduce((sum, f) => sum + f.passed, 0);
	expect(figures.keyAccounts).toMatchObject({ checked, passed, failing: accuracy.toFix.length, target: 98 });
	expect(figures.keyAccounts.accounts).toBe(accuracy.figures.reduce((sum, f) => sum + f.accounts, 0));
	// The demo's key accounts are in Central Plaza, where Beacon's licence has run out: below 98 %.
	if (!estateId || estateId === cpt) {
		expect(figures.keyAccounts.accounts).toBe(2);
		expect(figures.keyAccounts.meetsTarget).toBe(false);
		expect(figures.keyAccounts.percent).toBeCloseTo((passed * 100) / checked, 1);
	}
}

describe('the manager’s dashboard on the demo data', () => {
	it('The dashboard’s figures equal the lists they link to (one estate)', async () => {
		await expectFiguresMatchLists(await dashboardFigures(manager, { estate: hvg }));
	}, 120_000);

	it('The dashboard’s figures equal the lists they link to (all of the manager’s estates)', async () => {
		const figures = await dashboardFigures(manager, {});
		expect(figures.scope.selected.map((e) => e.code).sort()).toEqual(['CPT', 'HVG']);
		await expectFiguresMatchLists(figures);
	}, 120_000);

	it('shows the page with a link on every figure, and the staff home points managers to it', async () => {
		const data = await load(fakeEvent({ actor: manager, path: `/staff/dashboard?estate=${hvg}` }));
		expect(data.estateId).toBe(hvg);
		expect(
			data.repairs.kinds.every((k) => k.cells.every((c) => c.href.includes(`kind=${k.kindId}`) && c.href.includes(`age=${c.age}`)))
		).toBe(true);
		expect(data.links.repairsOverdue).toBe(`/staff/repairs?estate=${hvg}&overdue=1`);
		const { load: home } = await import('../+page.server.ts');
		expect((await home(fakeEvent({ actor: manager, path: '/staff' }))).dashboard).toBe(true);
	});

	it('exports the same figures as XLSX', async () => {
		const figures = await dashboardFigures(manager, { estate: hvg });
		const response = await GET(fakeEvent({ actor: manager, path: `/staff/dashboard/export?estate=${hvg}&month=${figures.scope.month}` }));
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Disposition')).toContain(`dashboard-HVG-${figures.scope.month}.xlsx`);
		const sheets = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheets.map((s) => s.name)).toHaveLength(4);
		const summary = sheets[0]!;
		const value = (label: string) => {
			for (const [ref, text] of summary.cells) if (ref.startsWith('A') && text === label) return summary.cells.get(`B${ref.slice(1)}`);
			return undefined;
		};
		expect(value('Open repairs')).toBe(figures.repairs.total);
		expect(value('Repairs past their SLA')).toBe(figures.repairs.overdue);
		expect(value('Open complaints')).toBe(figures.complaints.total);
		expect(value('Renovations in works')).toBe(figures.renovationsInWorks);
		const repairs = sheets[1]!;
		const totalRow = [...repairs.cells].find(([ref, text]) => ref.startsWith('A') && text === 'Total' && ref !== 'A1')![0].slice(1);
		expect(repairs.cells.get(`E${totalRow}`)).toBe(figures.repairs.total);
	});

	it('shows another estate’s manager neither the figures nor the export', async () => {
		const [cptOnly] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'manager@lobby.test'));
		// The same manager, assigned to Central Plaza only.
		const other: Actor = { ...(await loadActor(cptOnly!.id, null))!, estateIds: [cpt] };
		expect((await thrown(() => dashboardFigures(other, { estate: hvg }))).status).toBe(404);
		expect(await thrown(() => load(fakeEvent({ actor: other, path: `/staff/dashboard?estate=${hvg}` })))).toMatchObject({ status: 404 });
		expect((await thrown(() => GET(fakeEvent({ actor: other, path: `/staff/dashboard/export?estate=${hvg}` })))).status).toBe(404);
		const all = await dashboardFigures(other, {});
		expect(all.scope.selected.map((e) => e.id)).toEqual([cpt]);
		const mine = await dashboardFigures(other, { estate: cpt });
		expect(all.repairs.total).toBe(mine.repairs.total);
		// Staff without the permission: refused outright.
		const service = await actorByEmail('service@lobby.test');
		expect((await thrown(() => dashboardFigures(service, {}))).status).toBe(403);
	});
});

describe('the monthly report (job dashboard.monthly-report)', () => {
	it('sends each estate’s managers the month before as a PDF once, however often the job runs', async () => {
		const figures = await dashboardFigures(manager, { estate: hvg });
		const month = addMonths(figures.scope.month, -1);
		// The 1st of this month, after 07:00 in the estate.
		const now = new Date(Date.now() + 1000);
		const [job] = await db().select().from(jobs).limit(1);
		const payload = { estateId: hvg, month };
		await runMonthlyReportJob(payload, { db: db(), now, job: job! });
		const told = () =>
			db()
				.select({ userId: notifications.userId, subjectId: notifications.subjectId })
				.from(notifications)
				.where(and(eq(notifications.kind, MONTHLY_REPORT_KIND), eq(notifications.subjectId, `${hvg}:${month}`)));
		const first = await told();
		// Both demo managers of Harbour View (and no one else).
		const managers = await Promise.all(['manager@lobby.test', 'gm@lobby.test'].map(actorByEmail));
		expect(first.map((n) => n.userId).sort()).toEqual(managers.map((a) => a.userId).sort());

		const pdfs = await db()
			.select()
			.from(files)
			.where(and(eq(files.subjectType, 'dashboard_report'), eq(files.subjectId, `${hvg}:${month}`)));
		expect(pdfs.length).toBeGreaterThan(0);
		expect(pdfs.every((f) => f.contentType === 'application/pdf' && f.bytes > 1000)).toBe(true);

		// Run again (a retried job): nothing more is sent.
		await runMonthlyReportJob(payload, { db: db(), now: new Date(now.getTime() + 60_000), job: job! });
		expect(await sendMonthlyReport(db(), payload, now)).toBe(0);
		expect(await told()).toHaveLength(first.length);

		// The e-mail leaves through the outbox with the PDF attached.
		await runDueJobs({
			handlers: { 'notify.deliver': jobHandlers['notify.deliver'] },
			workerId: 'test-deliver',
			now: new Date(now.getTime() + 120_000)
		});
		await runMailJobs(new Date(now.getTime() + 180_000));
		const mail = await db().select().from(outbox).where(like(outbox.subject, '%Harbour View%'));
		expect(mail.filter((row) => row.subject.includes('Monthly statistics') || row.subject.includes('月度')).length).toBe(managers.length);

		// And the next month's report is scheduled.
		const next = await db()
			.select({ runAt: jobs.runAt })
			.from(jobs)
			.where(eq(jobs.dedupeKey, `dashboard.monthly-report:${hvg}:${addMonths(month, 1)}`));
		expect(next).toHaveLength(1);
	}, 120_000);
});

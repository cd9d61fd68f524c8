// The staff's reports and overviews timed through their services, as their pages call them: the
// repair report (/staff/reports/repairs), the finance report (/staff/reports/finance), the
// manager's dashboard (/staff/dashboard) and the staff home's "waiting for me" (/staff), over all
// the actor's estates and over one. Figures only: no limit is set for them.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { db, queryRows } from '../../src/lib/server/db/client.ts';
import { repairReport } from '../../src/lib/server/reports/repair-kpis.ts';
import { financeReport } from '../../src/lib/server/reports/finance.ts';
import { dashboardFigures } from '../../src/lib/server/dashboard/figures.ts';
import { waitingForMe } from '../../src/lib/server/staff-home/home.ts';
import { addMonths, monthOf } from '../../src/lib/time/index.ts';
import { summarize, tableHeader, tableRow, type Summary } from './figures.ts';
import { benchActor } from './staff-queue.ts';
import { BENCH_DESK_EMAIL, BENCH_MANAGER_EMAIL } from './registry.ts';

/** A report slower than this is called once. */
const ONE_CALL_MS = 5000;

/** Times each report `rounds` times after a warm-up call and prints a row each; returns the rows. */
export async function measureReports(rounds: number): Promise<{ label: string; summary: Summary }[]> {
	const manager = await benchActor(BENCH_MANAGER_EMAIL);
	const desk = await benchActor(BENCH_DESK_EMAIL);
	const [estateA] = await queryRows<{ id: string }>(db(), sql`select id from estates order by code limit 1`);
	const lastMonth = addMonths(monthOf(new Date().toISOString().slice(0, 10)), -1);
	const cases: { label: string; run: () => Promise<unknown> }[] = [
		{ label: 'repair report, all, this month', run: () => repairReport(manager, { estate: null, month: null }) },
		{ label: 'repair report, all, last month', run: () => repairReport(manager, { estate: null, month: lastMonth }) },
		{ label: 'repair report, estate A', run: () => repairReport(manager, { estate: estateA!.id, month: lastMonth }) },
		{ label: 'finance report, all, 6 months', run: () => financeReport(manager, { estate: null, from: null, to: null }) },
		{ label: 'finance report, estate A', run: () => financeReport(manager, { estate: estateA!.id, from: null, to: null }) },
		{ label: 'dashboard, all estates', run: () => dashboardFigures(manager, { estate: null, month: null }) },
		{ label: 'dashboard, estate A', run: () => dashboardFigures(manager, { estate: estateA!.id, month: null }) },
		{ label: 'staff home, desk (A+B)', run: () => waitingForMe(desk) },
		{ label: 'staff home, manager', run: () => waitingForMe(manager) }
	];
	console.log(`\nReports and overviews, ${rounds} calls each after a warm-up (ms):`);
	console.log(tableHeader('report'));
	const rows: { label: string; summary: Summary }[] = [];
	for (const c of cases) {
		const warmStarted = performance.now();
		await c.run();
		const warmUp = performance.now() - warmStarted;
		// A report that takes seconds is timed by that one call: repeating it would take the run minutes each.
		if (warmUp > ONE_CALL_MS) {
			const summary = summarize([warmUp]);
			console.log(tableRow(c.label, summary, `one call: over ${ONE_CALL_MS / 1000} s`));
			rows.push({ label: c.label, summary });
			continue;
		}
		const times: number[] = [];
		for (let r = 0; r < rounds; r++) {
			const started = performance.now();
			await c.run();
			times.push(performance.now() - started);
		}
		const summary = summarize(times);
		console.log(tableRow(c.label, summary));
		rows.push({ label: c.label, summary });
	}
	return rows;
}

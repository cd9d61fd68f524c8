// What the scale-out harness (scripts/cluster.ts) checks once its processes have stopped: from
// each process's JSON log lines (src/lib/server/log.ts: one "request" line per request, one "job"
// line per job run) and from the jobs table, that both processes served the journeys, both ran
// jobs, and no job ran twice.
import fs from 'node:fs';
import type { Sql } from 'postgres';

export interface ProcessFigures {
	pid: number | null;
	port: number;
	/** Its exit code, or the signal that ended it. */
	exit: string | null;
	/** Requests served, the proxy's health checks left out. */
	requests: number;
	jobs: number;
	jobKinds: Record<string, number>;
}

export interface ClusterReport {
	processes: ProcessFigures[];
	jobsDone: number;
	/** Jobs with more than one finished run (or one attempt run twice). */
	duplicates: { jobId: string; runs: { pid: number; attempt: number; outcome: string }[] }[];
	/** One line per check, passed or not, and what failed. */
	checks: { name: string; passed: boolean }[];
	summary: string[];
	problems: string[];
}

interface LogLine {
	msg?: string;
	pid?: number;
	route?: string | null;
	jobId?: string;
	kind?: string;
	attempt?: number;
	outcome?: string;
}

function logLines(file: string): LogLine[] {
	const lines: LogLine[] = [];
	for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
		// start.ts prints a few plain lines of its own; only the logger's JSON lines count.
		if (!text.startsWith('{')) continue;
		try {
			lines.push(JSON.parse(text) as LogLine);
		} catch {
			// A line cut by the stop: nothing to learn from it.
		}
	}
	return lines;
}

export async function analyseCluster(
	apps: readonly { port: number; log: string; exit: string | null; child: { pid?: number } }[],
	sql: Sql
): Promise<ClusterReport> {
	const runs = new Map<string, { pid: number; attempt: number; outcome: string }[]>();
	const processes = apps.map((app): ProcessFigures => {
		const lines = logLines(app.log);
		const jobKinds: Record<string, number> = {};
		let requests = 0;
		let jobs = 0;
		for (const line of lines) {
			if (line.msg === 'request' && line.route !== '/api/health') requests++;
			if (line.msg === 'job' && line.jobId) {
				jobs++;
				jobKinds[line.kind ?? '?'] = (jobKinds[line.kind ?? '?'] ?? 0) + 1;
				const list = runs.get(line.jobId) ?? [];
				list.push({ pid: line.pid ?? 0, attempt: line.attempt ?? 0, outcome: line.outcome ?? '?' });
				runs.set(line.jobId, list);
			}
		}
		return { pid: app.child.pid ?? null, port: app.port, exit: app.exit, requests, jobs, jobKinds };
	});
	const duplicates = [...runs]
		.filter(([, list]) => list.filter((r) => r.outcome === 'done').length > 1 || new Set(list.map((r) => r.attempt)).size < list.length)
		.map(([jobId, list]) => ({ jobId, runs: list }));
	const done = await sql<{ id: string }[]>`select id from jobs where done_at is not null`;
	const doneInLog = new Set([...runs].filter(([, list]) => list.some((r) => r.outcome === 'done')).map(([id]) => id));
	const unlogged = done.filter((row) => !doneInLog.has(row.id)).length;

	const checks = [
		{ name: 'both processes served requests through the proxy', passed: processes.every((p) => p.requests > 0) },
		{ name: 'both processes ran jobs', passed: processes.every((p) => p.jobs > 0) },
		{ name: 'every job ran once', passed: duplicates.length === 0 },
		{ name: 'every finished job in the database is one run in a log', passed: unlogged === 0 },
		{ name: 'both processes stopped cleanly', passed: processes.every((p) => p.exit === '0') }
	];
	const problems = checks.filter((c) => !c.passed).map((c) => c.name);
	if (duplicates.length) problems.push(`jobs run more than once: ${JSON.stringify(duplicates.slice(0, 5))}`);
	if (unlogged) problems.push(`${unlogged} finished jobs have no run in either log`);
	const summary = [
		...processes.map(
			(p, i) =>
				`app${i + 1} pid ${p.pid}: ${p.requests} requests, ${p.jobs} job runs (${Object.entries(p.jobKinds)
					.map(([kind, n]) => `${kind} ${n}`)
					.join(', ')}), exit ${p.exit}`
		),
		`${done.length} jobs done in the database, ${duplicates.length} ran more than once`
	];
	return { processes, jobsDone: done.length, duplicates, checks, summary, problems };
}

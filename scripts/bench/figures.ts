// What the benchmarks print: percentiles of timings, one table row per measured case, the machine
// the figures were taken on, and how long each stage of a data generation took.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { db, queryRows } from '../../src/lib/server/db/client.ts';

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface Summary {
	calls: number;
	p50: number;
	p95: number;
	max: number;
}

export function summarize(times: readonly number[]): Summary {
	const sorted = [...times].sort((a, b) => a - b);
	return { calls: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

const LABEL_WIDTH = 30;

export function tableHeader(first = 'case'): string {
	return `${first.padEnd(LABEL_WIDTH)} ${'calls'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`;
}

/** One row: label, calls, p50, p95 and max in ms, then `note`. */
export function tableRow(label: string, s: Summary, note = ''): string {
	const cells = [s.p50, s.p95, s.max].map((ms) => ms.toFixed(1).padStart(7)).join(' ');
	return `${label.padEnd(LABEL_WIDTH)} ${String(s.calls).padStart(5)} ${cells}${note ? `  ${note}` : ''}`;
}

/** Cores, load average, server version and Node: printed beside every set of figures (the machine is shared). */
export async function machineLine(): Promise<string> {
	const [{ version } = { version: '?' }] = await queryRows<{ version: string }>(
		db(),
		sql`select split_part(version(), ' on ', 1) as version`
	);
	const load = os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
	return `Machine: ${os.cpus().length} cores, load average ${load}; ${version}; Node ${process.versions.node}`;
}

/** Times the stages of a generation: each one's seconds as it ends, and all of them at the end. */
export class StageClock {
	readonly started = performance.now();
	readonly stages: { name: string; seconds: number }[] = [];

	async time<T>(name: string, work: () => Promise<T>): Promise<T> {
		const start = performance.now();
		const result = await work();
		const seconds = (performance.now() - start) / 1000;
		this.stages.push({ name, seconds });
		console.log(`  ${name}: ${seconds.toFixed(1)} s`);
		return result;
	}

	/** Seconds since the clock was made. */
	total(): number {
		return (performance.now() - this.started) / 1000;
	}
}

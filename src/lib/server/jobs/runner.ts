import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { runDueJobs, type JobHandlers } from './queue.ts';

export interface JobRunner {
	/** Stops polling and waits for the jobs in hand to finish. */
	stop(): Promise<void>;
}

export interface JobRunnerOptions {
	/** The kinds this runner runs (the app's registry is boot/job-handlers.ts). */
	handlers: JobHandlers;
	/** Milliseconds between polls when nothing is due; JOBS_POLL_MS, else 5 s. */
	pollMs?: number;
	batchSize?: number;
}

const CURRENT = Symbol.for('lobby.jobRunner');

/** Tells the processes apart in jobs.locked_by, e.g. "web-1:4242:9f3a1c". */
function newWorkerId(): string {
	return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Polls for due jobs until stopped or until the server shuts down (`sveltekit:shutdown`, after
 * adapter-node has drained the requests in flight): the job in hand finishes, the rest of its batch
 * is handed back for another process. Any number of processes may run one: claims never overlap
 * (see queue.ts).
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
	// The dev server re-runs init after edits; the old runner must not keep polling beside the new.
	void (globalThis as { [CURRENT]?: JobRunner })[CURRENT]?.stop();
	const handlers = options.handlers;
	const pollMs = options.pollMs ?? config().jobs.pollMs;
	const batchSize = options.batchSize ?? 20;
	const workerId = newWorkerId();
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();

	async function tick(): Promise<void> {
		let full = false;
		try {
			const summary = await runDueJobs({ handlers, workerId, limit: batchSize, stopping: () => stopped });
			full = summary.claimed === batchSize;
		} catch (err) {
			log().error({ err, workerId }, 'job runner: a poll failed; trying again later');
		}
		// A full batch suggests more are due: go again at once instead of waiting a poll.
		if (!stopped) schedule(full ? 0 : pollMs);
	}

	// unref: the runner alone never keeps the process alive.
	const schedule = (ms: number) => {
		timer = setTimeout(() => {
			running = tick();
		}, ms);
		timer.unref();
	};
	const stop = async () => {
		stopped = true;
		clearTimeout(timer);
		process.off('sveltekit:shutdown', onShutdown);
		await running;
	};
	const onShutdown = () => void stop();
	process.once('sveltekit:shutdown' as never, onShutdown);
	schedule(0);
	const runner = { stop };
	(globalThis as { [CURRENT]?: JobRunner })[CURRENT] = runner;
	return runner;
}

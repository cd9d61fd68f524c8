/**
 * KERNEL: the server's log — JSON lines (pino) on stdout, each carrying the id of the request it
 * was written for, so one request's lines can be found among many processes' and an error page's
 * reference leads to them. The request id travels in an AsyncLocalStorage set by the first hook.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { config } from './config.ts';

const requestContext = new AsyncLocalStorage<{ requestId: string }>();
let current: Logger | undefined;

/** The process's logger, made on first use at LOG_LEVEL. */
export function log(): Logger {
	current ??= newLogger(config().log.level);
	return current;
}

/** A logger that writes JSON lines with the request id to `destination` (stdout by default). */
export function newLogger(level: string, destination?: DestinationStream): Logger {
	const options = {
		level,
		base: { pid: process.pid },
		timestamp: pino.stdTimeFunctions.isoTime,
		mixin: () => {
			const store = requestContext.getStore();
			return store ? { requestId: store.requestId } : {};
		}
	};
	return destination ? pino(options, destination) : pino(options);
}

/** Tests watch the lines through a logger of their own (newLogger with a stream). */
export function useLogger(logger: Logger): void {
	current = logger;
}

// A proxy or load balancer may name the request already; anything else is replaced.
const acceptedId = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's id: the one the proxy sent (X-Request-Id) when it looks like one, else a new one. */
export function requestIdFor(header: string | null): string {
	return header && acceptedId.test(header) ? header : randomUUID();
}

/** Runs fn with every log line written inside it (and what it awaits) carrying the request id. */
export function inRequest<T>(requestId: string, fn: () => T): T {
	return requestContext.run({ requestId }, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
	return requestContext.getStore()?.requestId;
}

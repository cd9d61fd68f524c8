import type { Actor } from '#lib/server/auth/actor.ts';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
		}
		interface Error {
			/** The request's id (lib/server/log.ts): what the error page quotes and the log lines carry. */
			requestId?: string;
		}
	}
}

export {};

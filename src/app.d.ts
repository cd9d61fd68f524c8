import type { Actor } from '#lib/server/auth/actor.ts';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
		}
	}
}

export {};

/**
 * What a goods release slip's timeline says. The resident whose goods they are reads every step
 * (the refusal's reason, when the guard released them).
 */
import type { Audience } from '../events/kinds.ts';
import type { ReleaseAction } from './machine.ts';

export const releaseEventKinds = {
	requested: 'all',
	issued: 'all',
	refused: 'all',
	cancelled: 'all',
	released: 'all'
} as const satisfies Record<string, Audience>;

export type ReleaseEventKind = keyof typeof releaseEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		goods_release: ReleaseEventKind;
	}
}

/** The event each action of the machine records. */
export const releaseActionEvent = {
	issue: 'issued',
	refuse: 'refused',
	cancel: 'cancelled',
	release: 'released'
} as const satisfies Record<ReleaseAction, ReleaseEventKind>;

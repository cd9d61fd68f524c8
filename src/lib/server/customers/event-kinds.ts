/**
 * What a customer's history says (rule 11): a computed grade that changed (from → to, with the
 * score), the office's override set (to, with its reason) and lifted (with its reason). Staff only.
 */
import type { Audience } from '../events/kinds.ts';

export const customerEventKinds = {
	graded: 'staff',
	override_set: 'staff',
	override_lifted: 'staff'
} as const satisfies Record<string, Audience>;

export type CustomerEventKind = keyof typeof customerEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		customer: CustomerEventKind;
	}
}

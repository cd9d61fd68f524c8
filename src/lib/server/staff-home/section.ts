/**
 * The staff home ("what waits for me") is a list of independent sections, one function each:
 * `(executor, actor, now) => section | null`. A section decides for itself whether the actor holds
 * what it needs (null: not shown), reads through its domain's own queries (the same conditions as
 * the list it links to, so a count and its list agree) and writes out everything a person reads in
 * the request's language and the estate's time zone. A new kind of case adds one section to
 * home.ts; the page renders whatever sections it gets.
 */
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';

/** One case in a section's short list. */
export interface WaitingItem {
	/** The case's own page. */
	href: string;
	/** How people quote it (R000123, Z000004…), or a short title when it has no reference. */
	reference: string;
	/** What it is about: the kind and the place. */
	text: string;
	/** When it is due (or came in), written out in its estate's time zone; null when it has no deadline. */
	when: string | null;
	overdue: boolean;
}

export interface WaitingSection {
	/** Stable name, for the page's anchors and the tests: 'repairs-mine'. */
	id: string;
	title: string;
	/** How many cases the full list holds. */
	count: number;
	/** How many of them are past their deadline. */
	overdue: number;
	/** The full list, filtered as this section is. */
	href: string;
	/** The few most urgent, most urgent first. */
	items: WaitingItem[];
}

export type SectionReader = (executor: Executor, actor: Actor, now: Date) => Promise<WaitingSection | null>;

/** How many cases a section lists (the rest are behind its link). */
export const SECTION_ITEMS = 5;

/**
 * One finder per kind of record the front desk looks for. Each says whether the actor may use it
 * at all (whether it could open what it finds) and finds, in the actor's estates, at most `limit`
 * + 1 records for the query (the extra one tells the page that there are more). Adding a kind is
 * one more finder in find.ts and its heading on the page.
 */
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import type { FindQuery } from './query.ts';

/** What a result wears beside its title, as a code the page puts into words. */
export type FoundTag =
	| { kind: 'occupant'; role: 'owner' | 'renter' }
	| { kind: 'member'; role: 'owner' | 'renter' }
	| { kind: 'household'; relation: string }
	| { kind: 'repair'; state: string }
	| { kind: 'complaint'; state: 'received' | 'assigned' | 'resolved' | 'closed' }
	| { kind: 'bill'; state: 'open' | 'paid' | 'void' | 'written_off' }
	| { kind: 'receipt' };

export interface FoundItem {
	/** Unique within its group. */
	key: string;
	/** The staff page of the record, one the actor may open. */
	href: string;
	title: string;
	/** The unit, as "HVG · Block A A座 · 12A". */
	place: string;
	/** A line more: a unit's occupants, a repair's description. */
	detail: string | null;
	tag: FoundTag | null;
}

export interface Finder<K extends string = string> {
	kind: K;
	mayUse(actor: Actor): boolean;
	find(executor: Executor, actor: Actor, query: FindQuery, limit: number, now: Date): Promise<FoundItem[]>;
}

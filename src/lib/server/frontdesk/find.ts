/**
 * "Find a caller" (issue 12): one box on every staff page for what a caller tells the desk — a
 * phone number in any format, a name in English or Chinese (either script), a unit as staff write
 * it, an email, a reference — answered with the records of each kind the actor may open, in its
 * estates, a few of each.
 */
import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { billFinder } from './bills.ts';
import { companyFinder } from './companies.ts';
import { complaintFinder } from './complaints.ts';
import type { Finder, FoundItem } from './finder.ts';
import { peopleFinder } from './people.ts';
import { FIND_MAX_LENGTH, readFindQuery, type FindProblem } from './query.ts';
import { repairFinder } from './repairs.ts';
import { unitFinder } from './units.ts';

/** Results shown per kind; more says there are more (type more to narrow them down). */
const FIND_GROUP_LIMIT = 10;

/** Every finder, in the order the page shows their groups. */
const finders = [peopleFinder, unitFinder, companyFinder, repairFinder, complaintFinder, billFinder] as const;

export type FoundKind = (typeof finders)[number]['kind'];

export interface FoundGroup {
	kind: FoundKind;
	items: FoundItem[];
	more: boolean;
}

export interface FindAnswer {
	/** The text as read (trimmed, cut to length), to show back in the box. */
	q: string;
	problem: FindProblem | null;
	groups: FoundGroup[];
}

export async function findCaller(actor: Actor, q: string | null, executor: Executor = db(), now: Date = new Date()): Promise<FindAnswer> {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') error(403, 'Forbidden');
	const query = readFindQuery(q);
	const shown = (q ?? '').trim().slice(0, FIND_MAX_LENGTH);
	if (typeof query === 'string') return { q: shown, problem: query, groups: [] };
	const usable: readonly Finder<FoundKind>[] = finders.filter((finder) => finder.mayUse(actor));
	const groups = await Promise.all(
		usable.map(async (finder) => {
			const found = await finder.find(executor, actor, query, FIND_GROUP_LIMIT, now);
			return { kind: finder.kind, items: found.slice(0, FIND_GROUP_LIMIT), more: found.length > FIND_GROUP_LIMIT };
		})
	);
	return { q: query.text, problem: null, groups: groups.filter((group) => group.items.length > 0) };
}

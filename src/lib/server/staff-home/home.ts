/**
 * What waits for a staff member: every section of the home (section.ts), in the order the page
 * shows them. Sections are independent — each checks what the actor holds and reads its own
 * domain — so they are read side by side, and a new kind of case is one more entry here.
 */
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { myCallbacks, openRectifications } from './callbacks.ts';
import { myComplaints, unownedComplaints } from './complaints.ts';
import { myRepairs, overdueRepairs, quotesToApprove, unconfirmedVisits, unownedRepairs } from './repairs.ts';
import { renovationsWaiting } from './renovations.ts';
import { myCorrectiveActions } from './surveys.ts';
import { myFollowUps } from './visits.ts';
import { gateToday, releasedToday, releaseRequests } from './releases.ts';
import { movesTodaySection } from './moves.ts';
import { myOverdueSection, overdueFiguresSection } from './deadlines.ts';
import type { SectionReader, WaitingSection } from './section.ts';

const sections: readonly SectionReader[] = [
	myOverdueSection,
	overdueFiguresSection,
	myRepairs,
	unownedRepairs,
	quotesToApprove,
	unconfirmedVisits,
	overdueRepairs,
	myComplaints,
	unownedComplaints,
	myCallbacks,
	openRectifications,
	renovationsWaiting,
	releaseRequests,
	gateToday,
	releasedToday,
	movesTodaySection,
	myCorrectiveActions,
	myFollowUps
];

/** The sections the actor's roles open, each with its count and its few most urgent cases. */
export async function waitingForMe(actor: Actor, { executor = db(), now = new Date() }: { executor?: Executor; now?: Date } = {}) {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') return [];
	const read = await Promise.all(sections.map((section) => section(executor, actor, now)));
	return read.filter((section): section is WaitingSection => section !== null);
}

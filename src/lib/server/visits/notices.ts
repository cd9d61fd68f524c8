/**
 * Who hears about a visit's step: the party visited (a person, or its company's admins: they act
 * for it) by inbox and email with a link to the visit in the portal; the staff member who visits by
 * inbox with a link to the back office.
 */
import { eq } from 'drizzle-orm';
import type { Locale } from '#lib/paraglide/runtime.js';
import { visitReference } from '#lib/references.ts';
import type { Executor } from '../db/client.ts';
import { occupancies } from '../db/schema/index.ts';
import { partyRecipients } from '../fees/parties.ts';
import { notify } from '../notify/notify.ts';
import type { Visit } from './access.ts';

type Words = (locale: Locale, reference: string) => { title: string; body: string };

/** Tells the party of the occupancy visited. */
export async function tellParty(tx: Executor, visit: Visit, kind: string, words: Words): Promise<void> {
	const [occupancy] = await tx
		.select({ userId: occupancies.userId, companyId: occupancies.companyId })
		.from(occupancies)
		.where(eq(occupancies.id, visit.occupancyId));
	const userIds = occupancy ? await partyRecipients(tx, [occupancy]) : [];
	const reference = visitReference(visit.seq);
	await notify(tx, {
		userIds,
		kind: `visit.${kind}`,
		subject: { type: 'visit', id: visit.id },
		link: `/app/visits/${visit.id}`,
		message: (locale) => words(locale, reference),
		channels: ['inbox', 'email']
	});
}

/** Tells staff (the one who visits, a follow-up's owner) in the inbox and by email. */
export async function tellStaff(tx: Executor, visit: Visit, userIds: readonly string[], kind: string, words: Words): Promise<void> {
	const reference = visitReference(visit.seq);
	await notify(tx, {
		userIds,
		kind: `visit.${kind}`,
		subject: { type: 'visit', id: visit.id },
		link: `/staff/visits/${visit.id}`,
		message: (locale) => words(locale, reference),
		channels: ['inbox', 'email']
	});
}

/**
 * A repair request from the public widget arrives unverified, with the unit the visitor named but
 * belonging to nobody: the desk or a supervisor matches it to its sender's unit — the one named
 * or another of the estate's — and it becomes the request of that unit's party
 * (property/contact-match.ts partyOfUnit): its occupancy, and the account with the sender's phone
 * or email when there is one. The email is the one the widget request was confirmed with.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { widgetRequests } from '../db/schema/index.ts';
import { InputError } from '../kernel/input-error.ts';
import { partyOfUnit, unitInEstate, unitsForContact, type Contact, type ContactUnit } from '../property/contact-match.ts';
import type { RepairOrder } from './access.ts';
import { takeAction } from './transition.ts';

/** The sender's phone on the order, and the email of the widget request it came from (if any). */
async function repairContact(executor: Executor, order: Pick<RepairOrder, 'id' | 'contactPhone'>): Promise<Required<Contact>> {
	const [request] = await executor
		.select({ email: widgetRequests.email })
		.from(widgetRequests)
		.where(and(eq(widgetRequests.caseType, 'repair'), eq(widgetRequests.caseId, order.id)))
		.limit(1);
	return { phone: order.contactPhone, email: request?.email ?? '' };
}

export async function matchRepair(actor: Actor, repairId: string, unitId: string, { now = new Date() }: { now?: Date } = {}) {
	return takeAction(actor, repairId, 'match', async (tx, { order }) => {
		const unit = await unitInEstate(tx, order.estateId, unitId);
		if (!unit) throw new InputError('unitId', m.case_match_unit_elsewhere());
		const party = await partyOfUnit(tx, unit.id, await repairContact(tx, order), now);
		return {
			changes: { unitId: unit.id, ...party, verified: true },
			data: { unitId: unit.id, unit: unit.label, ...party, previousUnitId: order.unitId }
		};
	});
}

/** The units whose occupants have the sender's phone or email: what the order page offers to match to. */
export async function repairMatchSuggestions(
	executor: Executor,
	order: Pick<RepairOrder, 'id' | 'estateId' | 'contactPhone'>,
	now: Date = new Date()
): Promise<ContactUnit[]> {
	return unitsForContact(executor, order.estateId, await repairContact(executor, order), now);
}

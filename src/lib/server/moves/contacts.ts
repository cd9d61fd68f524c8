/**
 * The new party's contact persons at a move-in (入伙: the archive registration form and its
 * contact persons). The desk records them on the case while it is open — there is no occupancy
 * to hang them on yet — and completing the move-in makes them the occupancy's emergency contacts
 * through the registry's own records (property/household-records.ts), which files each in the
 * occupancy's part of the unit's file.
 */
import { m } from '#lib/paraglide/messages.js';
import { moveContactRemoveSchema, moveContactSchema } from '#lib/schemas/moves.ts';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { insertHouseholdRecord } from '../property/household-records.ts';
import type { Move } from './access.ts';
import { moveStep } from './step.ts';

/** As many as a registration form lists; more is a mistake, not a household. */
const MAX_CONTACTS = 10;

export function addMoveInContact(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'add_contact', async (_tx, move) => {
		const data = parseInput(moveContactSchema, input);
		const contacts = move.checklist.contacts ?? [];
		if (contacts.length >= MAX_CONTACTS) throw new InputError('name', m.moves_contacts_too_many({ count: MAX_CONTACTS }));
		const contact = { id: crypto.randomUUID(), ...data };
		return {
			event: 'contact_added',
			note: data.name,
			data: contact,
			set: { checklist: { ...move.checklist, contacts: [...contacts, contact] } }
		};
	});
}

/** A contact recorded by mistake, taken off the case before it completes (afterwards the registry ends it). */
export function removeMoveInContact(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'remove_contact', async (_tx, move) => {
		const { contactId } = parseInput(moveContactRemoveSchema, input);
		const contacts = move.checklist.contacts ?? [];
		const removed = contacts.find((c) => c.id === contactId);
		if (!removed) throw new InputError('contactId', m.moves_contact_unknown());
		return {
			event: 'contact_removed',
			note: removed.name,
			data: { contactId },
			set: { checklist: { ...move.checklist, contacts: contacts.filter((c) => c.id !== contactId) } }
		};
	});
}

/** On completion: each contact person becomes a contact of the occupancy the move started, filed in its part. */
export async function fileMoveInContacts(tx: Tx, move: Move, occupancyId: string, actor: Actor): Promise<string[]> {
	const ids: string[] = [];
	for (const { name, relation, phone } of move.checklist.contacts ?? [])
		ids.push(await insertHouseholdRecord(tx, 'contact', move.unitId, occupancyId, { name, relation, phone }, actor));
	return ids;
}

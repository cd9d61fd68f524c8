/**
 * A complaint from the public widget arrives unverified, belonging to nobody: the desk or a
 * manager matches it to the unit it came from (of the complaint's estate), and it becomes the
 * complaint of that unit's party (property/contact-match.ts partyOfUnit) — its occupancy, and
 * the account with the complainant's phone or email when there is one.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { InputError } from '../kernel/input-error.ts';
import { partyOfUnit, unitInEstate, unitsForContact, type ContactUnit } from '../property/contact-match.ts';
import type { Complaint } from './access.ts';
import { takeComplaint } from './transition.ts';
import { complaintReference } from './notices.ts';
import { fileInArchive } from '../archive/file.ts';

export async function matchComplaint(actor: Actor, complaintId: string, unitId: string, { now = new Date() }: { now?: Date } = {}) {
	return takeComplaint(
		actor,
		complaintId,
		'match',
		async (tx, { complaint }) => {
			const unit = await unitInEstate(tx, complaint.estateId, unitId);
			if (!unit) throw new InputError('unitId', m.case_match_unit_elsewhere());
			const party = await partyOfUnit(tx, unit.id, { phone: complaint.phone, email: complaint.email }, now);
			// Now it is the unit's complaint, it is filed in the unit's file, in its party's part.
			await fileInArchive(tx, {
				unitId: unit.id,
				occupancyId: party.occupancyId,
				kind: 'complaint',
				sourceType: 'complaint',
				sourceId: complaint.id,
				summary: { reference: complaintReference(complaint) },
				actor
			});
			return {
				changes: { unitId: unit.id, buildingId: unit.buildingId, ...party, verified: true },
				data: { unitId: unit.id, unit: unit.label, ...party, previousUnitId: complaint.unitId }
			};
		},
		{ now }
	);
}

/** The units whose occupants have the complainant's phone or email: what the page offers to match to. */
export function complaintMatchSuggestions(
	executor: Executor,
	complaint: Pick<Complaint, 'estateId' | 'phone' | 'email'>,
	now: Date = new Date()
): Promise<ContactUnit[]> {
	return unitsForContact(executor, complaint.estateId, { phone: complaint.phone, email: complaint.email }, now);
}

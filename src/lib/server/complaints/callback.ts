import { m } from '#lib/paraglide/messages.js';
import { callbackSchema } from '#lib/schemas/complaints.ts';
import type { Actor } from '../auth/actor.ts';
import { storePhoto } from '../files/service.ts';
import { parseInput } from '../kernel/input-error.ts';
import { checkSignature } from '../repairs/photos.ts';
import { staffInEstate } from '../repairs/people.ts';
import { complaintReference, tellStaff } from './notices.ts';
import { fileInArchive } from '../archive/file.ts';
import { takeComplaint } from './transition.ts';

/**
 * The callback (回訪) of a resolved complaint: whether the complainant is satisfied, by phone or
 * in person with the complainant's signature drawn on the staff member's screen (rule 4).
 */
export async function recordComplaintCallback(actor: Actor, complaintId: string, raw: unknown, { now = new Date() }: { now?: Date } = {}) {
	const input = parseInput(callbackSchema, raw);
	// Checked before the transaction: re-encoding is slow work, no locks held.
	const signature = input.mode === 'in_person' ? await checkSignature(input.signature) : null;
	return takeComplaint(
		actor,
		complaintId,
		'callback',
		async (tx, { complaint }) => {
			const file = signature ? await storePhoto(tx, actor, signature, { type: 'complaint-signature', id: complaint.id }) : null;
			const satisfied = input.satisfied === 'yes';
			if (complaint.unitId)
				await fileInArchive(tx, {
					unitId: complaint.unitId,
					occupancyId: complaint.occupancyId,
					kind: 'callback',
					sourceType: 'complaint',
					sourceId: complaint.id,
					summary: { reference: complaintReference(complaint) },
					fileId: file?.id ?? null,
					actor
				});
			if (!satisfied) {
				const managers = (await staffInEstate(tx, complaint.estateId, ['manager'])).map((s) => s.id);
				await tellStaff(tx, complaint, 'not_satisfied', [complaint.ownerId, ...managers], {
					comment: input.note || m.complaints_callback_unsatisfied()
				});
			}
			return {
				changes: {
					callbackAt: now,
					callbackBy: actor.userId,
					callbackMode: input.mode,
					callbackSatisfied: satisfied,
					callbackNote: input.note,
					callbackSignedName: input.mode === 'in_person' ? input.signedName : null,
					callbackSignatureFileId: file?.id ?? null
				},
				note: input.note,
				data: { mode: input.mode, satisfied, signedName: input.signedName || null, signatureFileId: file?.id ?? null }
			};
		},
		{ now }
	);
}

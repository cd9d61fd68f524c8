/**
 * The contractor named on an application, invited by email to act on it (rule 5a): the applicant
 * sends the invitation (the machine's invite_contractor), the emailed link opens the join page
 * with a one-time code (accounts/join.ts, the same codes as unit and company invitations), and
 * the contractor's account — new, or one it already has — becomes the application's contractor.
 * A new invitation replaces nothing until it is used; the last one used names the contractor.
 */
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { joinPath } from '#lib/join-path.ts';
import { renovationReference } from '#lib/references.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import type { Tx } from '../db/client.ts';
import { buildings, estates, renovationApplications, units } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { InputError } from '../kernel/input-error.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { publicUrl } from '../notify/public-url.ts';
import { INVITATION_TTL_DAYS, insertInvitationCode } from '../accounts/codes.ts';
import { unitLabel } from '../accounts/invitations.ts';
import { finishedRenovationStates } from './machine.ts';
import { takeRenovationAction } from './transition.ts';

export interface ContractorInvitation {
	email: string;
	/** Shown once on the page too, for reading out over the phone: ABCD-EFGH-JK. */
	code: string;
	expiresAt: Date;
	/** How many days the code is good for. */
	days: number;
}

/** The applicant invites the contractor at the email the form names; the email carries the link. */
export async function inviteContractor(actor: Actor, applicationId: string, now = new Date()): Promise<ContractorInvitation> {
	requireResident(actor);
	return takeRenovationAction(actor, applicationId, 'invite_contractor', async (tx, { application }) => {
		const email = application.contractorEmail;
		if (!email) throw new InputError('contractorEmail', m.renovations_invite_needs_email());
		const { shown, expiresAt } = await insertInvitationCode(
			tx,
			{ purpose: 'renovation_invitation', renovationId: application.id, email, createdBy: actor.userId },
			now
		);
		const [unit] = await tx
			.select({ estateName: estates.name, buildingName: buildings.name, number: units.number })
			.from(units)
			.innerJoin(buildings, eq(buildings.id, units.buildingId))
			.innerJoin(estates, eq(estates.id, units.estateId))
			.where(eq(units.id, application.unitId));
		await scheduleEmail(tx, {
			to: email,
			subject: m.renovations_invite_email_subject({ reference: renovationReference(application.seq) }),
			text: m.renovations_invite_email_body({
				applicant: actor.name,
				reference: renovationReference(application.seq),
				unit: unitLabel(unit!),
				link: publicUrl(joinPath(shown)),
				code: shown,
				days: INVITATION_TTL_DAYS
			})
		});
		return { data: { email }, result: { email, code: shown, expiresAt, days: INVITATION_TTL_DAYS } };
	});
}

/** The invited contractor's account joins the application (inside the redeeming transaction). */
export async function joinAsContractor(tx: Tx, applicationId: string, userId: string, now: Date): Promise<void> {
	const [application] = await tx.select().from(renovationApplications).where(eq(renovationApplications.id, applicationId)).for('update');
	if (!application || finishedRenovationStates.includes(application.state)) throw new InputError('code', m.renovations_invite_closed());
	await tx
		.update(renovationApplications)
		.set({ contractorUserId: userId, updatedAt: now })
		.where(eq(renovationApplications.id, applicationId));
	await recordEvent(tx, {
		actor: { userId },
		subjectType: 'renovation',
		subjectId: applicationId,
		kind: 'contractor_joined',
		from: application.state,
		to: application.state
	});
}

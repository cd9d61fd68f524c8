import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { visibleUnit, type UnitHeader } from '../property/units.ts';
import { recordAudit } from '../events/service.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { unitInvitationSchema } from '#lib/schemas/auth.ts';
import { joinPath } from '#lib/join-path.ts';
import { INVITATION_TTL_DAYS, insertInvitationCode } from './codes.ts';
import { parseInput } from '../kernel/input-error.ts';
import { publicUrl } from '../notify/public-url.ts';

export interface IssuedInvitation {
	/** Shown once, grouped for reading aloud: ABCD-EFGH-JK. Only its hash is stored. */
	code: string;
	expiresAt: Date;
	/** The unit's estate zone, in which the expiry date reads. */
	timeZone: string;
}

/** How people recognise a unit in an email: "Harbour View Block A 12A". */
export function unitLabel(unit: Pick<UnitHeader, 'estateName' | 'buildingName' | 'number'>): string {
	return `${unit.estateName} ${unit.buildingName} ${unit.number}`;
}

/**
 * Staff issue a code that lets a person join as owner or renter of a unit (valid 14 days,
 * single use). With an email address the code is also sent there.
 */
export async function issueUnitInvitation(
	actor: Actor,
	input: { unitId: string; role: 'owner' | 'renter'; email?: string }
): Promise<IssuedInvitation> {
	requireStaff(actor, 'invitations.issue');
	const unit = await visibleUnit(actor, input.unitId);
	const data = parseInput(unitInvitationSchema, { role: input.role, email: input.email ?? '' });
	const email = data.email || null;
	return db().transaction(async (tx) => {
		const { id, shown, expiresAt } = await insertInvitationCode(tx, {
			purpose: 'unit_invitation',
			unitId: unit.id,
			grantRole: data.role,
			email,
			createdBy: actor.userId
		});
		await recordAudit(tx, {
			actor,
			action: 'invitation.issued',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { invitationId: id, role: data.role, email }
		});
		if (email) {
			await scheduleEmail(tx, {
				to: email,
				subject: m.auth_email_unit_invite_subject(),
				text: m.auth_email_unit_invite_body({
					unit: unitLabel(unit),
					role: data.role === 'owner' ? m.auth_role_owner() : m.auth_role_renter(),
					code: shown,
					link: publicUrl(joinPath(shown)),
					days: INVITATION_TTL_DAYS
				})
			});
		}
		return { code: shown, expiresAt, timeZone: unit.timeZone };
	});
}

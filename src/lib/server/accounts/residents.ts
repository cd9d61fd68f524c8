import { eq } from 'drizzle-orm';
import { businessToday } from '#lib/time/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { occupancies, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { residentAccountSchema } from '#lib/schemas/auth.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { visibleUnit } from '../property/units.ts';
import { unitLabel } from './invitations.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { ACCOUNT_SETUP_TTL_MS, issuePasswordToken, passwordLink } from './password-reset.ts';

export interface ResidentAccountInput {
	unitId: string;
	role: 'owner' | 'renter';
	name: string;
	email: string;
	phone: string;
}

/**
 * Staff create the account for a resident at the counter: an account without a password and
 * an occupancy from today; the resident sets the password through an emailed link. A resident
 * who already has an account is linked to the unit instead (`created: false`, no email).
 */
export async function createResidentAccount(actor: Actor, input: ResidentAccountInput): Promise<{ userId: string; created: boolean }> {
	requireStaff(actor, 'residents.create');
	const unit = await visibleUnit(actor, input.unitId);
	const data = parseInput(residentAccountSchema, input);
	const now = new Date();
	const startsOn = businessToday(unit, now);
	let result: { userId: string; created: boolean };
	try {
		result = await db().transaction(async (tx) => {
			const [existing] = await tx.select({ id: users.id, kind: users.kind }).from(users).where(eq(users.email, data.email));
			if (existing && existing.kind !== 'resident') throw new InputError('email', m.auth_email_used_by_other_account());
			let userId = existing?.id;
			if (userId) {
				const current = await currentOccupancies(tx, [unit.id], now);
				if (current.some((o) => o.userId === userId)) throw new InputError('email', m.auth_resident_already_in_unit());
			} else {
				const [user] = await tx
					.insert(users)
					.values({ email: data.email, name: data.name, phone: data.phone, kind: 'resident' })
					.returning({ id: users.id });
				userId = user!.id;
			}
			await tx.insert(occupancies).values({ unitId: unit.id, userId, role: data.role, startsOn });
			if (!existing) {
				const token = await issuePasswordToken(tx, userId, ACCOUNT_SETUP_TTL_MS, now);
				await scheduleEmail(tx, {
					to: data.email,
					subject: m.auth_email_setup_subject(),
					text: m.auth_email_setup_body({
						name: data.name,
						unit: unitLabel(unit),
						link: passwordLink(token),
						days: ACCOUNT_SETUP_TTL_MS / 86_400_000
					})
				});
			}
			await recordAudit(tx, {
				actor,
				action: existing ? 'resident.linked_to_unit' : 'resident.account_created',
				subjectType: 'unit',
				subjectId: unit.id,
				detail: { userId, role: data.role }
			});
			return { userId, created: !existing };
		});
	} catch (err) {
		rethrowUnique(err, { users_email: () => new InputError('email', m.auth_join_email_taken()) });
	}
	return result;
}

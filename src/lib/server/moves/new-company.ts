/**
 * A resident company new to the registry, registered by the desk as it opens the company's
 * move-in (move-in.ts); otherwise only the registry import creates companies. A company that is
 * already there — the same name, or the same business registration number — is refused at its
 * field, so the desk picks that one instead of making its twin.
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { events, occupancies, oneTimeCodes, residentCompanies, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { InputError } from '../kernel/input-error.ts';
import { issueCompanyInvitation } from '../accounts/company.ts';
import type { MoveInOpenInput } from '#lib/schemas/moves.ts';

/**
 * Registers the company and invites its administrator (the company invitation of every company
 * admin, accounts/company.ts), in the caller's transaction. The invitation grants the admin role:
 * whoever redeems it manages the company's other members from then on. Returns what the move's
 * "opened" event records of it.
 */
export async function registerNewCompany(
	tx: Tx,
	actor: Actor,
	input: Pick<MoveInOpenInput, 'companyName' | 'registrationNo' | 'adminName' | 'adminEmail' | 'adminPhone'>
): Promise<{ id: string; name: string; record: Record<string, unknown> }> {
	const admin = { name: input.adminName, email: input.adminEmail, phone: input.adminPhone };
	// Two desks registering one name at once: the second waits, then finds the first's.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`resident_company:${input.companyName.toLowerCase()}`}))`);
	const [sameName] = await tx
		.select({ id: residentCompanies.id })
		.from(residentCompanies)
		.where(sql`lower(${residentCompanies.name}) = lower(${input.companyName})`)
		.limit(1);
	if (sameName) throw new InputError('companyName', m.moves_company_exists());
	const [sameNumber] = await tx
		.select({ name: residentCompanies.name })
		.from(residentCompanies)
		.where(
			and(
				ne(residentCompanies.registrationNo, ''),
				// Compared without spaces and case: "CR 3141592" is "cr3141592".
				sql`lower(regexp_replace(${residentCompanies.registrationNo}, '[[:space:]]', '', 'g')) = lower(regexp_replace(${input.registrationNo}, '[[:space:]]', '', 'g'))`
			)
		)
		.limit(1);
	if (sameNumber) throw new InputError('registrationNo', m.moves_registration_no_exists({ company: sameNumber.name }));
	// A staff or contractor account could not redeem a company invitation (accounts/join.ts).
	const [account] = await tx.select({ kind: users.kind }).from(users).where(eq(users.email, input.adminEmail));
	if (account && account.kind !== 'resident') throw new InputError('adminEmail', m.moves_admin_email_not_resident());

	const [company] = await tx
		.insert(residentCompanies)
		.values({ name: input.companyName, registrationNo: input.registrationNo })
		.returning({ id: residentCompanies.id, name: residentCompanies.name });
	await recordAudit(tx, {
		actor,
		action: 'company.registered',
		subjectType: 'company',
		subjectId: company!.id,
		detail: { name: input.companyName, registrationNo: input.registrationNo, admin }
	});
	const invitation = await issueCompanyInvitation(tx, actor, company!, { email: admin.email, role: 'admin' });
	return {
		...company!,
		record: { companyId: company!.id, registrationNo: input.registrationNo, admin, invitationExpiresAt: invitation.expiresAt.toISOString() }
	};
}

/** The company this move-in registered as it opened (its "opened" event says so), if it did. */
export async function companyRegisteredBy(tx: Tx, moveId: string): Promise<string | null> {
	const [opened] = await tx
		.select({ companyId: sql<string | null>`${events.data} -> 'newCompany' ->> 'companyId'` })
		.from(events)
		.where(and(eq(events.subjectType, 'move'), eq(events.subjectId, moveId), eq(events.kind, 'opened')))
		.limit(1);
	return opened?.companyId ?? null;
}

/**
 * A move-in that registered its company is cancelled: the company stays in the registry (it may
 * yet move in elsewhere; nothing recorded is deleted), but while it holds no unit its
 * administrator's invitation is withdrawn — unused codes expire now — so nobody joins a company
 * that does not live here. Returns how many invitations were withdrawn.
 */
export async function withdrawNewCompanyInvitations(tx: Tx, actor: Actor, companyId: string, now = new Date()): Promise<number> {
	const [holds] = await tx.select({ id: occupancies.id }).from(occupancies).where(eq(occupancies.companyId, companyId)).limit(1);
	if (holds) return 0;
	const withdrawn = await tx
		.update(oneTimeCodes)
		.set({ expiresAt: now })
		.where(
			and(
				eq(oneTimeCodes.purpose, 'company_invitation'),
				eq(oneTimeCodes.companyId, companyId),
				isNull(oneTimeCodes.usedAt),
				gt(oneTimeCodes.expiresAt, now)
			)
		)
		.returning({ id: oneTimeCodes.id });
	if (withdrawn.length)
		await recordAudit(tx, {
			actor,
			action: 'company.invitations_withdrawn',
			subjectType: 'company',
			subjectId: companyId,
			detail: { invitationIds: withdrawn.map((w) => w.id), reason: 'move_in_cancelled' }
		});
	return withdrawn.length;
}

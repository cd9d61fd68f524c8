import { error } from '@sveltejs/kit';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { db, type Tx } from '../db/client.ts';
import { companyMembers, oneTimeCodes, residentCompanies, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireResident, requireResidentPermission } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { companyInviteSchema } from '#lib/schemas/auth.ts';
import { joinPath } from '#lib/join-path.ts';
import { INVITATION_TTL_DAYS, insertInvitationCode } from './codes.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { publicUrl } from '../notify/public-url.ts';

export type CompanyRole = 'admin' | 'member';

export interface CompanyPage {
	company: { id: string; name: string };
	myRole: CompanyRole;
	members: { userId: string; name: string; email: string; phone: string; role: CompanyRole; since: Date }[];
	/** Open invitations; only admins see them. */
	invitations: { email: string; role: CompanyRole; expiresAt: Date }[];
	/** A company belongs to no estate: its times read in the default zone. */
	timeZone: string;
}

/** The companies the actor belongs to, for the company menu. */
export async function listMyCompanies(actor: Actor): Promise<{ id: string; name: string; role: CompanyRole }[]> {
	requireResident(actor);
	if (actor.companies.length === 0) return [];
	const rows = await db()
		.select({ id: residentCompanies.id, name: residentCompanies.name })
		.from(residentCompanies)
		.where(
			inArray(
				residentCompanies.id,
				actor.companies.map((c) => c.companyId)
			)
		)
		.orderBy(asc(residentCompanies.name));
	return rows.map((r) => ({ ...r, role: actor.companies.find((c) => c.companyId === r.id)!.role }));
}

/** The actor's role in the company; 404 for anyone outside it, as if it did not exist. */
function membership(actor: Actor, companyId: string): CompanyRole {
	requireResident(actor);
	const role = isUuid(companyId) ? actor.companies.find((c) => c.companyId === companyId)?.role : undefined;
	if (!role) error(404, 'Company not found');
	return role;
}

/**
 * The admin of this company: the permission from the role table (a company admin somewhere),
 * then the company check (admin of this one; a member of it is refused, anyone else gets 404).
 */
export function requireCompanyAdmin(
	actor: Actor,
	companyId: string,
	permission: 'company.invite' | 'company.pay' = 'company.invite'
): void {
	const role = membership(actor, companyId);
	requireResidentPermission(actor, permission);
	if (role !== 'admin') error(403, 'Only the company admin may do this');
}

export async function getCompanyPage(actor: Actor, companyId: string, now = new Date()): Promise<CompanyPage> {
	const myRole = membership(actor, companyId);
	const [company] = await db()
		.select({ id: residentCompanies.id, name: residentCompanies.name })
		.from(residentCompanies)
		.where(eq(residentCompanies.id, companyId));
	if (!company) error(404, 'Company not found');
	const members = await db()
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			phone: users.phone,
			role: companyMembers.role,
			since: companyMembers.createdAt
		})
		.from(companyMembers)
		.innerJoin(users, eq(users.id, companyMembers.userId))
		.where(eq(companyMembers.companyId, companyId))
		.orderBy(asc(users.name));
	const invitations =
		myRole === 'admin'
			? await db()
					.select({ email: oneTimeCodes.email, role: oneTimeCodes.grantRole, expiresAt: oneTimeCodes.expiresAt })
					.from(oneTimeCodes)
					.where(
						and(
							eq(oneTimeCodes.purpose, 'company_invitation'),
							eq(oneTimeCodes.companyId, companyId),
							isNull(oneTimeCodes.usedAt),
							gt(oneTimeCodes.expiresAt, now)
						)
					)
					.orderBy(asc(oneTimeCodes.expiresAt))
			: [];
	return {
		company,
		myRole,
		members,
		invitations: invitations.map((i) => ({ email: i.email ?? '', role: i.role === 'admin' ? 'admin' : 'member', expiresAt: i.expiresAt })),
		timeZone: DEFAULT_TIME_ZONE
	};
}

/** The company admin invites a person by email; the link carries a 14-day single-use code. */
export async function inviteCompanyMember(
	actor: Actor,
	companyId: string,
	input: { email: string; role: CompanyRole }
): Promise<{ code: string; expiresAt: Date }> {
	requireCompanyAdmin(actor, companyId);
	const data = parseInput(companyInviteSchema, input);
	const [company] = await db().select({ name: residentCompanies.name }).from(residentCompanies).where(eq(residentCompanies.id, companyId));
	if (!company) error(404, 'Company not found');
	const [already] = await db()
		.select({ userId: users.id })
		.from(companyMembers)
		.innerJoin(users, eq(users.id, companyMembers.userId))
		.where(and(eq(companyMembers.companyId, companyId), eq(users.email, data.email)));
	if (already) throw new InputError('email', m.auth_company_already_member());
	return db().transaction((tx) => issueCompanyInvitation(tx, actor, { id: companyId, name: company.name }, data));
}

/**
 * The invitation itself, in the caller's transaction, for a caller that checked who may invite:
 * the single-use code, its audit row and the email with the join link. The company admin's page
 * invites through it, and so does the desk when a move-in registers a new company (its first
 * administrator; moves/move-in.ts).
 */
export async function issueCompanyInvitation(
	tx: Tx,
	actor: Pick<Actor, 'userId' | 'name'>,
	company: { id: string; name: string },
	invite: { email: string; role: CompanyRole }
): Promise<{ code: string; expiresAt: Date }> {
	const { id, shown, expiresAt } = await insertInvitationCode(tx, {
		purpose: 'company_invitation',
		companyId: company.id,
		grantRole: invite.role,
		email: invite.email,
		createdBy: actor.userId
	});
	await recordAudit(tx, {
		actor,
		action: 'company.member_invited',
		subjectType: 'company',
		subjectId: company.id,
		detail: { invitationId: id, email: invite.email, role: invite.role }
	});
	await scheduleEmail(tx, {
		to: invite.email,
		subject: m.auth_email_company_invite_subject({ company: company.name }),
		text: m.auth_email_company_invite_body({
			inviter: actor.name,
			company: company.name,
			code: shown,
			link: publicUrl(joinPath(shown)),
			days: INVITATION_TTL_DAYS
		})
	});
	return { code: shown, expiresAt };
}

/** The admin removes someone else's membership; the person's own account stays. */
export async function removeCompanyMember(actor: Actor, companyId: string, userId: string): Promise<void> {
	requireCompanyAdmin(actor, companyId);
	if (userId === actor.userId) throw new InputError('userId', m.auth_company_cannot_remove_self());
	if (!isUuid(userId)) error(404, 'Member not found');
	await db().transaction(async (tx) => {
		const removed = await tx
			.delete(companyMembers)
			.where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, userId)))
			.returning({ role: companyMembers.role });
		if (removed.length === 0) error(404, 'Member not found');
		await recordAudit(tx, {
			actor,
			action: 'company.member_removed',
			subjectType: 'company',
			subjectId: companyId,
			detail: { userId, role: removed[0]!.role }
		});
	});
}

import { and, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db, type Tx } from '../db/client.ts';
import { companyMembers, occupancies, oneTimeCodes, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor } from '../auth/guards.ts';
import { joinAsContractor } from '../renovations/contractor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashSecret } from '../auth/tokens.ts';
import { recordAudit } from '../events/service.ts';
import { joinSchema, redeemSchema } from '#lib/schemas/auth.ts';
import { normalizeCode } from './codes.ts';
import { config } from '../config.ts';
import { joinCodeKey, joinIpKey, minutesLocked, recordFailure } from './throttle.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { currentOccupancies, unitToday } from '../property/occupancy.ts';

type Invitation = typeof oneTimeCodes.$inferSelect;

/**
 * Takes the invitation row under a lock so two people redeeming the same code at once cannot
 * both succeed; unknown, used and expired codes get their own message at the code field.
 */
async function takeInvitation(tx: Tx, codeInput: string, now: Date): Promise<Invitation> {
	const code = normalizeCode(codeInput);
	if (!code) throw new InputError('code', m.auth_code_unknown());
	const [row] = await tx
		.select()
		.from(oneTimeCodes)
		.where(
			and(
				eq(oneTimeCodes.codeHash, hashSecret(code)),
				inArray(oneTimeCodes.purpose, ['unit_invitation', 'company_invitation', 'renovation_invitation'])
			)
		)
		.for('update');
	if (!row) throw new InputError('code', m.auth_code_unknown());
	if (row.usedAt) throw new InputError('code', m.auth_code_used());
	if (row.expiresAt <= now) throw new InputError('code', m.auth_code_expired());
	return row;
}

/** Where a code is tried from: the client address (for the throttle) and the time. */
export interface TryContext {
	ip?: string;
	now?: Date;
}

/**
 * Codes are tried under the same throttle as passwords: a wrong, used or expired code counts
 * against the address it came from and against the code itself; once either reaches its limit
 * (LOGIN_MAX_IP_FAILURES, LOGIN_MAX_ACCOUNT_FAILURES in LOGIN_WINDOW_SECONDS) every try is
 * refused at the code field with the minutes to wait, before the code is even looked up.
 */
async function throttled<T>(code: string, ip: string, now: Date, attempt: () => Promise<T>): Promise<T> {
	const limits = config().login;
	const keys = [
		{ key: joinCodeKey(code), max: limits.maxAccountFailures },
		...(ip ? [{ key: joinIpKey(ip), max: limits.maxIpFailures }] : [])
	];
	const wait = await minutesLocked(keys, now, limits);
	if (wait !== null) throw new InputError('code', m.auth_join_locked({ minutes: wait }));
	try {
		return await attempt();
	} catch (err) {
		if (err instanceof InputError && err.field === 'code') {
			await recordFailure(
				keys.map((k) => k.key),
				now,
				limits
			);
			const waitNow = await minutesLocked(keys, now, limits);
			if (waitNow !== null) throw new InputError('code', m.auth_join_locked({ minutes: waitNow }));
		}
		throw err;
	}
}

/** What an invitation gave: a unit to live or work in, a company to act for, or a renovation to carry out. */
export type Granted =
	{ kind: 'unit'; unitId: string } | { kind: 'company'; companyId: string } | { kind: 'renovation'; applicationId: string };

/** The kind of account an invitation is for: a contractor's for a renovation, a resident's otherwise. */
function accountKind(invitation: Invitation): 'resident' | 'contractor' {
	return invitation.purpose === 'renovation_invitation' ? 'contractor' : 'resident';
}

/** Gives the user what the invitation grants: an occupancy of the unit or a company membership. */
async function grant(tx: Tx, invitation: Invitation, user: { id: string; kind: string }, now: Date): Promise<Granted> {
	const userId = user.id;
	if (user.kind !== accountKind(invitation)) {
		throw new InputError('code', user.kind === 'contractor' ? m.auth_code_for_residents() : m.auth_code_for_contractors());
	}
	let granted: Granted;
	if (invitation.purpose === 'renovation_invitation' && invitation.renovationId) {
		await joinAsContractor(tx, invitation.renovationId, userId, now);
		granted = { kind: 'renovation', applicationId: invitation.renovationId };
	} else if (invitation.purpose === 'unit_invitation' && invitation.unitId) {
		const current = await currentOccupancies(tx, [invitation.unitId], now);
		if (current.some((o) => o.userId === userId)) throw new InputError('code', m.auth_code_already_linked());
		const startsOn = await unitToday(tx, invitation.unitId, now);
		await tx.insert(occupancies).values({
			unitId: invitation.unitId,
			userId,
			role: invitation.grantRole === 'owner' ? 'owner' : 'renter',
			startsOn
		});
		granted = { kind: 'unit', unitId: invitation.unitId };
	} else if (invitation.purpose === 'company_invitation' && invitation.companyId) {
		const [member] = await tx
			.select({ userId: companyMembers.userId })
			.from(companyMembers)
			.where(and(eq(companyMembers.companyId, invitation.companyId), eq(companyMembers.userId, userId)));
		if (member) throw new InputError('code', m.auth_code_already_member());
		await tx.insert(companyMembers).values({
			companyId: invitation.companyId,
			userId,
			role: invitation.grantRole === 'admin' ? 'admin' : 'member'
		});
		granted = { kind: 'company', companyId: invitation.companyId };
	} else {
		throw new InputError('code', m.auth_code_unknown());
	}
	const used = await tx
		.update(oneTimeCodes)
		.set({ usedAt: now, usedBy: userId })
		.where(and(eq(oneTimeCodes.id, invitation.id), isNull(oneTimeCodes.usedAt)))
		.returning({ id: oneTimeCodes.id });
	if (used.length !== 1) throw new InputError('code', m.auth_code_used());
	await recordAudit(tx, {
		actor: { userId },
		action: 'invitation.redeemed',
		subjectType: granted.kind,
		subjectId: granted.kind === 'unit' ? granted.unitId : granted.kind === 'company' ? granted.companyId : granted.applicationId,
		detail: { invitationId: invitation.id, role: invitation.grantRole }
	});
	return granted;
}

export interface JoinInput {
	code: string;
	name: string;
	email: string;
	phone: string;
	password: string;
	confirm: string;
}

/**
 * A new resident account from an invitation code, all in one transaction: the account, the
 * occupancy or membership, and the spent code. The caller signs the new user in.
 */
export async function joinWithInvitation(
	input: JoinInput,
	{ ip = '', now = new Date() }: TryContext = {}
): Promise<{ user: { id: string; locale: string | null }; granted: Granted }> {
	const data = parseInput(joinSchema, input);
	// Checked (under the throttle) before the slow hash so a wrong code answers at once.
	await throttled(data.code, ip, now, () => db().transaction((tx) => takeInvitation(tx, data.code, now)));
	const passwordHash = await hashPassword(data.password);
	const locale = getLocale();
	try {
		return await db().transaction(async (tx) => {
			const invitation = await takeInvitation(tx, data.code, now);
			const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
			if (existing) throw new InputError('email', m.auth_join_email_taken());
			const [user] = await tx
				.insert(users)
				.values({ email: data.email, name: data.name, phone: data.phone, kind: accountKind(invitation), passwordHash, locale })
				.returning({ id: users.id, locale: users.locale, kind: users.kind });
			return { user: user!, granted: await grant(tx, invitation, user!, now) };
		});
	} catch (err) {
		rethrowUnique(err, { users_email: () => new InputError('email', m.auth_join_email_taken()) });
	}
}

/** A signed-in resident adds the invited unit or company to the account; a contractor, the renovation it was invited to. */
export async function redeemInvitation(
	actor: Actor,
	input: { code: string },
	{ ip = '', now = new Date() }: TryContext = {}
): Promise<Granted> {
	requireResidentOrContractor(actor);
	const data = parseInput(redeemSchema, input);
	return throttled(data.code, ip, now, () =>
		db().transaction(async (tx) => {
			const invitation = await takeInvitation(tx, data.code, now);
			return grant(tx, invitation, { id: actor.userId, kind: actor.kind }, now);
		})
	);
}

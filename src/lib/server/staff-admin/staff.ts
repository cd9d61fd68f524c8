import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { estates, sessions, staffEstates, staffRoles, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import type { StaffRole } from '../auth/permissions.ts';
import { recordAudit } from '../events/service.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { ACCOUNT_SETUP_TTL_MS, issuePasswordToken, passwordLink } from '../accounts/password-reset.ts';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { staffAccessSchema, staffCreateSchema } from '#lib/schemas/admin.ts';
import type { StaffAccessInput, StaffCreateInput } from '../../schemas/admin.ts';

export interface StaffMember {
	id: string;
	name: string;
	email: string;
	phone: string;
	disabled: boolean;
	roles: StaffRole[];
	estates: { id: string; name: string }[];
}

export interface EstateChoice {
	id: string;
	code: string;
	name: string;
}

/** Every estate, for the assignment checkboxes. */
export async function estateChoices(actor: Actor): Promise<EstateChoice[]> {
	requireStaff(actor, 'staff.manage');
	return db().select({ id: estates.id, code: estates.code, name: estates.name }).from(estates).orderBy(asc(estates.name));
}

async function withAccess(executor: Executor, rows: Omit<StaffMember, 'roles' | 'estates'>[]): Promise<StaffMember[]> {
	const ids = rows.map((r) => r.id);
	if (ids.length === 0) return [];
	const [roleRows, estateRows] = await Promise.all([
		executor.select().from(staffRoles).where(inArray(staffRoles.userId, ids)),
		executor
			.select({ userId: staffEstates.userId, id: estates.id, name: estates.name })
			.from(staffEstates)
			.innerJoin(estates, eq(estates.id, staffEstates.estateId))
			.where(inArray(staffEstates.userId, ids))
			.orderBy(asc(estates.name))
	]);
	return rows.map((row) => ({
		...row,
		roles: roleRows.filter((r) => r.userId === row.id).map((r) => r.role),
		estates: estateRows.filter((e) => e.userId === row.id).map(({ id, name }) => ({ id, name }))
	}));
}

const staffColumns = {
	id: users.id,
	name: users.name,
	email: users.email,
	phone: users.phone,
	disabled: users.disabled
};

/** Every staff account, with roles and estates. Staff are counted in tens, not thousands. */
export async function listStaff(actor: Actor): Promise<StaffMember[]> {
	requireStaff(actor, 'staff.manage');
	const rows = await db()
		.select(staffColumns)
		.from(users)
		.where(eq(users.kind, 'staff'))
		.orderBy(asc(users.disabled), asc(users.name), asc(users.id));
	return withAccess(db(), rows);
}

async function findStaff(executor: Executor, userId: string): Promise<StaffMember> {
	if (!isUuid(userId)) error(404, 'Not found');
	const rows = await executor
		.select(staffColumns)
		.from(users)
		.where(and(eq(users.id, userId), eq(users.kind, 'staff')));
	const [member] = await withAccess(executor, rows);
	if (!member) error(404, 'Not found');
	return member;
}

export async function staffMember(actor: Actor, userId: string): Promise<StaffMember> {
	requireStaff(actor, 'staff.manage');
	return findStaff(db(), userId);
}

async function estatesExist(executor: Executor, estateIds: readonly string[]): Promise<boolean> {
	if (estateIds.length === 0) return true;
	if (!estateIds.every(isUuid)) return false;
	const found = await executor
		.select({ id: estates.id })
		.from(estates)
		.where(inArray(estates.id, [...estateIds]));
	return found.length === new Set(estateIds).size;
}

async function writeAccess(executor: Executor, userId: string, access: StaffAccessInput): Promise<void> {
	await executor.delete(staffRoles).where(eq(staffRoles.userId, userId));
	await executor.delete(staffEstates).where(eq(staffEstates.userId, userId));
	const roles = [...new Set(access.roles)];
	const estateIds = [...new Set(access.estateIds)];
	if (roles.length) await executor.insert(staffRoles).values(roles.map((role) => ({ userId, role })));
	if (estateIds.length) await executor.insert(staffEstates).values(estateIds.map((estateId) => ({ userId, estateId })));
}

/**
 * Creates a staff account without a password and emails a one-time link (the password-reset
 * mechanism, with the longer account-setup lifetime) so that nobody but the new colleague ever
 * knows the password. The mail is a durable job written in the same transaction: it goes out only
 * after the account is committed, and a crash after commit still sends it.
 */
export async function createStaff(actor: Actor, input: StaffCreateInput, ip = ''): Promise<{ userId: string }> {
	requireStaff(actor, 'staff.manage');
	input = parseInput(staffCreateSchema, input);
	const email = input.email.trim().toLowerCase();
	return db().transaction(async (tx) => {
		if (!(await estatesExist(tx, input.estateIds))) throw new InputError('estateIds', m.admin_estate_unknown());
		const inserted = await tx
			.insert(users)
			.values({ email, name: input.name, phone: input.phone, kind: 'staff', passwordHash: null })
			.onConflictDoNothing({ target: users.email })
			.returning({ id: users.id });
		const userId = inserted[0]?.id;
		if (!userId) throw new InputError('email', m.admin_email_taken());
		await writeAccess(tx, userId, input);
		const token = await issuePasswordToken(tx, userId, ACCOUNT_SETUP_TTL_MS);
		await scheduleEmail(tx, {
			to: email,
			subject: m.admin_email_staff_setup_subject(),
			text: m.admin_email_staff_setup_body({
				name: input.name,
				link: passwordLink(token),
				days: ACCOUNT_SETUP_TTL_MS / 86_400_000
			})
		});
		await recordAudit(tx, {
			actor,
			action: 'staff.created',
			subjectType: 'user',
			subjectId: userId,
			detail: { email, name: input.name, roles: input.roles, estateIds: input.estateIds },
			ip
		});
		return { userId };
	});
}

/** Replaces a staff member's roles and estates. An admin cannot take away their own admin role. */
export async function updateStaffAccess(actor: Actor, userId: string, input: StaffAccessInput, ip = ''): Promise<void> {
	requireStaff(actor, 'staff.manage');
	input = parseInput(staffAccessSchema, input);
	await db().transaction(async (tx) => {
		const before = await findStaff(tx, userId);
		if (userId === actor.userId && !input.roles.includes('admin')) throw new InputError('roles', m.admin_cannot_demote_self());
		if (!(await estatesExist(tx, input.estateIds))) throw new InputError('estateIds', m.admin_estate_unknown());
		await writeAccess(tx, userId, input);
		await recordAudit(tx, {
			actor,
			action: 'staff.access_changed',
			subjectType: 'user',
			subjectId: userId,
			detail: {
				before: { roles: before.roles, estateIds: before.estates.map((e) => e.id) },
				after: { roles: input.roles, estateIds: input.estateIds }
			},
			ip
		});
	});
}

/** Disabling also ends every session of that user at once, so they are out on their next click. */
export async function setStaffDisabled(actor: Actor, userId: string, disabled: boolean, ip = ''): Promise<void> {
	requireStaff(actor, 'staff.manage');
	await db().transaction(async (tx) => {
		const member = await findStaff(tx, userId);
		if (disabled && userId === actor.userId) throw new InputError('', m.admin_cannot_disable_self());
		if (member.disabled === disabled) return;
		await tx.update(users).set({ disabled }).where(eq(users.id, userId));
		if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
		await recordAudit(tx, {
			actor,
			action: disabled ? 'staff.disabled' : 'staff.enabled',
			subjectType: 'user',
			subjectId: userId,
			detail: { email: member.email },
			ip
		});
	});
}

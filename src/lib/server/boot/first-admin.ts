/**
 * The first admin of an installation without demo data (`npm run create-admin`). Nothing with a
 * published password exists there, so someone at the server's console makes the first account;
 * every later colleague is invited from /staff/admin/staff by that admin.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { managementCompanies, staffRoles, users } from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomString } from '../auth/tokens.ts';
import { recordAudit } from '../events/service.ts';
import { emailField, nameField } from '#lib/schemas/auth.ts';

/** Whether any enabled account holds the admin role. */
export async function hasAdmin(executor: Executor): Promise<boolean> {
	const [row] = await executor
		.select({ id: users.id })
		.from(staffRoles)
		.innerJoin(users, eq(users.id, staffRoles.userId))
		.where(and(eq(staffRoles.role, 'admin'), eq(users.disabled, false)))
		.limit(1);
	return Boolean(row);
}

const adminSchema = z.object({
	email: emailField,
	name: nameField,
	company: z.string().trim().max(200).optional()
});

export type FirstAdminInput = z.input<typeof adminSchema>;

export class FirstAdminError extends Error {
	override name = 'FirstAdminError';
}

/** A generated password: 20 symbols (100 bits) in groups of five, easy to copy, never stored. */
function newPassword(): string {
	return randomString(20).match(/.{5}/g)!.join('-');
}

/**
 * Creates an admin account with a generated password, which is returned once and stored only as
 * a hash. The management company (every estate belongs to it) is created too when there is none
 * yet, so the admin can add estates right away.
 */
export async function createAdmin(
	executor: Executor,
	input: FirstAdminInput
): Promise<{ userId: string; email: string; password: string; companyCreated: boolean }> {
	const parsed = adminSchema.safeParse(input);
	if (!parsed.success) {
		throw new FirstAdminError(parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('\n'));
	}
	const { email, name, company } = parsed.data;
	const password = newPassword();
	const passwordHash = await hashPassword(password);
	return executor.transaction(async (tx) => {
		const [existingCompany] = await tx
			.select({ id: managementCompanies.id })
			.from(managementCompanies)
			.orderBy(asc(managementCompanies.createdAt))
			.limit(1);
		if (!existingCompany && !company) {
			throw new FirstAdminError(
				'--company: the database has no management company yet; name yours (e.g. --company "Harbour Property Management").'
			);
		}
		if (!existingCompany) await tx.insert(managementCompanies).values({ name: company! });
		const [user] = await tx
			.insert(users)
			.values({ email, name, kind: 'staff', passwordHash })
			.onConflictDoNothing({ target: users.email })
			.returning({ id: users.id });
		if (!user) throw new FirstAdminError(`--email: an account with ${email} exists already.`);
		await tx.insert(staffRoles).values({ userId: user.id, role: 'admin' });
		await recordAudit(tx, {
			actor: null,
			action: 'staff.created',
			subjectType: 'user',
			subjectId: user.id,
			detail: { email, name, roles: ['admin'], estateIds: [], by: 'create-admin' }
		});
		return { userId: user.id, email, password, companyCreated: !existingCompany };
	});
}

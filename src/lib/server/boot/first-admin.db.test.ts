import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { auditLog, managementCompanies, staffRoles } from '../db/schema/index.ts';
import { signIn } from '../accounts/login.ts';
import { createAdmin, FirstAdminError, hasAdmin } from './first-admin.ts';

const ip = '198.51.100.30';

describe('the first admin of an empty database', () => {
	it('needs a management company named when there is none, and then creates both', async () => {
		expect(await hasAdmin(db())).toBe(false);
		await expect(createAdmin(db(), { email: 'boss@example.com', name: 'Boss' })).rejects.toThrow(/--company/);
		expect(await hasAdmin(db())).toBe(false);

		const admin = await createAdmin(db(), { email: ' Boss@Example.com ', name: 'Boss', company: 'Harbour PM' });
		expect(admin).toMatchObject({ email: 'boss@example.com', companyCreated: true });
		expect(await hasAdmin(db())).toBe(true);
		expect(await db().select({ name: managementCompanies.name }).from(managementCompanies)).toEqual([{ name: 'Harbour PM' }]);
		expect(await db().select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.userId, admin.userId))).toEqual([
			{ role: 'admin' }
		]);
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.subjectId, admin.userId));
		expect(audit).toMatchObject({ action: 'staff.created', actorId: null });
	});

	it('signs in with the generated password, which is long and random', async () => {
		const a = await createAdmin(db(), { email: 'second@example.com', name: 'Second' });
		const b = await createAdmin(db(), { email: 'third@example.com', name: 'Third' });
		expect(a.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
		expect(a.password).not.toBe(b.password);
		expect(a.companyCreated).toBe(false);
		expect(await signIn({ email: 'second@example.com', password: a.password, ip })).toMatchObject({ ok: true, user: { kind: 'staff' } });
	});

	it('refuses an email that has an account, and a malformed one', async () => {
		await expect(createAdmin(db(), { email: 'second@example.com', name: 'Again' })).rejects.toThrow(FirstAdminError);
		await expect(createAdmin(db(), { email: 'not-an-email', name: 'X' })).rejects.toThrow(/--email/);
	});
});

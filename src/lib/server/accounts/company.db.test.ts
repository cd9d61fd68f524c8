import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, companyMembers } from '../db/schema/index.ts';
import { getCompanyPage, inviteCompanyMember, listMyCompanies, removeCompanyMember } from './company.ts';
import { joinWithInvitation, redeemInvitation } from './join.ts';
import { actorOf, addMember, createCompany, createUser, fromLatestMail } from './test-data.ts';

async function companyWithAdmin(name = 'Acme Trading Ltd') {
	const companyId = await createCompany(name);
	const admin = await createUser({ name: 'Ada Admin' });
	await addMember(companyId, admin.id, 'admin');
	return { companyId, admin: await actorOf(admin.id) };
}

describe('company members', () => {
	it('the admin invites by email; the invitee joins with the emailed code as a member', async () => {
		const { companyId, admin } = await companyWithAdmin();
		const { code } = await inviteCompanyMember(admin, companyId, { email: 'Clerk@Acme.example', role: 'member' });
		const mailed = await fromLatestMail('clerk@acme.example', /\/join\?code=([A-Z0-9-]+)/);
		expect(mailed).toBe(code);
		expect((await getCompanyPage(admin, companyId)).invitations).toEqual([
			expect.objectContaining({ email: 'clerk@acme.example', role: 'member' })
		]);

		const { user, granted } = await joinWithInvitation({
			code: mailed,
			name: 'Carl Clerk',
			email: 'clerk@acme.example',
			phone: '+852 3111 2222',
			password: 'clerk password 1',
			confirm: 'clerk password 1'
		});
		expect(granted).toEqual({ kind: 'company', companyId });
		const clerk = await actorOf(user.id);
		expect(clerk.roles.has('company_member')).toBe(true);
		expect(clerk.roles.has('company_admin')).toBe(false);
		const page = await getCompanyPage(admin, companyId);
		expect(page.members.map((m) => [m.name, m.role])).toEqual([
			['Ada Admin', 'admin'],
			['Carl Clerk', 'member']
		]);
		expect(page.invitations).toEqual([]);
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'company.member_invited'));
		expect(audit?.actorId).toBe(admin.userId);
	});

	it('an existing resident redeems a company invitation while signed in', async () => {
		const { companyId, admin } = await companyWithAdmin();
		const person = await createUser({ email: 'deputy@example.com' });
		const { code } = await inviteCompanyMember(admin, companyId, { email: 'deputy@example.com', role: 'admin' });
		expect(await redeemInvitation(await actorOf(person.id), { code })).toEqual({ kind: 'company', companyId });
		expect((await actorOf(person.id)).roles.has('company_admin')).toBe(true);
	});

	it('a plain member sees the list read-only and may not invite or remove', async () => {
		const { companyId, admin } = await companyWithAdmin();
		const memberUser = await createUser();
		await addMember(companyId, memberUser.id, 'member');
		const member = await actorOf(memberUser.id);
		const page = await getCompanyPage(member, companyId);
		expect(page.myRole).toBe('member');
		expect(page.members).toHaveLength(2);
		expect(page.invitations).toEqual([]);
		await expect(inviteCompanyMember(member, companyId, { email: 'x@example.com', role: 'admin' })).rejects.toMatchObject({
			status: 403
		});
		await expect(removeCompanyMember(member, companyId, admin.userId)).rejects.toMatchObject({ status: 403 });
	});

	it("a member of company X gets 404 for company Y, even as X's admin", async () => {
		const x = await companyWithAdmin('X Ltd');
		const y = await companyWithAdmin('Y Ltd');
		await expect(getCompanyPage(x.admin, y.companyId)).rejects.toMatchObject({ status: 404 });
		await expect(inviteCompanyMember(x.admin, y.companyId, { email: 'z@example.com', role: 'admin' })).rejects.toMatchObject({
			status: 404
		});
		await expect(removeCompanyMember(x.admin, y.companyId, y.admin.userId)).rejects.toMatchObject({ status: 404 });
		await expect(getCompanyPage(x.admin, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
		const outsider = await actorOf((await createUser()).id);
		await expect(getCompanyPage(outsider, x.companyId)).rejects.toMatchObject({ status: 404 });
		expect(await listMyCompanies(outsider)).toEqual([]);
		expect(await listMyCompanies(x.admin)).toEqual([{ id: x.companyId, name: 'X Ltd', role: 'admin' }]);
	});

	it('the admin removes a member but not themselves', async () => {
		const { companyId, admin } = await companyWithAdmin();
		const leaver = await createUser();
		await addMember(companyId, leaver.id, 'member');
		await removeCompanyMember(admin, companyId, leaver.id);
		const rows = await db()
			.select()
			.from(companyMembers)
			.where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, leaver.id)));
		expect(rows).toHaveLength(0);
		expect((await actorOf(leaver.id)).roles.has('company_member')).toBe(false);
		await expect(removeCompanyMember(admin, companyId, admin.userId)).rejects.toMatchObject({ field: 'userId' });
		await expect(removeCompanyMember(admin, companyId, leaver.id)).rejects.toMatchObject({ status: 404 });
	});

	it('refuses inviting someone who is already a member', async () => {
		const { companyId, admin } = await companyWithAdmin();
		const existing = await createUser({ email: 'inside@example.com' });
		await addMember(companyId, existing.id, 'member');
		await expect(inviteCompanyMember(admin, companyId, { email: 'inside@example.com', role: 'member' })).rejects.toMatchObject({
			field: 'email'
		});
	});
});

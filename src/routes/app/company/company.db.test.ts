import { describe, expect, it } from 'vitest';
import { actorOf, addMember, createCompany, createUser, mailTo } from '#lib/server/accounts/test-data.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure, success } from '../../../../tests/action-result.ts';
import { load as listLoad } from './+page.server.ts';
import { actions, load } from './[companyId]/+page.server.ts';

async function setup() {
	const companyId = await createCompany('Harbour Logistics');
	const adminUser = await createUser({ name: 'Admin A' });
	await addMember(companyId, adminUser.id, 'admin');
	const memberUser = await createUser({ name: 'Member M' });
	await addMember(companyId, memberUser.id, 'member');
	return { companyId, admin: await actorOf(adminUser.id), member: await actorOf(memberUser.id) };
}

describe('/app/company', () => {
	it('sends a one-company member straight to the company page, and others to 404', async () => {
		const { companyId, member } = await setup();
		expect(await thrown(() => listLoad(fakeEvent({ actor: member })))).toMatchObject({
			status: 303,
			location: `/app/company/${companyId}`
		});
		const outsider = await actorOf((await createUser()).id);
		expect(await thrown(() => listLoad(fakeEvent({ actor: outsider })))).toMatchObject({ status: 404 });
	});

	it('a member of company X gets 404 on company Y’s page', async () => {
		const x = await setup();
		const y = await setup();
		expect(await thrown(() => load(fakeEvent({ actor: x.member, params: { companyId: y.companyId } })))).toMatchObject({
			status: 404
		});
		expect(await thrown(() => load(fakeEvent({ actor: x.admin, params: { companyId: y.companyId } })))).toMatchObject({
			status: 404
		});
	});

	it('the admin invites through the form; bad input gets field messages', async () => {
		const { companyId, admin } = await setup();
		const sent = success(
			await actions.invite(fakeEvent({ actor: admin, params: { companyId }, form: { email: 'new.hire@example.com', role: 'member' } }))
		);
		expect(sent.form.message).toBe('Invitation sent to new.hire@example.com.');
		expect(await mailTo('new.hire@example.com')).toHaveLength(1);

		const bad = failure(
			await actions.invite(fakeEvent({ actor: admin, params: { companyId }, form: { email: 'x'.repeat(300), role: 'owner' } }))
		);
		expect(bad.status).toBe(400);
		expect(bad.data.form.errors.email?.[0]).toMatch(/too long/);
		expect(bad.data.form.errors.role).toBeDefined();
	});

	it('a member sees the list read-only and may not use the admin actions', async () => {
		const { companyId, admin, member } = await setup();
		const data = await load(fakeEvent({ actor: member, params: { companyId } }));
		expect(data.myRole).toBe('member');
		expect(data.members.map((m) => m.name)).toEqual(['Admin A', 'Member M']);
		expect(
			await thrown(() => actions.invite(fakeEvent({ actor: member, params: { companyId }, form: { email: 'a@b.co', role: 'admin' } })))
		).toMatchObject({ status: 403 });
		expect(
			await thrown(() => actions.remove(fakeEvent({ actor: member, params: { companyId }, form: { userId: admin.userId } })))
		).toMatchObject({ status: 403 });
	});

	it('the admin removes a member, and is told they cannot remove themselves', async () => {
		const { companyId, admin, member } = await setup();
		expect(await actions.remove(fakeEvent({ actor: admin, params: { companyId }, form: { userId: member.userId } }))).toEqual({
			removed: true
		});
		const self = failure(await actions.remove(fakeEvent({ actor: admin, params: { companyId }, form: { userId: admin.userId } })));
		expect(self.status).toBe(400);
		expect(self.data.removeError).toMatch(/cannot remove yourself/);
		const data = await load(fakeEvent({ actor: admin, params: { companyId } }));
		expect(data.members.map((m) => m.name)).toEqual(['Admin A']);
	});
});

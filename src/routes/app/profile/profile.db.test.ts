import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { users } from '#lib/server/db/schema/index.ts';
import { createSession, validateSessionToken } from '#lib/server/auth/sessions.ts';
import { PASSWORD, actorOf, createUser } from '#lib/server/accounts/test-data.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import { actions, load } from './+page.server.ts';
import * as staffPage from '../../staff/profile/+page.server.ts';

async function resident() {
	const user = await createUser({ name: 'Cheung Ka Yan' });
	const here = await createSession(user.id);
	const other = await createSession(user.id);
	return { user, here, other, actor: await actorOf(user.id, here.session.id) };
}

describe('/app/profile', () => {
	it('shows the profile with the number of other sessions', async () => {
		const { actor } = await resident();
		const data = await load(fakeEvent({ actor, path: '/app/profile' }));
		expect(data.profile).toMatchObject({ name: 'Cheung Ka Yan', otherSessions: 1 });
		expect(data.profileForm.data.name).toBe('Cheung Ka Yan');
	});

	it('refuses anonymous visitors', async () => {
		expect(await thrown(() => load(fakeEvent({ path: '/app/profile' })))).toMatchObject({ status: 401 });
	});

	it('changes the password through the form, ending the other session', async () => {
		const { here, other, actor } = await resident();
		const result = await actions.password(
			fakeEvent({ actor, form: { currentPassword: PASSWORD, password: 'new and long enough', confirm: 'new and long enough' } })
		);
		expect(result).toMatchObject({ form: { valid: true, message: 'Your password has been changed. Other devices have been signed out.' } });
		expect(await validateSessionToken(other.token)).toBeNull();
		expect(await validateSessionToken(here.token)).not.toBeNull();
	});

	it('puts password problems at their fields and sends no password back', async () => {
		const { other, actor } = await resident();
		const short = failure(
			await actions.password(fakeEvent({ actor, form: { currentPassword: PASSWORD, password: 'short', confirm: 'short' } }))
		);
		expect(short.status).toBe(400);
		expect(short.data.form.errors.password?.[0]).toBe('The password must have at least 10 characters.');
		expect(short.data.form.data).toEqual({ currentPassword: '', password: '', confirm: '' });

		const mismatch = failure(
			await actions.password(
				fakeEvent({ actor, form: { currentPassword: PASSWORD, password: 'long enough one', confirm: 'long enough two' } })
			)
		);
		expect(mismatch.data.form.errors.confirm?.[0]).toBe('The two passwords do not match.');

		const wrong = failure(
			await actions.password(
				fakeEvent({ actor, form: { currentPassword: 'nope', password: 'long enough one', confirm: 'long enough one' } })
			)
		);
		expect(wrong.data.form.errors.currentPassword?.[0]).toBe('The current password is not correct.');
		expect(await validateSessionToken(other.token)).not.toBeNull();
	});

	it('signs out other devices', async () => {
		const { here, other, actor } = await resident();
		expect(await actions.signOutOthers(fakeEvent({ actor, form: {} }))).toEqual({ othersSignedOut: true });
		expect(await validateSessionToken(other.token)).toBeNull();
		expect(await validateSessionToken(here.token)).not.toBeNull();
	});

	it('answers overlong and malformed details with field messages and saves nothing', async () => {
		const { user, actor } = await resident();
		const result = failure(await actions.profile(fakeEvent({ actor, form: { name: 'N'.repeat(500), phone: '<script>' } })));
		expect(result.status).toBe(400);
		expect(result.data.form.errors.name?.[0]).toMatch(/too long/);
		expect(result.data.form.errors.phone?.[0]).toMatch(/valid phone/);
		const [row] = await db().select().from(users).where(eq(users.id, user.id));
		expect(row?.name).toBe('Cheung Ka Yan');
	});

	it('serves staff the same page at /staff/profile', async () => {
		const staff = await createUser({ kind: 'staff', name: 'Front Desk' });
		const actor = await actorOf(staff.id);
		const data = await staffPage.load(fakeEvent({ actor, path: '/staff/profile' }));
		expect(data.profile.name).toBe('Front Desk');
		const saved = await staffPage.actions.profile(fakeEvent({ actor, form: { name: 'Front Desk 2', phone: '' } }));
		expect(saved).toMatchObject({ form: { valid: true } });
	});
});

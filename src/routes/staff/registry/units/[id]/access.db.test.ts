import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { occupancies, outbox, users } from '#lib/server/db/schema/index.ts';
import { runMailJobs } from '#lib/server/notify/testing.ts';
import { joinWithInvitation } from '#lib/server/accounts/join.ts';
import { building, estate, staffActor, unitsIn } from '#lib/server/property/testing/fixtures.ts';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { actions, load } from './+page.server.ts';

async function setup() {
	const e = await estate();
	const b = await building(e.id, 'A');
	const [unit] = await unitsIn(b, 1);
	return { estateId: e.id, unit: unit! };
}

type Message = { form: { message?: string; valid: boolean; errors: Record<string, string[] | undefined> } };

describe('resident access on the staff unit page', () => {
	it('lets customer service issue a one-time code that a resident then joins with', async () => {
		const { estateId, unit } = await setup();
		const service = await staffActor(['customer_service'], [estateId]);
		const result = (await actions.invite(
			fakeEvent({ actor: service, params: { id: unit.id }, form: { role: 'renter', email: 'new.renter@example.test' } })
		)) as Message;
		const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})/.exec(result.form.message ?? '')?.[1];
		expect(code).toBeDefined();
		await runMailJobs();
		const [mail] = await db().select().from(outbox).where(eq(outbox.recipient, 'new.renter@example.test'));
		expect(mail?.body).toContain(code!);

		const { user } = await joinWithInvitation({
			code: code!,
			name: 'New Renter',
			email: 'new.renter@example.test',
			phone: '+852 5555 0000',
			password: 'a-long-password',
			confirm: 'a-long-password'
		});
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.userId, user.id));
		expect(occupancy).toMatchObject({ unitId: unit.id, role: 'renter' });
	});

	it('creates the account at the counter and emails a link to set the password', async () => {
		const { estateId, unit } = await setup();
		const service = await staffActor(['customer_service'], [estateId]);
		const result = (await actions.account(
			fakeEvent({
				actor: service,
				params: { id: unit.id },
				form: { role: 'owner', name: 'Ho Ka Yan', email: 'ho@example.test', phone: '+852 6000 0000' }
			})
		)) as Message;
		expect(result.form.valid).toBe(true);
		const [user] = await db().select().from(users).where(eq(users.email, 'ho@example.test'));
		expect(user).toMatchObject({ kind: 'resident', passwordHash: null });
		await runMailJobs();
		const [mail] = await db().select().from(outbox).where(eq(outbox.recipient, 'ho@example.test'));
		expect(mail?.body).toMatch(/\/reset\/[a-z0-9]+/);
	});

	it('answers bad input at the field and saves nothing', async () => {
		const { estateId, unit } = await setup();
		const service = await staffActor(['customer_service'], [estateId]);
		const bad = (await actions.account(
			fakeEvent({
				actor: service,
				params: { id: unit.id },
				form: { role: 'landlord', name: '', email: 'not-an-email', phone: 'x'.repeat(500) }
			})
		)) as { status: number; data: Message };
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.data.form.errors).sort()).toEqual(['email', 'name', 'phone', 'role']);
		expect(await db().select().from(users).where(eq(users.email, 'not-an-email'))).toHaveLength(0);
	});

	it('refuses staff without the permission, and units outside their estates', async () => {
		const { estateId, unit } = await setup();
		const engineer = await staffActor(['engineering'], [estateId]);
		expect(
			(await thrown(() => actions.invite(fakeEvent({ actor: engineer, params: { id: unit.id }, form: { role: 'owner' } })))).status
		).toBe(403);
		expect(
			(
				await thrown(() =>
					actions.account(
						fakeEvent({ actor: engineer, params: { id: unit.id }, form: { role: 'owner', name: 'X', email: 'x@example.test', phone: '' } })
					)
				)
			).status
		).toBe(403);
		const elsewhere = await staffActor(['customer_service'], [(await estate()).id]);
		expect(
			(await thrown(() => actions.invite(fakeEvent({ actor: elsewhere, params: { id: unit.id }, form: { role: 'owner' } })))).status
		).toBe(404);
		const page = (await load(fakeEvent({ actor: engineer, params: { id: unit.id } }))) as { canInvite: boolean; canCreateAccount: boolean };
		expect(page).toMatchObject({ canInvite: false, canCreateAccount: false });
	});
});

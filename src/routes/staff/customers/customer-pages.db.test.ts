import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SuperValidated } from 'sveltekit-superforms';
import { db } from '#lib/server/db/client.ts';
import { companyMembers, customers, customerTypes, residentCompanies, users } from '#lib/server/db/schema/index.ts';
import { building, company, estate, occupy, residentUser, staffActor, unitsIn } from '#lib/server/property/testing/fixtures.ts';
import { addDays, businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { failure, success } from '../../../../tests/action-result.ts';
import { fakeEvent } from '../../../../tests/request-event.ts';
import * as accuracy from './accuracy/+page.server.ts';
import * as profilePage from './[id]/profile/+page.server.ts';
import * as peoplePage from '../registry/people/[id]/+page.server.ts';

const today = () => businessToday({ timeZone: DEFAULT_TIME_ZONE });

async function setUp() {
	const e = await estate();
	const [unit] = await unitsIn(await building(e.id, 'A'), 1);
	const [key] = await db()
		.insert(customerTypes)
		.values({ code: `pages_${Date.now()}`, nameEn: 'Key', nameZhHans: '重点', nameZhHant: '重點', keyAccount: true })
		.returning();
	const firm = await company('Beacon Test Studio');
	await db().update(residentCompanies).set({ registrationNo: 'CR-1' }).where(eq(residentCompanies.id, firm.id));
	const admin = await residentUser('Beacon Admin');
	await db().insert(companyMembers).values({ companyId: firm.id, userId: admin.id, role: 'admin' });
	await occupy(unit!.id, { companyId: firm.id }, 'renter');
	const [customer] = await db()
		.insert(customers)
		.values({
			companyId: firm.id,
			typeId: key!.id,
			licenceNo: 'L-1',
			licenceExpiresOn: addDays(today(), -20),
			contactsCheckedOn: addDays(today(), -10)
		})
		.returning();
	return { estate: e, key: key!, firm, admin, customer: customer!, desk: await staffActor(['customer_service'], [e.id]) };
}

describe('the accuracy page and the pages it links to fix from', () => {
	it('lists the expired licence and the missing phone, and the fixes posted on the profile and contact pages move the figure', async () => {
		const s = await setUp();
		const load = () => accuracy.load(fakeEvent({ actor: s.desk, path: `/staff/customers/accuracy?estate=${s.estate.id}` }));
		const before = await load();
		expect(before.figures.map((f) => [f.percent, f.meetsTarget])).toEqual([[60, false]]);
		expect(before.toFix[0]!.failed.map((f) => f.check)).toEqual(['phone', 'licence']);

		const params = { id: s.customer.id };
		const path = `/staff/customers/${s.customer.id}/profile`;
		const page = await profilePage.load(fakeEvent({ actor: s.desk, params, path }));
		expect(page.form.data).toMatchObject({ party: `company:${s.firm.id}`, typeId: s.key.id, licenceNo: 'L-1' });
		expect(page.types.map((t) => t.id)).toContain(s.key.id);

		const fields = { party: `company:${s.firm.id}`, typeId: s.key.id, licenceNo: 'L-1' };
		const refused = failure<{ form: SuperValidated<Record<string, unknown>> }>(
			await profilePage.actions.profile(
				fakeEvent({ actor: s.desk, params, path: `${path}?/profile`, form: { ...fields, licenceExpiresOn: '2026-13-01' } })
			)
		);
		expect(refused.status).toBe(400);
		expect(refused.data.form.errors).toMatchObject({ licenceExpiresOn: [expect.any(String)] });

		const saved = success(
			await profilePage.actions.profile(
				fakeEvent({
					actor: s.desk,
					params,
					path: `${path}?/profile`,
					form: { ...fields, licenceExpiresOn: addDays(today(), 200), contactsConfirmed: 'on' }
				})
			)
		);
		expect((saved as { form: { message?: string } }).form.message).toBeTruthy();
		const [row] = await db().select().from(customers).where(eq(customers.id, s.customer.id));
		expect(row).toMatchObject({ licenceExpiresOn: addDays(today(), 200), contactsCheckedOn: today() });

		const personPath = `/staff/registry/people/${s.admin.id}`;
		const badPhone = failure<{ form: SuperValidated<Record<string, unknown>> }>(
			await peoplePage.actions.default(
				fakeEvent({ actor: s.desk, params: { id: s.admin.id }, path: personPath, form: { email: s.admin.email, phone: 'call me' } })
			)
		);
		expect(badPhone.data.form.errors).toMatchObject({ phone: [expect.any(String)] });
		success(
			await peoplePage.actions.default(
				fakeEvent({ actor: s.desk, params: { id: s.admin.id }, path: personPath, form: { email: s.admin.email, phone: '+852 6123 4567' } })
			)
		);
		expect((await db().select({ phone: users.phone }).from(users).where(eq(users.id, s.admin.id)))[0]!.phone).toBe('+852 6123 4567');

		const after = await load();
		expect(after.figures.map((f) => [f.percent, f.meetsTarget])).toEqual([[100, true]]);
		expect(after.toFix).toEqual([]);
	});
});

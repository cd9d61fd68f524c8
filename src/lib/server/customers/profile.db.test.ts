import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { auditLog, companyMembers, customers, customerTypes, estates, users } from '../db/schema/index.ts';
import { InputError } from '../kernel/input-error.ts';
import { residentContact, updateResidentContact } from '../accounts/resident-contact.ts';
import { building, company, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { activeCustomerTypes, customerProfile, updateCustomerProfile } from './profile.ts';

let seq = 0;
async function customerType(active = true) {
	const code = `p${++seq}_${Date.now()}`;
	const [row] = await db()
		.insert(customerTypes)
		.values({ code, nameEn: `Type ${code}`, nameZhHans: `类型 ${code}`, nameZhHant: `類型 ${code}`, keyAccount: true, active })
		.returning();
	return row!;
}

async function setUp(timeZone = DEFAULT_TIME_ZONE) {
	const e = await estate();
	await db().update(estates).set({ timeZone }).where(eq(estates.id, e.id));
	const [unit, other] = await unitsIn(await building(e.id, 'A'), 2);
	const firm = await company(`Firm ${++seq}`);
	await occupy(unit!.id, { companyId: firm.id }, 'renter');
	const person = await residentUser('Mei Lin');
	await occupy(other!.id, { userId: person.id });
	const admin = await residentUser('Firm Admin');
	await db().insert(companyMembers).values({ companyId: firm.id, userId: admin.id, role: 'admin' });
	const elsewhere = await estate();
	return {
		estate: e,
		firm,
		person,
		admin,
		desk: await staffActor(['customer_service'], [e.id]),
		engineer: await staffActor(['engineering'], [e.id]),
		otherDesk: await staffActor(['customer_service'], [elsewhere.id])
	};
}

async function refusal(work: Promise<unknown>): Promise<{ field: string; message: string }> {
	const err = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(InputError);
	return { field: (err as InputError).field, message: (err as InputError).message };
}

describe('a customer’s profile (customers/profile.ts)', () => {
	it('makes the customers row on the first save, writes the estate’s today as contacts confirmed, and audits every save', async () => {
		const s = await setUp('Pacific/Kiritimati');
		const type = await customerType();
		const now = new Date('2026-03-01T11:00:00Z'); // already 2 March on Kiritimati
		const party = `company:${s.firm.id}`;
		const { customerId } = await updateCustomerProfile(
			s.desk,
			{ party, typeId: type.id, licenceNo: ' LIC-1 ', licenceExpiresOn: '2027-01-31', contactsConfirmed: true },
			now
		);
		const [row] = await db().select().from(customers).where(eq(customers.id, customerId));
		expect(row).toMatchObject({
			companyId: s.firm.id,
			typeId: type.id,
			licenceNo: 'LIC-1',
			licenceExpiresOn: '2027-01-31',
			contactsCheckedOn: '2026-03-02'
		});

		// Saving again without confirming keeps the day; the same row is updated.
		const again = await updateCustomerProfile(s.desk, { party, typeId: '', licenceNo: '', licenceExpiresOn: '' }, now);
		expect(again.customerId).toBe(customerId);
		const [kept] = await db().select().from(customers).where(eq(customers.id, customerId));
		expect(kept).toMatchObject({ typeId: null, licenceNo: '', licenceExpiresOn: null, contactsCheckedOn: '2026-03-02' });

		const audits = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.subjectType, 'customer'), eq(auditLog.subjectId, customerId)))
			.orderBy(auditLog.id);
		expect(audits.map((a) => a.action)).toEqual(['customers.profile_updated', 'customers.profile_updated']);
		expect(audits[1]!.detail).toMatchObject({ from: { typeId: type.id, licenceNo: 'LIC-1' }, to: { typeId: null } });

		const profile = await customerProfile(s.desk, customerId, now);
		expect(profile).toMatchObject({ party, name: s.firm.name, contactsCheckedOn: '2026-03-02', today: '2026-03-02' });
	});

	it('refuses, at the field, a deactivated type, a date that is none, a long licence number and a party that is none', async () => {
		const s = await setUp();
		const retired = await customerType(false);
		const party = `user:${s.person.id}`;
		expect(await refusal(updateCustomerProfile(s.desk, { party, typeId: retired.id }))).toMatchObject({ field: 'typeId' });
		expect(await refusal(updateCustomerProfile(s.desk, { party, licenceExpiresOn: '2026-02-30' }))).toMatchObject({
			field: 'licenceExpiresOn'
		});
		expect(await refusal(updateCustomerProfile(s.desk, { party, licenceExpiresOn: '0099-01-01' }))).toMatchObject({
			field: 'licenceExpiresOn'
		});
		expect(await refusal(updateCustomerProfile(s.desk, { party, licenceNo: 'x'.repeat(61) }))).toMatchObject({ field: 'licenceNo' });
		expect(await refusal(updateCustomerProfile(s.desk, { party: 'user:12' }))).toMatchObject({ field: 'party' });
		expect(await db().select().from(customers).where(eq(customers.userId, s.person.id))).toEqual([]);
		// Only active types are offered.
		expect((await activeCustomerTypes('en')).map((t) => t.id)).not.toContain(retired.id);
		// A type already held stays when it is deactivated later.
		const held = await customerType();
		await updateCustomerProfile(s.desk, { party, typeId: held.id });
		await db().update(customerTypes).set({ active: false }).where(eq(customerTypes.id, held.id));
		await updateCustomerProfile(s.desk, { party, typeId: held.id, licenceNo: 'kept' });
	});

	it('answers "not found" for a party outside the actor’s estates and "forbidden" without the permission', async () => {
		const s = await setUp();
		const party = `company:${s.firm.id}`;
		await expect(updateCustomerProfile(s.otherDesk, { party })).rejects.toMatchObject({ status: 404 });
		await expect(updateCustomerProfile(s.engineer, { party })).rejects.toMatchObject({ status: 403 });
		const stranger = await residentUser('No Unit');
		await expect(updateCustomerProfile(s.desk, { party: `user:${stranger.id}` })).rejects.toMatchObject({ status: 404 });
		const { customerId } = await updateCustomerProfile(s.desk, { party });
		await expect(customerProfile(s.otherDesk, customerId)).rejects.toMatchObject({ status: 404 });
		await expect(customerProfile(s.desk, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
	});
});

describe('a resident’s contact details as the office corrects them (accounts/resident-contact.ts)', () => {
	it('saves the phone and email of a company’s member and of an occupant, audited, within the actor’s estates', async () => {
		const s = await setUp();
		await updateResidentContact(s.desk, s.admin.id, { email: ' New.Admin@Example.test ', phone: '+852 5123 4567' });
		const [row] = await db().select().from(users).where(eq(users.id, s.admin.id));
		expect(row).toMatchObject({ email: 'new.admin@example.test', phone: '+852 5123 4567' });
		expect(await residentContact(s.desk, s.admin.id)).toMatchObject({ companies: [s.firm.name] });
		const [audit] = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'resident.contact_updated'), eq(auditLog.subjectId, s.admin.id)));
		expect(audit!.detail).toMatchObject({ from: { email: s.admin.email, phone: '' }, to: { email: 'new.admin@example.test' } });

		await expect(updateResidentContact(s.otherDesk, s.person.id, { email: 'x@example.test', phone: '51234567' })).rejects.toMatchObject({
			status: 404
		});
		await expect(residentContact(s.engineer, s.person.id)).rejects.toMatchObject({ status: 403 });
		expect(await refusal(updateResidentContact(s.desk, s.person.id, { email: 'nope', phone: '51234567' }))).toMatchObject({
			field: 'email'
		});
		expect(await refusal(updateResidentContact(s.desk, s.person.id, { email: 'ok@example.test', phone: '12' }))).toMatchObject({
			field: 'phone'
		});
		expect(await refusal(updateResidentContact(s.desk, s.person.id, { email: 'new.admin@example.test', phone: '51234567' }))).toMatchObject(
			{
				field: 'email'
			}
		);
	});
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays, businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { statementsOf } from '../../../../tests/query-log.ts';
import { db } from '../db/client.ts';
import { companyMembers, customers, customerTypes, estates, residentCompanies, users } from '../db/schema/index.ts';
import { updateResidentContact } from '../accounts/resident-contact.ts';
import { building, company, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { accuracyChecks, estateAccuracy, type AccountToFix } from './accuracy.ts';
import { accuracyPage } from './accuracy-page.ts';
import { updateCustomerProfile } from './profile.ts';

let seq = 0;
async function customerType(keyAccount: boolean) {
	const code = `t${++seq}_${keyAccount ? 'key' : 'plain'}_${Date.now()}`;
	const [row] = await db().insert(customerTypes).values({ code, nameEn: code, nameZhHans: code, nameZhHant: code, keyAccount }).returning();
	return row!;
}

async function place(timeZone = DEFAULT_TIME_ZONE) {
	const e = await estate();
	if (timeZone !== DEFAULT_TIME_ZONE) await db().update(estates).set({ timeZone }).where(eq(estates.id, e.id));
	const block = await building(e.id, 'A');
	return { estate: { ...e, timeZone }, units: await unitsIn(block, 10) };
}

const today = (timeZone = DEFAULT_TIME_ZONE, now = new Date()) => businessToday({ timeZone }, now);

/** A company key account whose every check passes, occupying the unit from 2024; its admin reachable. */
async function goodCompany(unitId: string, typeId: string, now = new Date(), zone = DEFAULT_TIME_ZONE) {
	const firm = await company(`Firm ${++seq}`);
	await db()
		.update(residentCompanies)
		.set({ registrationNo: `CR${seq}` })
		.where(eq(residentCompanies.id, firm.id));
	const admin = await residentUser(`Admin ${seq}`);
	await db().update(users).set({ phone: '+852 9123 4567' }).where(eq(users.id, admin.id));
	await db().insert(companyMembers).values({ companyId: firm.id, userId: admin.id, role: 'admin' });
	await occupy(unitId, { companyId: firm.id }, 'renter');
	const [row] = await db()
		.insert(customers)
		.values({
			companyId: firm.id,
			typeId,
			licenceNo: `LIC${seq}`,
			licenceExpiresOn: addDays(today(zone, now), 300),
			contactsCheckedOn: addDays(today(zone, now), -30)
		})
		.returning();
	return { firm, admin, customer: row! };
}

/** A person key account whose every check passes. */
async function goodPerson(unitId: string, typeId: string, now = new Date(), zone = DEFAULT_TIME_ZONE) {
	const person = await residentUser(`Person ${++seq}`);
	await db().update(users).set({ phone: '5123 4567' }).where(eq(users.id, person.id));
	await occupy(unitId, { userId: person.id });
	const [row] = await db()
		.insert(customers)
		.values({ userId: person.id, typeId, contactsCheckedOn: addDays(today(zone, now), -1) })
		.returning();
	return { person, customer: row! };
}

const failedOf = (toFix: AccountToFix[], customerId: string) => toFix.find((a) => a.customerId === customerId)?.failed ?? [];
const checksOf = (toFix: AccountToFix[], customerId: string) => failedOf(toFix, customerId).map((f) => f.check);

describe('key-account data accuracy (rule 11, ≥ 98 %)', () => {
	it('The accuracy check finds a key account with an expired licence and a missing phone, and the estate figure moves when they are fixed', async () => {
		const key = await customerType(true);
		const { estate: e, units } = await place();
		const desk = await staffActor(['customer_service'], [e.id]);
		await goodCompany(units[0]!.id, key.id);
		const beacon = await goodCompany(units[1]!.id, key.id);
		await db()
			.update(customers)
			.set({ licenceExpiresOn: addDays(today(), -20) })
			.where(eq(customers.id, beacon.customer.id));
		await db().update(users).set({ phone: '' }).where(eq(users.id, beacon.admin.id));

		const before = await estateAccuracy(db(), [e.id]);
		expect(before.estates).toEqual([{ estateId: e.id, accounts: 2, failing: 1, checked: 10, passed: 8, percent: 80, meetsTarget: false }]);
		expect(before.toFix.map((a) => a.name)).toEqual([beacon.firm.name]);
		const failed = failedOf(before.toFix, beacon.customer.id);
		expect(failed.map((f) => f.check)).toEqual(['phone', 'licence']);
		expect(failed[0]!.people).toEqual([{ userId: beacon.admin.id, name: beacon.admin.name }]);
		expect(failed[1]).toMatchObject({ reason: 'expired', on: addDays(today(), -20), people: [] });

		// The licence through the customer's profile, the phone through the person's contact details.
		await updateCustomerProfile(desk, {
			party: `company:${beacon.firm.id}`,
			typeId: key.id,
			licenceNo: beacon.customer.licenceNo,
			licenceExpiresOn: addDays(today(), 365)
		});
		const half = await estateAccuracy(db(), [e.id]);
		expect(half.estates[0]).toMatchObject({ passed: 9, checked: 10, percent: 90, meetsTarget: false });
		expect(checksOf(half.toFix, beacon.customer.id)).toEqual(['phone']);

		await updateResidentContact(desk, beacon.admin.id, { email: beacon.admin.email, phone: '+852 5123 4567' });
		const after = await estateAccuracy(db(), [e.id]);
		expect(after.estates).toEqual([{ estateId: e.id, accounts: 2, failing: 0, checked: 10, passed: 10, percent: 100, meetsTarget: true }]);
		expect(after.toFix).toEqual([]);
	});

	it('checks a company on five counts and a person on four, the figure with one decimal against 98 %', async () => {
		expect(accuracyChecks.map((c) => c.name)).toEqual(['required', 'phone', 'email', 'contacts', 'licence']);
		const key = await customerType(true);
		const { estate: e, units } = await place();
		await goodPerson(units[0]!.id, key.id);
		for (let i = 1; i < 10; i++) await goodCompany(units[i]!.id, key.id);
		// 9 × 5 + 4 = 49 checks; one failing is 48/49 = 97.96 %: below the target, shown as 98.0.
		const all = await estateAccuracy(db(), [e.id]);
		expect(all.estates[0]).toMatchObject({ checked: 49, passed: 49, percent: 100, meetsTarget: true });
		const [anyCompany] = await db()
			.select()
			.from(customers)
			.where(eq(customers.licenceNo, `LIC${seq}`));
		await db().update(customers).set({ contactsCheckedOn: null }).where(eq(customers.id, anyCompany!.id));
		const one = await estateAccuracy(db(), [e.id]);
		expect(one.estates[0]).toMatchObject({ checked: 49, passed: 48, percent: 98, meetsTarget: false });
	});

	it('requires a company’s name, registration number, licence number and expiry, and a person’s name', async () => {
		const key = await customerType(true);
		const { estate: e, units } = await place();
		const firm = await goodCompany(units[0]!.id, key.id);
		await db().update(residentCompanies).set({ registrationNo: ' ' }).where(eq(residentCompanies.id, firm.firm.id));
		await db().update(customers).set({ licenceNo: '', licenceExpiresOn: null }).where(eq(customers.id, firm.customer.id));
		const person = await goodPerson(units[1]!.id, key.id);
		await db().update(users).set({ name: '' }).where(eq(users.id, person.person.id));
		const { toFix } = await estateAccuracy(db(), [e.id]);
		expect(failedOf(toFix, firm.customer.id)).toEqual([
			{ check: 'required', missing: ['registrationNo', 'licenceNo', 'licenceExpiresOn'], people: [] },
			{ check: 'licence', reason: 'missing', on: null, people: [] }
		]);
		expect(failedOf(toFix, person.customer.id)).toEqual([{ check: 'required', missing: ['name'], people: [] }]);
	});

	it('reads the phone and email of a person, and of a company’s enabled admins (none: nobody to reach)', async () => {
		const key = await customerType(true);
		const { estate: e, units } = await place();
		const person = await goodPerson(units[0]!.id, key.id);
		await db().update(users).set({ phone: '12', email: 'not-an-email' }).where(eq(users.id, person.person.id));
		const firm = await goodCompany(units[1]!.id, key.id);
		// A disabled admin with a bad phone does not count; a plain member's phone is not the company's.
		const gone = await residentUser('Gone Admin');
		await db().update(users).set({ phone: 'x', disabled: true }).where(eq(users.id, gone.id));
		const plain = await residentUser('Plain Member');
		await db()
			.insert(companyMembers)
			.values([
				{ companyId: firm.firm.id, userId: gone.id, role: 'admin' },
				{ companyId: firm.firm.id, userId: plain.id, role: 'member' }
			]);
		const lonely = await goodCompany(units[2]!.id, key.id);
		await db().update(companyMembers).set({ role: 'member' }).where(eq(companyMembers.companyId, lonely.firm.id));

		const { toFix } = await estateAccuracy(db(), [e.id]);
		const who = [{ userId: person.person.id, name: person.person.name }];
		expect(failedOf(toFix, person.customer.id)).toEqual([
			{ check: 'phone', people: who },
			{ check: 'email', people: who }
		]);
		expect(checksOf(toFix, firm.customer.id)).toEqual([]);
		expect(failedOf(toFix, lonely.customer.id)).toEqual([
			{ check: 'phone', reason: 'no_admin', people: [] },
			{ check: 'email', reason: 'no_admin', people: [] }
		]);
	});

	it('holds contacts current for 12 months of the estate’s today, and a company needs a member able to sign in', async () => {
		const key = await customerType(true);
		const { estate: e, units } = await place();
		const never = await goodCompany(units[0]!.id, key.id);
		await db().update(customers).set({ contactsCheckedOn: null }).where(eq(customers.id, never.customer.id));
		const old = await goodPerson(units[1]!.id, key.id);
		const stale = addDays(addDays(today(), -366), -1);
		await db().update(customers).set({ contactsCheckedOn: stale }).where(eq(customers.id, old.customer.id));
		const quiet = await goodCompany(units[2]!.id, key.id);
		await db().update(users).set({ disabled: true }).where(eq(users.id, quiet.admin.id));

		const { toFix } = await estateAccuracy(db(), [e.id]);
		expect(failedOf(toFix, never.customer.id)).toEqual([{ check: 'contacts', reason: 'never', on: null, people: [] }]);
		expect(failedOf(toFix, old.customer.id)).toEqual([{ check: 'contacts', reason: 'old', on: stale, people: [] }]);
		expect(failedOf(toFix, quiet.customer.id)).toEqual([
			{ check: 'phone', reason: 'no_admin', people: [] },
			{ check: 'email', reason: 'no_admin', people: [] },
			{ check: 'contacts', reason: 'no_member', on: quiet.customer.contactsCheckedOn, people: [] }
		]);
	});

	it('reads 12 months and the licence’s expiry on the estate’s own date (injected clock, two zones)', async () => {
		const key = await customerType(true);
		// 11:00 UTC on 1 March 2026: already 2 March on Kiritimati (UTC+14), still 1 March in Hong Kong.
		const now = new Date('2026-03-01T11:00:00Z');
		const east = await place('Pacific/Kiritimati');
		const hk = await place();
		const set = { contactsCheckedOn: '2025-03-01', licenceExpiresOn: '2026-03-01' };
		const far = await goodCompany(east.units[0]!.id, key.id, now, 'Pacific/Kiritimati');
		const near = await goodCompany(hk.units[0]!.id, key.id, now);
		await db().update(customers).set(set).where(eq(customers.id, far.customer.id));
		await db().update(customers).set(set).where(eq(customers.id, near.customer.id));

		const result = await estateAccuracy(db(), [east.estate.id, hk.estate.id], now);
		expect(checksOf(result.toFix, far.customer.id)).toEqual(['contacts', 'licence']);
		expect(checksOf(result.toFix, near.customer.id)).toEqual([]);
		expect(result.estates.map((f) => f.percent)).toEqual([60, 100]);
		// A day earlier, both pass everywhere.
		const dayBefore = await estateAccuracy(db(), [east.estate.id], new Date('2026-02-28T11:00:00Z'));
		expect(dayBefore.estates[0]).toMatchObject({ passed: 5, checked: 5 });
	});

	it('gives each estate its own figure: an account in two estates counts in both; the page keeps to the actor’s estates', async () => {
		const key = await customerType(true);
		const a = await place();
		const b = await place();
		const both = await goodCompany(a.units[0]!.id, key.id);
		await occupy(b.units[0]!.id, { companyId: both.firm.id }, 'renter');
		const onlyB = await goodCompany(b.units[1]!.id, key.id);
		await db().update(customers).set({ licenceExpiresOn: null }).where(eq(customers.id, onlyB.customer.id));

		const result = await estateAccuracy(db(), [a.estate.id, b.estate.id]);
		expect(result.estates.map((f) => [f.accounts, f.checked, f.passed])).toEqual([
			[1, 5, 5],
			[2, 10, 8]
		]);
		expect(result.toFix.map((t) => [t.estateId, t.customerId])).toEqual([[b.estate.id, onlyB.customer.id]]);
		expect((await estateAccuracy(db(), [a.estate.id])).toFix).toEqual([]);

		const deskOfA = await staffActor(['customer_service'], [a.estate.id]);
		const page = await accuracyPage(deskOfA, b.estate.id);
		expect(page.estates.map((x) => x.id)).toEqual([a.estate.id]);
		expect(page.estateId).toBeNull();
		expect(page.figures.map((f) => f.estateId)).toEqual([a.estate.id]);
		expect(page.toFix).toEqual([]);
		const manager = await staffActor(['manager'], [a.estate.id, b.estate.id]);
		const chosen = await accuracyPage(manager, b.estate.id);
		expect(chosen.figures.map((f) => f.estateId)).toEqual([b.estate.id]);
		expect(chosen.toFix.map((t) => t.customerId)).toEqual([onlyB.customer.id]);
		await expect(accuracyPage(await staffActor(['engineering'], [a.estate.id]), null)).rejects.toMatchObject({ status: 403 });
	});

	it('leaves out customers of other types or none, former and future occupants', async () => {
		const key = await customerType(true);
		const plain = await customerType(false);
		const { estate: e, units } = await place();
		const other = await goodCompany(units[0]!.id, plain.id);
		const unclassified = await goodCompany(units[1]!.id, key.id);
		await db().update(customers).set({ typeId: null, licenceExpiresOn: null }).where(eq(customers.id, unclassified.customer.id));
		await db().update(customers).set({ licenceExpiresOn: null }).where(eq(customers.id, other.customer.id));
		const former = await residentUser('Former Key');
		await occupy(units[2]!.id, { userId: former.id }, 'owner', '2020-01-01', addDays(today(), -1));
		const future = await residentUser('Future Key');
		await occupy(units[3]!.id, { userId: future.id }, 'owner', addDays(today(), 1));
		await db()
			.insert(customers)
			.values([
				{ userId: former.id, typeId: key.id },
				{ userId: future.id, typeId: key.id }
			]);

		const result = await estateAccuracy(db(), [e.id]);
		expect(result.estates).toEqual([{ estateId: e.id, accounts: 0, failing: 0, checked: 0, passed: 0, percent: null, meetsTarget: true }]);
		expect(result.toFix).toEqual([]);
	});

	it('asks the database the same three times for one key account or thirty', async () => {
		const key = await customerType(true);
		const small = await place();
		await goodCompany(small.units[0]!.id, key.id);
		const large = await place();
		for (let i = 0; i < 10; i++) {
			await goodCompany(large.units[i]!.id, key.id);
			await occupy(large.units[i]!.id, { userId: (await goodPerson(small.units[1]!.id, key.id)).person.id });
		}
		const one = await statementsOf(() => estateAccuracy(db(), [small.estate.id]));
		const many = await statementsOf(() => estateAccuracy(db(), [small.estate.id, large.estate.id]));
		expect(one).toHaveLength(3);
		expect(many).toHaveLength(3);
	});
});

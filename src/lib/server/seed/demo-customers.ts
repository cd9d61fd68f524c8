/**
 * The demo's customers as the office classifies them (rule 11): Acme Trading and Beacon Design are
 * key accounts — Acme's record is complete, Beacon's business licence ran out last month, so the
 * accuracy check has something to fix — and Chan Tai Man is a residential owner. The grades come
 * from the grading job like everyone's.
 */
import { eq, inArray } from 'drizzle-orm';
import { addDays, businessToday } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { customers, customerTypes, residentCompanies, users } from '../db/schema/index.ts';
import { acme, beacon, demoResident, harbourView } from './demo-data.ts';

export async function seedDemoCustomers(tx: Executor, now = new Date()): Promise<void> {
	const types = new Map(
		(
			await tx
				.select({ id: customerTypes.id, code: customerTypes.code })
				.from(customerTypes)
				.where(inArray(customerTypes.code, ['key_account', 'residential_owner']))
		).map((t) => [t.code, t.id])
	);
	const companies = new Map(
		(
			await tx
				.select({ id: residentCompanies.id, name: residentCompanies.name })
				.from(residentCompanies)
				.where(inArray(residentCompanies.name, [acme.name, beacon.name]))
		).map((c) => [c.name, c.id])
	);
	const [chan] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoResident.email));
	const today = businessToday({ timeZone: harbourView.timeZone }, now);
	const rows = [
		companies.get(acme.name) && {
			companyId: companies.get(acme.name)!,
			typeId: types.get('key_account') ?? null,
			licenceNo: '91440300MA5ACME01',
			licenceExpiresOn: addDays(today, 400),
			contactsCheckedOn: addDays(today, -30)
		},
		companies.get(beacon.name) && {
			companyId: companies.get(beacon.name)!,
			typeId: types.get('key_account') ?? null,
			licenceNo: '91440300MA5BEAC02',
			licenceExpiresOn: addDays(today, -20),
			contactsCheckedOn: addDays(today, -60)
		},
		chan && { userId: chan.id, typeId: types.get('residential_owner') ?? null, contactsCheckedOn: addDays(today, -90) }
	].filter((row) => !!row);
	if (rows.length) await tx.insert(customers).values(rows);
}

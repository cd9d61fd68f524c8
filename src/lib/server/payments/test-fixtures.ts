// Insert helpers for the payments tests (not used by the app).
import { db } from '../db/client.ts';
import { bills, ledgerEntries } from '../db/schema/index.ts';
import { actorFor, makeEstate, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';

/** An estate with one unit, its owner (resident actor) and a finance clerk. */
export async function payingUnit(number = '12A') {
	const place = await makeEstate();
	const unit = await makeUnit(place, number);
	const owner = await makeUser('Owner');
	await occupy(unit.id, { userId: owner.id });
	const finance = await makeStaff('Finance', ['finance'], [place.estate.id]);
	return { place, unit, resident: await actorFor(owner.id), finance: await actorFor(finance.id) };
}

/** An open bill of the unit, to its owner unless told otherwise, with its charge on the ledger. */
export async function openBill(
	unit: { id: string; estateId: string },
	totalMinor: number,
	issuedOn = '2026-10-01',
	party: 'owner' | 'renter' = 'owner'
) {
	const [bill] = await db()
		.insert(bills)
		.values({ estateId: unit.estateId, unitId: unit.id, party, source: 'manual', totalMinor, issuedOn, dueOn: '2026-10-31' })
		.returning();
	await db()
		.insert(ledgerEntries)
		.values({ unitId: unit.id, party, kind: 'charge', amountMinor: totalMinor, billId: bill!.id, effectiveOn: issuedOn });
	return bill!;
}

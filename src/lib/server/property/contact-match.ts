/**
 * Who a phone number or an email address belongs to among the people of an estate today: the one
 * rule staff use to match a case from someone without an account (the public widget) to the unit
 * it came from, and to the party of that unit it belongs to. A contact matches an occupancy
 * current today (occupancy.ts) through its account in person, the account of a member of the
 * company that holds it, or — by phone only — one of its household members or emergency contacts.
 * Phones are compared by their key (lib/phone.ts, on the expression indexes of phone-key-sql.ts),
 * emails whole and without regard to case (accounts store them lower-cased).
 */
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { looksLikePhone, phoneKey } from '#lib/phone.ts';
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { buildings, companyMembers, emergencyContacts, estates, householdMembers, occupancies, units, users } from '../db/schema/index.ts';
import { phoneKeySql } from '../kernel/phone-key-sql.ts';
import { isUuid } from '../kernel/ids.ts';
import { currentOccupancies, currentOnSql, unitToday } from './occupancy.ts';

export interface Contact {
	phone?: string;
	email?: string;
}

/** How the contact belongs to the occupancy: its account, a company member's, a household member's or an emergency contact's. */
export type ContactVia = 'occupant' | 'member' | 'household' | 'contact';

export interface ContactUnit {
	unitId: string;
	/** The unit as staff pages name it: "Block A · 12A". */
	unitLabel: string;
	occupancyId: string;
	personName: string;
	/** The account with this contact, or null for a household member or an emergency contact. */
	userId: string | null;
	via: ContactVia;
}

interface ContactKeys {
	phone: string | null;
	email: string | null;
}

function keysOf(contact: Contact): ContactKeys | null {
	const phone = contact.phone && looksLikePhone(contact.phone) ? phoneKey(contact.phone) : null;
	const email = contact.email?.trim().toLowerCase() || null;
	return phone || email ? { phone, email } : null;
}

interface Match {
	unitId: string;
	occupancyId: string;
	personName: string;
	userId: string | null;
	via: ContactVia;
}

/** The contact's matches among the occupancies current on `today` that `where` keeps (an estate's, a unit's). */
async function matchesOf(executor: Executor, where: SQL, keys: ContactKeys, today: BusinessDate): Promise<Match[]> {
	const inScope = and(where, currentOnSql(today));
	const account = or(
		keys.phone ? eq(phoneKeySql(users.phone), keys.phone) : undefined,
		keys.email ? eq(users.email, keys.email) : undefined
	);
	const columns = { unitId: occupancies.unitId, occupancyId: occupancies.id };
	const [inPerson, viaCompany, household, contacts] = await Promise.all([
		executor
			.select({ ...columns, personName: users.name, userId: users.id })
			.from(occupancies)
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(users, eq(users.id, occupancies.userId))
			.where(and(inScope, account, eq(users.disabled, false))),
		executor
			.select({ ...columns, personName: users.name, userId: users.id })
			.from(occupancies)
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(companyMembers, eq(companyMembers.companyId, occupancies.companyId))
			.innerJoin(users, eq(users.id, companyMembers.userId))
			.where(and(inScope, account, eq(users.disabled, false))),
		keys.phone
			? executor
					.select({ ...columns, personName: householdMembers.name })
					.from(occupancies)
					.innerJoin(units, eq(units.id, occupancies.unitId))
					.innerJoin(householdMembers, eq(householdMembers.occupancyId, occupancies.id))
					.where(and(inScope, eq(phoneKeySql(householdMembers.phone), keys.phone), isNull(householdMembers.endedAt)))
			: [],
		keys.phone
			? executor
					.select({ ...columns, personName: emergencyContacts.name })
					.from(occupancies)
					.innerJoin(units, eq(units.id, occupancies.unitId))
					.innerJoin(emergencyContacts, eq(emergencyContacts.occupancyId, occupancies.id))
					.where(and(inScope, eq(phoneKeySql(emergencyContacts.phone), keys.phone), isNull(emergencyContacts.endedAt)))
			: []
	]);
	return [
		...inPerson.map((row) => ({ ...row, via: 'occupant' as const })),
		...viaCompany.map((row) => ({ ...row, via: 'member' as const })),
		...household.map((row) => ({ ...row, userId: null, via: 'household' as const })),
		...contacts.map((row) => ({ ...row, userId: null, via: 'contact' as const }))
	];
}

export interface EstateUnit {
	id: string;
	estateId: string;
	buildingId: string;
	buildingName: string;
	number: string;
	/** "Block A · 12A". */
	label: string;
}

const unitColumns = {
	id: units.id,
	estateId: units.estateId,
	buildingId: units.buildingId,
	buildingName: buildings.name,
	number: units.number
};

const labelled = (row: Omit<EstateUnit, 'label'>): EstateUnit => ({ ...row, label: `${row.buildingName} · ${row.number}` });

/** The unit if it is one of the estate's, with its building and label; null otherwise (another estate's, none, a malformed id). */
export async function unitInEstate(executor: Executor, estateId: string, unitId: string): Promise<EstateUnit | null> {
	if (!isUuid(unitId)) return null;
	const [row] = await executor
		.select(unitColumns)
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(and(eq(units.id, unitId), eq(units.estateId, estateId)));
	return row ? labelled(row) : null;
}

const viaOrder: readonly ContactVia[] = ['occupant', 'member', 'household', 'contact'];

/**
 * The units of the estate whose occupancy today has someone with this phone or email, each person
 * once per occupancy: accounts first, then household members and emergency contacts, by unit.
 * The caller has checked that the actor works in the estate.
 */
export async function unitsForContact(
	executor: Executor,
	estateId: string,
	contact: Contact,
	now: Date = new Date()
): Promise<ContactUnit[]> {
	const keys = keysOf(contact);
	if (!keys || !isUuid(estateId)) return [];
	const [estate] = await executor.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, estateId));
	if (!estate) return [];
	const found = await matchesOf(executor, eq(units.estateId, estateId), keys, businessToday(estate, now));
	if (found.length === 0) return [];
	const places = await executor
		.select(unitColumns)
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(inArray(units.id, [...new Set(found.map((f) => f.unitId))]))
		.orderBy(asc(buildings.name), asc(units.number));
	const label = new Map(places.map((p) => [p.id, labelled(p).label]));
	const rank = (row: Match) => viaOrder.indexOf(row.via);
	const seen = new Set<string>();
	return found
		.sort(
			(a, b) => rank(a) - rank(b) || label.get(a.unitId)!.localeCompare(label.get(b.unitId)!) || a.personName.localeCompare(b.personName)
		)
		.filter((row) => {
			const key = `${row.occupancyId}/${row.userId ?? row.personName}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((row) => ({ ...row, unitLabel: label.get(row.unitId)! }));
}

export interface UnitParty {
	/** The occupancy the case belongs to: the one the contact matches, else the one living there today; null when vacant. */
	occupancyId: string | null;
	/** The account in that occupancy with this phone or email; null when nobody's account has it. */
	requesterId: string | null;
}

/**
 * Whose a case from this contact becomes once staff match it to the unit: the occupancy today
 * with an account (in person or a company member's) that has the phone or email, else one whose
 * household member or emergency contact has the phone, else the occupancy living there — the
 * renter's in a let flat, otherwise the owner's. Vacant: nobody's.
 */
export async function partyOfUnit(executor: Executor, unitId: string, contact: Contact, now: Date = new Date()): Promise<UnitParty> {
	const current = await currentOccupancies(executor, [unitId], now);
	if (current.length === 0) return { occupancyId: null, requesterId: null };
	const keys = keysOf(contact);
	const found = keys ? await matchesOf(executor, eq(occupancies.unitId, unitId), keys, await unitToday(executor, unitId, now)) : [];
	const account = found.find((row) => row.userId !== null);
	if (account) return { occupancyId: account.occupancyId, requesterId: account.userId };
	const relative = found[0];
	if (relative) return { occupancyId: relative.occupancyId, requesterId: null };
	const living = current.find((o) => o.role === 'renter') ?? current[0]!;
	return { occupancyId: living.id, requesterId: null };
}

import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, emergencyContacts, householdMembers, users } from '../db/schema/index.ts';
import * as fx from './testing/fixtures.ts';
import { partyOfUnit, unitInEstate, unitsForContact } from './contact-match.ts';

const CHAN_PHONE = '+852 9123 4567';
const CHAN_EMAIL = 'chan.contact-match@example.test';

let estateId: string;
let otherEstateId: string;
let unit12A: { id: string; number: string };
let unit12B: { id: string };
let unit8C: { id: string };
let vacant: { id: string };
let chanId: string;
let chanOccupancy: string;
let companyOccupancy: string;
let renterOccupancy: string;
let opsId: string;

async function withPhone(name: string, phone: string, email?: string) {
	const user = await fx.residentUser(name, email);
	await db().update(users).set({ phone }).where(eq(users.id, user.id));
	return user;
}

beforeAll(async () => {
	const estate = await fx.estate();
	const other = await fx.estate();
	estateId = estate.id;
	otherEstateId = other.id;
	const block = await fx.building(estate.id, 'A', 'Block A');
	const made = await fx.unitsIn(block, 4);
	[unit12A, unit12B, unit8C, vacant] = [made[0]!, made[1]!, made[2]!, made[3]!];

	const chan = await withPhone('Chan Tai Man', CHAN_PHONE, CHAN_EMAIL);
	chanId = chan.id;
	chanOccupancy = (await fx.occupy(unit12A.id, { userId: chan.id })).id;
	await db()
		.insert(householdMembers)
		.values({ unitId: unit12A.id, occupancyId: chanOccupancy, name: 'Chan Siu Ling', relation: 'Daughter', phone: '6111 2222' });
	await db()
		.insert(emergencyContacts)
		.values({ unitId: unit12A.id, occupancyId: chanOccupancy, name: 'Lee Mei', relation: 'Sister', phone: '9888 7777' });

	// A company occupies 12B; its member ops@ has a phone of her own.
	const acme = await fx.company('Acme Trading');
	const ops = await withPhone('Ops Manager', '5566 7788');
	opsId = ops.id;
	await db().insert(companyMembers).values({ companyId: acme.id, userId: ops.id, role: 'member' });
	companyOccupancy = (await fx.occupy(unit12B.id, { companyId: acme.id }, 'renter')).id;

	// 8C: let by its owner; a former renter moved out last year; the present renter has another phone.
	const landlord = await withPhone('Landlord Ho', '9000 1111');
	await fx.occupy(unit8C.id, { userId: landlord.id }, 'owner', '2020-01-01');
	const former = await withPhone('Former Renter', '9333 4444', 'former.renter@example.test');
	await fx.occupy(unit8C.id, { userId: former.id }, 'renter', '2021-01-01', '2023-12-31');
	const renter = await withPhone('Present Renter', '9444 5555');
	renterOccupancy = (await fx.occupy(unit8C.id, { userId: renter.id }, 'renter', '2024-01-01')).id;

	// Chan also owns a flat in another estate: it is never suggested for this one.
	const [elsewhere] = await fx.unitsIn(await fx.building(other.id, 'Z'), 1);
	await fx.occupy(elsewhere!.id, { userId: chan.id });
});

describe('the units of an estate whose occupants have a phone or an email', () => {
	it('finds the occupant by phone however it is typed, with the unit as staff pages name it', async () => {
		for (const phone of ['+852 9123 4567', '91234567', '9123-4567', '(852) 9123 4567', '00852 9123 4567', '９１２３４５６７']) {
			const found = await unitsForContact(db(), estateId, { phone });
			expect(found, phone).toEqual([
				{
					unitId: unit12A.id,
					unitLabel: `Block A · ${unit12A.number}`,
					occupancyId: chanOccupancy,
					personName: 'Chan Tai Man',
					userId: chanId,
					via: 'occupant'
				}
			]);
		}
	});

	it('finds the occupant by email typed in another case', async () => {
		const found = await unitsForContact(db(), estateId, { email: '  Chan.Contact-Match@EXAMPLE.test ' });
		expect(found.map((f) => [f.unitId, f.userId])).toEqual([[unit12A.id, chanId]]);
	});

	it('finds a household member or an emergency contact by phone, without an account, and a company’s member', async () => {
		expect(await unitsForContact(db(), estateId, { phone: '61112222' })).toMatchObject([
			{ unitId: unit12A.id, occupancyId: chanOccupancy, personName: 'Chan Siu Ling', userId: null, via: 'household' }
		]);
		expect(await unitsForContact(db(), estateId, { phone: '+85298887777' })).toMatchObject([
			{ unitId: unit12A.id, personName: 'Lee Mei', userId: null, via: 'contact' }
		]);
		expect(await unitsForContact(db(), estateId, { phone: '5566 7788' })).toMatchObject([
			{ unitId: unit12B.id, occupancyId: companyOccupancy, personName: 'Ops Manager', userId: opsId, via: 'member' }
		]);
	});

	it('does not suggest an occupant who has moved out, nor another estate’s units, nor anything for nothing typed', async () => {
		expect(await unitsForContact(db(), estateId, { phone: '9333 4444', email: 'former.renter@example.test' })).toEqual([]);
		expect(await unitsForContact(db(), otherEstateId, { phone: CHAN_PHONE })).toHaveLength(1);
		expect((await unitsForContact(db(), estateId, { phone: CHAN_PHONE })).every((f) => f.unitId === unit12A.id)).toBe(true);
		expect(await unitsForContact(db(), estateId, { phone: '', email: '' })).toEqual([]);
		expect(await unitsForContact(db(), estateId, { phone: '123' })).toEqual([]);
		expect(await unitsForContact(db(), 'not-a-uuid', { phone: CHAN_PHONE })).toEqual([]);
	});

	it('lists each person once, accounts before household members, when both phone and email match', async () => {
		const found = await unitsForContact(db(), estateId, { phone: CHAN_PHONE, email: CHAN_EMAIL });
		expect(found.map((f) => f.personName)).toEqual(['Chan Tai Man']);
	});
});

describe('the party a matched case belongs to', () => {
	it('is the occupancy and the account with the contact’s phone or email', async () => {
		expect(await partyOfUnit(db(), unit12A.id, { email: CHAN_EMAIL.toUpperCase() })).toEqual({
			occupancyId: chanOccupancy,
			requesterId: chanId
		});
		expect(await partyOfUnit(db(), unit12B.id, { phone: '55667788' })).toEqual({ occupancyId: companyOccupancy, requesterId: opsId });
	});

	it('is the occupancy without a requester when only a household member has the phone, or nobody does', async () => {
		expect(await partyOfUnit(db(), unit12A.id, { phone: '6111 2222' })).toEqual({ occupancyId: chanOccupancy, requesterId: null });
		expect(await partyOfUnit(db(), unit12A.id, { phone: '2345 6789' })).toEqual({ occupancyId: chanOccupancy, requesterId: null });
	});

	it('is the renter’s occupancy in a let flat when the contact matches nobody, and nobody’s in a vacant unit', async () => {
		expect(await partyOfUnit(db(), unit8C.id, { phone: '9333 4444' })).toEqual({ occupancyId: renterOccupancy, requesterId: null });
		expect(await partyOfUnit(db(), vacant.id, { phone: CHAN_PHONE })).toEqual({ occupancyId: null, requesterId: null });
	});
});

describe('a unit of an estate', () => {
	it('is read with its building and label, and another estate’s unit is none', async () => {
		expect(await unitInEstate(db(), estateId, unit12A.id)).toMatchObject({
			id: unit12A.id,
			buildingId: expect.any(String),
			label: `Block A · ${unit12A.number}`
		});
		expect(await unitInEstate(db(), otherEstateId, unit12A.id)).toBeNull();
		expect(await unitInEstate(db(), estateId, 'nope')).toBeNull();
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { occupancies } from '../db/schema/index.ts';
import { listEvents } from '../events/service.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { actions, load } from '../../../routes/app/units/[id]/+page.server.ts';
import { myHousehold, addEmergencyContact, addHouseholdMember, removeHouseholdMember } from './household.ts';
import { unitForResident } from './units.ts';
import { addDays, businessToday } from '#lib/time/index.ts';
import { actorFor, makeCompany, makeEstate, makeUnit, makeUser, occupy } from './test-fixtures.ts';
import type { Actor } from '../auth/actor.ts';

type ActionResult = { status?: number; data?: { form?: { valid: boolean; errors: Record<string, string[]>; message?: string } } };

let place: Awaited<ReturnType<typeof makeEstate>>;

async function residentWithUnit(name: string, number: string) {
	const user = await makeUser(name);
	const unit = await makeUnit(place, number);
	await occupy(unit.id, { userId: user.id }, 'owner');
	return { actor: await actorFor(user.id), unit };
}

beforeAll(async () => {
	place = await makeEstate();
});

describe('household through the unit page', () => {
	it('adds a household member from the form, records a unit event, and clears the form', async () => {
		const { actor, unit } = await residentWithUnit('Hana', '2101');

		const result = (await actions.addMember(
			fakeEvent({ actor, params: { id: unit.id }, form: { name: ' Kenji ', relation: 'Child', phone: '' } })
		)) as ActionResult & { form: { data: Record<string, string>; message: string } };

		expect(result.form.message).toContain('Kenji');
		expect(result.form.data.name).toBe('');
		const seen = await unitForResident(actor, unit.id);
		expect(seen.household).toMatchObject([{ name: 'Kenji', relation: 'Child', phone: '' }]);
		const events = await listEvents('unit', unit.id);
		expect(events.map((e) => [e.kind, e.actorId])).toEqual([['household.added', actor.userId]]);
	});

	it('refuses invalid input with translated field errors and stores nothing', async () => {
		const { actor, unit } = await residentWithUnit('Ivan', '2102');

		const result = (await actions.addContact(
			fakeEvent({ actor, params: { id: unit.id }, form: { name: '', relation: 'Brother', phone: 'call me' } })
		)) as ActionResult;

		expect(result.status).toBe(400);
		expect(result.data?.form?.errors.name).toEqual(['This field is required.']);
		expect(result.data?.form?.errors.phone?.[0]).toMatch(/valid phone number/);
		expect((await unitForResident(actor, unit.id)).emergencyContacts).toEqual([]);
	});

	it('removes a member of my unit and records it', async () => {
		const { actor, unit } = await residentWithUnit('Jun', '2103');
		const memberId = await addHouseholdMember(actor, unit.id, { name: 'Mei', relation: 'Spouse', phone: '' });

		const result = await actions.removeMember(fakeEvent({ actor, params: { id: unit.id }, form: { id: memberId } }));

		expect(result).toEqual({ removed: 'member' });
		expect((await unitForResident(actor, unit.id)).household).toEqual([]);
		expect((await listEvents('unit', unit.id)).map((e) => e.kind)).toEqual(['household.added', 'household.removed']);
	});

	it("answers 404 to a second resident for the first one's unit page and every action on it", async () => {
		const first = await residentWithUnit('Kim', '2104');
		const second = await residentWithUnit('Lars', '2105');
		const memberId = await addHouseholdMember(first.actor, first.unit.id, { name: 'Kid', relation: 'Child', phone: '' });
		const contactId = await addEmergencyContact(first.actor, first.unit.id, {
			name: 'Mum',
			relation: 'Parent',
			phone: '+852 9123 4567'
		});
		const params = { id: first.unit.id };
		const actor = second.actor;

		const attempts = [
			() => load(fakeEvent({ actor, params })),
			() => actions.addMember(fakeEvent({ actor, params, form: { name: 'Intruder', relation: 'x', phone: '' } })),
			() => actions.addContact(fakeEvent({ actor, params, form: { name: 'Intruder', relation: 'x', phone: '12345' } })),
			() => actions.removeMember(fakeEvent({ actor, params, form: { id: memberId } })),
			() => actions.removeContact(fakeEvent({ actor, params, form: { id: contactId } }))
		];
		for (const attempt of attempts) expect((await thrown(attempt)).status).toBe(404);

		const untouched = await unitForResident(first.actor, first.unit.id);
		expect(untouched.household.map((h) => h.name)).toEqual(['Kid']);
		expect(untouched.emergencyContacts.map((c) => c.name)).toEqual(['Mum']);
	});

	it("cannot remove another unit's member by naming it under my own unit, nor with a garbage id", async () => {
		const first = await residentWithUnit('Mona', '2106');
		const second = await residentWithUnit('Nils', '2107');
		const memberId = await addHouseholdMember(first.actor, first.unit.id, { name: 'Ola', relation: 'Child', phone: '' });

		for (const id of [memberId, 'not-a-uuid', '']) {
			const attempt = () => actions.removeMember(fakeEvent({ actor: second.actor, params: { id: second.unit.id }, form: { id } }));
			expect((await thrown(attempt)).status).toBe(404);
		}
		await expect(removeHouseholdMember(second.actor, second.unit.id, memberId)).rejects.toMatchObject({ status: 404 });
		expect((await unitForResident(first.actor, first.unit.id)).household).toHaveLength(1);
	});
});

describe('myHousehold', () => {
	it('collects members and contacts across my units only', async () => {
		const me = await residentWithUnit('Pia', '2201');
		const second = await makeUnit(place, '2202');
		await occupy(second.id, { userId: me.actor.userId }, 'renter');
		const other = await residentWithUnit('Quinn', '2203');
		const actor: Actor = await actorFor(me.actor.userId);
		await addHouseholdMember(actor, me.unit.id, { name: 'Ren', relation: 'Spouse', phone: '' });
		await addEmergencyContact(actor, second.id, { name: 'Sol', relation: 'Friend', phone: '5550100' });
		await addHouseholdMember(other.actor, other.unit.id, { name: 'Stranger', relation: 'Child', phone: '' });

		const household = await myHousehold(actor);

		expect(household.members.map((h) => [h.name, h.unitId])).toEqual([['Ren', me.unit.id]]);
		expect(household.emergencyContacts.map((c) => [c.name, c.unitId])).toEqual([['Sol', second.id]]);
	});
});

describe('privacy inside a unit: a household belongs to the occupancy that recorded it', () => {
	async function letFlat(number: string) {
		const owner = await makeUser(`Owner ${number}`);
		const renter = await makeUser(`Renter ${number}`);
		const unit = await makeUnit(place, number);
		await occupy(unit.id, { userId: owner.id }, 'owner', '2015-01-01');
		await occupy(unit.id, { userId: renter.id }, 'renter', '2024-09-01');
		return { unit, owner: await actorFor(owner.id), renter: await actorFor(renter.id) };
	}

	it("does not show the owner of a let flat the renter's household or contacts, and answers 404 to editing them by id", async () => {
		const { unit, owner, renter } = await letFlat('2301');
		const memberId = await addHouseholdMember(renter, unit.id, { name: 'Renter Child', relation: 'Child', phone: '' });
		const contactId = await addEmergencyContact(renter, unit.id, { name: 'Renter Mum', relation: 'Parent', phone: '+852 9123 4567' });

		const ownersView = await unitForResident(owner, unit.id);
		expect(ownersView.household).toEqual([]);
		expect(ownersView.emergencyContacts).toEqual([]);
		expect((await load(fakeEvent({ actor: owner, params: { id: unit.id } }))).unit.household).toEqual([]);
		expect(await myHousehold(owner)).toEqual({ members: [], emergencyContacts: [] });

		const params = { id: unit.id };
		expect((await thrown(() => actions.removeMember(fakeEvent({ actor: owner, params, form: { id: memberId } })))).status).toBe(404);
		expect((await thrown(() => actions.removeContact(fakeEvent({ actor: owner, params, form: { id: contactId } })))).status).toBe(404);

		const rentersView = await unitForResident(renter, unit.id);
		expect(rentersView.household.map((h) => h.name)).toEqual(['Renter Child']);
		expect(rentersView.emergencyContacts.map((c) => c.name)).toEqual(['Renter Mum']);
	});

	it("keeps the owner's own records from the renter, and the other way round", async () => {
		const { unit, owner, renter } = await letFlat('2302');
		await addEmergencyContact(owner, unit.id, { name: 'Owner Agent', relation: 'Agent', phone: '+852 9000 0001' });
		await addHouseholdMember(renter, unit.id, { name: 'Renter Spouse', relation: 'Spouse', phone: '' });

		expect((await unitForResident(owner, unit.id)).emergencyContacts.map((c) => c.name)).toEqual(['Owner Agent']);
		expect((await unitForResident(owner, unit.id)).household).toEqual([]);
		expect((await unitForResident(renter, unit.id)).emergencyContacts).toEqual([]);
		expect((await unitForResident(renter, unit.id)).household.map((h) => h.name)).toEqual(['Renter Spouse']);
	});

	it("shows a renter whose occupancy starts today none of the previous occupant's household or contacts", async () => {
		const today = businessToday(place.estate);
		const unit = await makeUnit(place, '2303');
		const before = await makeUser('Previous Renter');
		const after = await makeUser('New Renter');
		await occupy(unit.id, { userId: before.id }, 'renter', '2020-01-01');
		const previous = await actorFor(before.id);
		await addHouseholdMember(previous, unit.id, { name: 'Previous Child', relation: 'Child', phone: '' });
		await addEmergencyContact(previous, unit.id, { name: 'Previous Friend', relation: 'Friend', phone: '+852 9000 0002' });
		// The tenancy ended yesterday; the new one starts today.
		await db()
			.update(occupancies)
			.set({ endsOn: addDays(today, -1) })
			.where(eq(occupancies.userId, before.id));
		await occupy(unit.id, { userId: after.id }, 'renter', today);
		const newcomer = await actorFor(after.id);

		const seen = await unitForResident(newcomer, unit.id);
		expect(seen.household).toEqual([]);
		expect(seen.emergencyContacts).toEqual([]);
		expect(await myHousehold(newcomer)).toEqual({ members: [], emergencyContacts: [] });
		expect((await thrown(() => unitForResident(previous, unit.id))).status).toBe(404);
	});

	it("lets every member of a company see and edit the company occupancy's records", async () => {
		const admin = await makeUser('Company Admin');
		const member = await makeUser('Company Member');
		const company = await makeCompany('Shared Office Ltd', [{ userId: admin.id, role: 'admin' }, { userId: member.id }]);
		const unit = await makeUnit(place, '2304');
		await occupy(unit.id, { companyId: company.id }, 'renter', '2023-01-01');
		const contactId = await addEmergencyContact(await actorFor(admin.id), unit.id, {
			name: 'Office Manager',
			relation: 'Manager',
			phone: '+852 9000 0003'
		});

		const memberActor = await actorFor(member.id);
		expect((await unitForResident(memberActor, unit.id)).emergencyContacts.map((c) => c.id)).toEqual([contactId]);
		await actions.removeContact(fakeEvent({ actor: memberActor, params: { id: unit.id }, form: { id: contactId } }));
		expect((await unitForResident(await actorFor(admin.id), unit.id)).emergencyContacts).toEqual([]);
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays, businessToday } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { estates } from '../db/schema/index.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { actorUnitIds, myUnits, unitForResident } from './units.ts';
import { actorFor, makeCompany, makeEstate, makeUnit, makeUser, occupy } from './test-fixtures.ts';

let place: Awaited<ReturnType<typeof makeEstate>>;
let today: string;

beforeAll(async () => {
	place = await makeEstate();
	today = businessToday(place.estate);
});

describe('myUnits', () => {
	it('lists a unit occupied in person and a unit occupied through my company, with how I am tied to each', async () => {
		const alice = await makeUser('Alice');
		const home = await makeUnit(place, '1201');
		const office = await makeUnit(place, '1202');
		await occupy(home.id, { userId: alice.id }, 'owner', '2021-03-01');
		const company = await makeCompany('Acme Trading', [{ userId: alice.id }]);
		await occupy(office.id, { companyId: company.id }, 'renter', '2023-06-01');

		const mine = await myUnits(await actorFor(alice.id));

		expect(mine.map((u) => u.number)).toEqual(['1201', '1202']);
		expect(mine[0]).toMatchObject({
			estateName: 'Harbour View',
			buildingName: 'Block A',
			areaM2: '78.50',
			ties: [{ role: 'owner', companyName: null, startsOn: '2021-03-01' }]
		});
		expect(mine[1]!.ties).toMatchObject([{ role: 'renter', companyName: 'Acme Trading', startsOn: '2023-06-01' }]);
	});

	it('leaves out ended occupancies but keeps one that ends today or later', async () => {
		const bob = await makeUser('Bob');
		const ended = await makeUnit(place, '1301');
		const endsToday = await makeUnit(place, '1302');
		const endsLater = await makeUnit(place, '1303');
		await occupy(ended.id, { userId: bob.id }, 'renter', '2020-01-01', '2023-12-31');
		await occupy(endsToday.id, { userId: bob.id }, 'renter', '2020-01-01', today);
		await occupy(endsLater.id, { userId: bob.id }, 'renter', '2020-01-01', '2999-12-31');

		const mine = await myUnits(await actorFor(bob.id));

		expect(mine.map((u) => u.number)).toEqual(['1302', '1303']);
	});

	it("does not list other residents' units, nor units of a company I am not a member of", async () => {
		const carol = await makeUser('Carol');
		const dave = await makeUser('Dave');
		const davesUnit = await makeUnit(place, '1401');
		const companyUnit = await makeUnit(place, '1402');
		await occupy(davesUnit.id, { userId: dave.id });
		const company = await makeCompany('Dave Holdings', [{ userId: dave.id, role: 'admin' }]);
		await occupy(companyUnit.id, { companyId: company.id }, 'owner');

		expect(await myUnits(await actorFor(carol.id))).toEqual([]);
		expect((await myUnits(await actorFor(dave.id))).map((u) => u.number)).toEqual(['1401', '1402']);
	});

	it('shows a unit once when I am tied to it both in person and through my company', async () => {
		const erin = await makeUser('Erin');
		const unit = await makeUnit(place, '1501');
		const company = await makeCompany('Erin Ltd', [{ userId: erin.id }]);
		await occupy(unit.id, { userId: erin.id }, 'owner', '2019-01-01');
		await occupy(unit.id, { companyId: company.id }, 'renter', '2020-01-01');

		const mine = await myUnits(await actorFor(erin.id));

		expect(mine).toHaveLength(1);
		expect(mine[0]!.ties.map((t) => t.role)).toEqual(['owner', 'renter']);
	});
});

describe('who occupies a unit today', () => {
	it('counts an occupancy from its first day, not before: one starting tomorrow is not yet mine', async () => {
		const gus = await makeUser('Gus');
		const movingIn = await makeUnit(place, '1901');
		const movedIn = await makeUnit(place, '1902');
		await occupy(movingIn.id, { userId: gus.id }, 'renter', addDays(today, 1));
		await occupy(movedIn.id, { userId: gus.id }, 'renter', today);
		const actor = await actorFor(gus.id);

		expect((await myUnits(actor)).map((u) => u.number)).toEqual(['1902']);
		expect(await actorUnitIds(actor)).toEqual([movedIn.id]);
		expect((await thrown(() => unitForResident(actor, movingIn.id))).status).toBe(404);
	});

	it("reads today in the unit's estate, whatever the server's zone: late evening in Honolulu is already tomorrow in Hong Kong", async () => {
		const far = await makeEstate('Pacific Heights');
		await db().update(estates).set({ timeZone: 'Pacific/Honolulu' }).where(eq(estates.id, far.estate.id));
		const hana = await makeUser('Hana');
		const hongKong = await makeUnit(place, '2001');
		const honolulu = await makeUnit(far, '2002');
		// 2026-03-01 08:30 UTC: 16:30 on 1 March in Hong Kong, 22:30 on 28 February in Honolulu.
		const now = new Date('2026-03-01T08:30:00Z');
		await occupy(hongKong.id, { userId: hana.id }, 'renter', '2026-03-01');
		await occupy(honolulu.id, { userId: hana.id }, 'renter', '2026-03-01');

		expect(await actorUnitIds(await actorFor(hana.id), db(), now)).toEqual([hongKong.id]);
	});
});

describe('unitForResident', () => {
	it('gives the unit facts, the occupants on my side, household members and emergency contacts', async () => {
		const frank = await makeUser('Frank');
		const cotenant = await makeUser('Grace');
		const owner = await makeUser('Landlord Lee');
		const unit = await makeUnit(place, '1601');
		await occupy(unit.id, { userId: owner.id }, 'owner');
		await occupy(unit.id, { userId: frank.id }, 'renter');
		await occupy(unit.id, { userId: cotenant.id }, 'renter');

		const seen = await unitForResident(await actorFor(frank.id), unit.id);

		expect(seen).toMatchObject({ id: unit.id, number: '1601', floorLabel: '12/F', household: [], emergencyContacts: [] });
		// A renter sees the renters, not the owner behind them.
		expect(seen.occupants.map((o) => [o.name, o.isMe])).toEqual([
			['Frank', true],
			['Grace', false]
		]);
	});

	it("answers 404 to a second resident opening the first one's unit", async () => {
		const first = await makeUser('First');
		const second = await makeUser('Second');
		const unit = await makeUnit(place, '1701');
		await occupy(unit.id, { userId: first.id });

		expect((await thrown(async () => unitForResident(await actorFor(second.id), unit.id))).status).toBe(404);
	});

	it('answers 404 for an ended occupancy, an unknown unit and garbage ids, never a 500', async () => {
		const former = await makeUser('Former');
		const unit = await makeUnit(place, '1801');
		await occupy(unit.id, { userId: former.id }, 'renter', '2020-01-01', '2021-01-01');
		const actor = await actorFor(former.id);

		for (const id of [unit.id, '00000000-0000-4000-8000-000000000000', 'abc', "1' or '1'='1", '', '%00']) {
			expect((await thrown(() => unitForResident(actor, id))).status).toBe(404);
		}
	});
});

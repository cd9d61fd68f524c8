// Turns the fixed demo facts into table rows. Pure apart from the ids, so a unit test can
// check the shape without a database and the insert step stays a loop over tables.
import { randomUUID } from 'node:crypto';
import type * as schema from '../db/schema/index.ts';
import {
	acme,
	acmeFloors,
	beacon,
	beaconUnits,
	centralPlaza,
	contactRelations,
	demoContractor,
	demoNeighbour,
	demoResident,
	demoStaff,
	demoTeams,
	givenNames,
	harbourView,
	householdRelations,
	managementCompanyName,
	surnames,
	type DemoCompany
} from './demo-data.ts';
import { between, pick, seededRandom, shuffled } from './random.ts';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoPlan {
	managementCompanies: Row<typeof schema.managementCompanies>[];
	estates: Row<typeof schema.estates>[];
	buildings: Row<typeof schema.buildings>[];
	floors: Row<typeof schema.floors>[];
	units: Row<typeof schema.units>[];
	users: Row<typeof schema.users>[];
	staffRoles: Row<typeof schema.staffRoles>[];
	staffEstates: Row<typeof schema.staffEstates>[];
	residentCompanies: Row<typeof schema.residentCompanies>[];
	companyMembers: Row<typeof schema.companyMembers>[];
	occupancies: Row<typeof schema.occupancies>[];
	householdMembers: Row<typeof schema.householdMembers>[];
	emergencyContacts: Row<typeof schema.emergencyContacts>[];
	repairTeams: Row<typeof schema.repairTeams>[];
	repairTeamMembers: Row<typeof schema.repairTeamMembers>[];
}

/** Typical flat sizes per stack at Harbour View, in m². */
const flatSizes: Record<string, [number, number]> = {
	A: [100, 140],
	B: [70, 95],
	C: [55, 70],
	D: [80, 110]
};

export function demoPlan(passwordHash: string, newId: () => string = randomUUID): DemoPlan {
	const random = seededRandom(2026);
	const plan: DemoPlan = {
		managementCompanies: [],
		estates: [],
		buildings: [],
		floors: [],
		units: [],
		users: [],
		staffRoles: [],
		staffEstates: [],
		residentCompanies: [],
		companyMembers: [],
		occupancies: [],
		householdMembers: [],
		emergencyContacts: [],
		repairTeams: [],
		repairTeamMembers: []
	};
	/** Unit ids by "HVG/A/12A". */
	const unitIds = new Map<string, string>();
	const harbourFlats: string[] = [];
	const unitId = (key: string): string => {
		const id = unitIds.get(key);
		if (!id) throw new Error(`demo data names an unknown unit ${key}`);
		return id;
	};
	const phone = () =>
		`+852 ${pick(random, ['5', '6', '9'])}${String(Math.floor(random() * 1e7))
			.padStart(7, '0')
			.replace(/^(\d{3})(\d{4})$/, '$1 $2')}`;
	const since = (fromYear: number, toYear: number) =>
		`${fromYear + Math.floor(random() * (toYear - fromYear + 1))}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`;

	// Property
	const companyId = newId();
	plan.managementCompanies.push({ id: companyId, name: managementCompanyName });
	const estateIds: Record<string, string> = { HVG: newId(), CPT: newId() };
	for (const estate of [harbourView, centralPlaza]) {
		plan.estates.push({
			id: estateIds[estate.code],
			companyId,
			code: estate.code,
			name: estate.name,
			kind: estate.kind,
			address: estate.address,
			timeZone: estate.timeZone
		});
	}

	const addUnit = (
		estate: string,
		building: string,
		buildingId: string,
		floorId: string,
		number: string,
		areaM2: string,
		use: 'residential' | 'office' | 'retail'
	) => {
		const id = newId();
		unitIds.set(`${estate}/${building}/${number}`, id);
		if (estate === 'HVG') harbourFlats.push(`${estate}/${building}/${number}`);
		plan.units.push({ id, estateId: estateIds[estate] as string, buildingId, floorId, number, areaM2, use });
	};

	for (const code of harbourView.buildings) {
		const buildingId = newId();
		plan.buildings.push({ id: buildingId, estateId: estateIds.HVG as string, code, name: `Block ${code} ${code}座` });
		const stackArea = Object.fromEntries(
			harbourView.letters.map((letter) => {
				const [min, max] = flatSizes[letter] as [number, number];
				return [letter, between(random, min, max)];
			})
		);
		for (let level = 1; level <= harbourView.floors; level++) {
			const floorId = newId();
			plan.floors.push({ id: floorId, buildingId, level, label: `${level}/F` });
			for (const letter of harbourView.letters) {
				addUnit('HVG', code, buildingId, floorId, `${level}${letter}`, stackArea[letter] as string, 'residential');
			}
		}
	}

	const towerId = newId();
	const tower = centralPlaza.building;
	plan.buildings.push({ id: towerId, estateId: estateIds.CPT as string, code: tower.code, name: tower.name });
	const officeStack = Array.from({ length: centralPlaza.unitsPerFloor }, (_, i) =>
		i === 0 || i === centralPlaza.unitsPerFloor - 1 ? between(random, 250, 400) : between(random, 80, 250)
	);
	for (let level = 0; level < centralPlaza.floors; level++) {
		const floorId = newId();
		plan.floors.push({ id: floorId, buildingId: towerId, level, label: level === 0 ? 'G/F' : `${level}/F` });
		for (let i = 1; i <= centralPlaza.unitsPerFloor; i++) {
			const seq = String(i).padStart(2, '0');
			if (level === 0) addUnit('CPT', tower.code, towerId, floorId, `G${seq}`, between(random, 80, 200), 'retail');
			else addUnit('CPT', tower.code, towerId, floorId, `${level}${seq}`, officeStack[i - 1] as string, 'office');
		}
	}

	// People
	const addUser = (email: string, name: string, kind: 'resident' | 'staff' | 'contractor') => {
		const id = newId();
		plan.users.push({ id, email, name, kind, phone: phone(), passwordHash });
		return id;
	};

	for (const staff of demoStaff) {
		const id = addUser(staff.email, staff.name, 'staff');
		plan.staffRoles.push({ userId: id, role: staff.role });
		for (const code of staff.estates) plan.staffEstates.push({ userId: id, estateId: estateIds[code] as string });
	}
	for (const team of demoTeams) {
		const teamId = newId();
		plan.repairTeams.push({ id: teamId, estateId: estateIds[team.estate] as string, name: team.name });
		for (const email of team.members) {
			const member = plan.users.find((u) => u.email === email);
			if (member?.id) plan.repairTeamMembers.push({ teamId, userId: member.id });
		}
	}
	addUser(demoContractor.email, demoContractor.name, 'contractor');

	/** An occupancy of a unit ("HVG/A/12A"); the key is what its household and contacts belong to. */
	type Held = { unit: string; occupancyId: string };
	const occupy = (
		unit: string,
		party: { userId?: string; companyId?: string },
		role: 'owner' | 'renter',
		startsOn: string,
		endsOn?: string
	): Held => {
		const occupancyId = newId();
		plan.occupancies.push({ id: occupancyId, unitId: unitId(unit), ...party, role, startsOn, endsOn: endsOn ?? null });
		return { unit, occupancyId };
	};
	// Household members and emergency contacts belong to the occupancy that recorded them: the
	// renter's are not the landlord's (and vice versa), and a later occupant does not inherit them.
	const household = (held: Held, name: string, relation: string) =>
		plan.householdMembers.push({
			unitId: unitId(held.unit),
			occupancyId: held.occupancyId,
			name,
			relation,
			phone: random() < 0.6 ? phone() : ''
		});
	const contact = (held: Held, name: string, relation: string) =>
		plan.emergencyContacts.push({ unitId: unitId(held.unit), occupancyId: held.occupancyId, name, relation, phone: phone() });

	/** A household of 0–3 people sharing the resident's surname (or not, for helpers), and 1–2 contacts. */
	const livedIn = (unit: Held, surname: [string, string]) => {
		const size = Math.floor(random() * 4);
		for (let i = 0; i < size; i++) {
			const [given, givenZh] = pick(random, givenNames);
			const relation = pick(random, householdRelations);
			const [family, familyZh] = relation.startsWith('Domestic') ? pick(random, surnames) : surname;
			household(unit, `${family} ${given} ${familyZh}${givenZh}`, relation);
		}
		const contacts = 1 + Math.floor(random() * 2);
		for (let i = 0; i < contacts; i++) {
			const [family, familyZh] = pick(random, surnames);
			const [given, givenZh] = pick(random, givenNames);
			contact(unit, `${family} ${given} ${familyZh}${givenZh}`, pick(random, contactRelations));
		}
	};

	// The two named residents are written out so that demos and tests can rely on them.
	const chanUnit = `HVG/${demoResident.building}/${demoResident.unit}`;
	const chan = addUser(demoResident.email, demoResident.name, 'resident');
	const chanHome = occupy(chanUnit, { userId: chan }, 'owner', '2015-06-01');
	household(chanHome, 'Lee Mei Ling 李美玲', 'Spouse 配偶');
	household(chanHome, 'Chan Ka Ho 陳家豪', 'Son 兒子');
	household(chanHome, 'Chan Ka Yee 陳嘉儀', 'Daughter 女兒');
	contact(chanHome, 'Chan Tai Wing 陳大榮', 'Sibling 兄弟姊妹');
	contact(chanHome, 'Lee Siu Fong 李小芳', 'Sibling-in-law 姻親');

	const wongUnit = `HVG/${demoNeighbour.building}/${demoNeighbour.unit}`;
	const wong = addUser(demoNeighbour.email, demoNeighbour.name, 'resident');
	const wongHome = occupy(wongUnit, { userId: wong }, 'renter', '2024-09-01');
	household(wongHome, 'Wong Siu Wah 黃小華', 'Sibling 兄弟姊妹');
	contact(wongHome, 'Wong Kin Man 黃健文', 'Parent 父母');

	// Residents 3–40: landlords, renters and owner-occupiers spread over Harbour View.
	const freeFlats = shuffled(
		random,
		harbourFlats.filter((key) => key !== chanUnit && key !== wongUnit)
	);
	const nextFlat = () => freeFlats.shift() as string;
	const people = Array.from({ length: 38 }, (_, i) => {
		const n = i + 3;
		const surname = surnames[(i * 7) % surnames.length] as [string, string];
		const [given, givenZh] = givenNames[(i * 11) % givenNames.length] as [string, string];
		const name = `${surname[0]} ${given} ${surname[1]}${givenZh}`;
		return { n, surname, id: addUser(`resident${String(n).padStart(3, '0')}@example.test`, name, 'resident') };
	});
	const person = (n: number) => people[n - 3] as (typeof people)[number];

	occupy(wongUnit, { userId: person(3).id }, 'owner', '2012-03-01');
	for (const number of beaconUnits) occupy(`CPT/T1/${number}`, { userId: person(4).id }, 'owner', '2016-01-01');
	for (let landlord = 5; landlord <= 10; landlord++) {
		const flat = nextFlat();
		const tenant = person(landlord + 6);
		occupy(flat, { userId: person(landlord).id }, 'owner', since(2005, 2015));
		let tenancy: Held;
		if (landlord === 10) {
			// A finished tenancy keeps its history: person 40 rented here before buying a flat.
			occupy(flat, { userId: person(40).id }, 'renter', '2020-08-01', '2023-07-31');
			tenancy = occupy(flat, { userId: tenant.id }, 'renter', '2023-09-01');
		} else {
			tenancy = occupy(flat, { userId: tenant.id }, 'renter', since(2019, 2025));
		}
		livedIn(tenancy, tenant.surname);
	}
	for (let n = 17; n <= 40; n++) {
		const flat = nextFlat();
		livedIn(occupy(flat, { userId: person(n).id }, 'owner', n === 40 ? '2023-08-15' : since(2003, 2024)), person(n).surname);
	}
	occupy('CPT/T1/G01', { userId: person(18).id }, 'owner', '2010-05-01');

	// Resident companies
	const addCompany = (company: DemoCompany) => {
		const id = newId();
		plan.residentCompanies.push({ id, name: company.name, registrationNo: company.registrationNo });
		for (const member of company.members) {
			plan.companyMembers.push({ companyId: id, userId: addUser(member.email, member.name, 'resident'), role: member.role });
		}
		return id;
	};
	const acmeId = addCompany(acme);
	const acmeOffices = acmeFloors.flatMap((level) =>
		Array.from({ length: centralPlaza.unitsPerFloor }, (_, i) =>
			occupy(`CPT/T1/${level}${String(i + 1).padStart(2, '0')}`, { companyId: acmeId }, 'renter', '2022-04-01')
		)
	);
	contact(acmeOffices[0]!, acme.members[0]?.name ?? '', 'Office manager 辦公室經理');
	const beaconId = addCompany(beacon);
	const beaconStudios = beaconUnits.map((number) => occupy(`CPT/T1/${number}`, { companyId: beaconId }, 'renter', '2023-10-01'));
	contact(beaconStudios[0]!, beacon.members[0]?.name ?? '', 'Studio manager 工作室經理');

	return plan;
}

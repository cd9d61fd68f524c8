import { describe, expect, it, vi } from 'vitest';
import { resetConfig } from '../config.ts';
import { sql } from 'drizzle-orm';
import { database, queryRows } from '../db/client.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { staffRoleNames } from '../auth/permissions.ts';
import { checkAnswers, type Answers, type SurveyDefinition } from '#lib/surveys/definition.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';
import { centralPlaza, northwind, northwindUnit } from './demo-data.ts';
import { readFileParts } from '../archive/read.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { addDays, businessToday } from '#lib/time/index.ts';

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
	const [row] = await queryRows<T>(database().db, query);
	return row as T;
}

async function count(table: string): Promise<number> {
	const row = await one<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
	return Number(row.n);
}

describe('demo seed', () => {
	it('loads nothing into PostgreSQL unless SEED=demo asks for it', async () => {
		vi.stubEnv('DATABASE_URL', 'postgres://db.example/lobby');
		resetConfig();
		try {
			expect(await seedDemo(database())).toMatchObject({ seeded: false, reason: expect.stringMatching(/SEED=demo/) });
			expect(await count('users')).toBe(0);
		} finally {
			vi.unstubAllEnvs();
			resetConfig();
		}
	});

	it('fills an empty database with the demo company, estates, units and people', async () => {
		const outcome = await seedDemo(database());
		expect(outcome.seeded).toBe(true);

		expect(await count('management_companies')).toBe(1);
		expect(await count('estates')).toBe(2);
		const perEstate = await queryRows<{ code: string; kind: string; buildings: number; units: number }>(
			database().db,
			sql`select e.code, e.kind::text as kind,
				(select count(*)::int from buildings b where b.estate_id = e.id) as buildings,
				(select count(*)::int from units u where u.estate_id = e.id) as units
				from estates e order by e.code`
		);
		expect(perEstate.map((e) => [e.code, e.kind, Number(e.buildings)])).toEqual([
			['CPT', 'office', 1],
			['HVG', 'residential', 3]
		]);
		expect(await count('units')).toBeGreaterThanOrEqual(200);
		const areas = await one<{ min: string; max: string; uses: string }>(
			sql`select min(area_m_2)::text as min, max(area_m_2)::text as max, string_agg(distinct use::text, ',' order by use::text) as uses from units`
		);
		expect(Number(areas.min)).toBeGreaterThanOrEqual(55);
		expect(Number(areas.max)).toBeLessThanOrEqual(400);
		expect(areas.uses).toBe('office,residential,retail');
	});

	it('gives every staff role an account, scopes engineer@ to one estate and seeds a repair team and visit slots per estate', async () => {
		const roles = await queryRows<{ role: string; estates: string }>(
			database().db,
			sql`select r.role::text as role, string_agg(e.code, ',' order by e.code) as estates
				from staff_roles r join staff_estates s on s.user_id = r.user_id join estates e on e.id = s.estate_id
				group by r.role`
		);
		expect(roles.map((r) => r.role).sort()).toEqual([...staffRoleNames].sort());
		const engineer = await one<{ estates: string }>(
			sql`select string_agg(e.code, ',') as estates from users u join staff_estates s on s.user_id = u.id join estates e on e.id = s.estate_id where u.email = 'engineer@lobby.test'`
		);
		expect(engineer.estates).toBe('HVG');
		const perEstate = await queryRows<{ teams: number; slots: number }>(
			database().db,
			sql`select (select count(*)::int from repair_teams t where t.estate_id = e.id) as teams,
				(select count(*)::int from appointment_slots a where a.estate_id = e.id and a.starts_at > now()) as slots
				from estates e`
		);
		expect(perEstate.every((e) => e.teams === 1 && e.slots >= 20)).toBe(true);
		expect(await one<{ n: number }>(sql`select count(*)::int as n from users where kind = 'contractor'`)).toEqual({ n: 1 });
	});

	it('creates owners, renters, households, contacts and two companies with several members', async () => {
		const occupancy = await one<{ owners: number; renters: number; companies: number }>(
			sql`select count(*) filter (where role = 'owner')::int as owners,
				count(*) filter (where role = 'renter')::int as renters,
				count(*) filter (where company_id is not null)::int as companies from occupancies`
		);
		expect(Number(occupancy.owners)).toBeGreaterThan(10);
		expect(Number(occupancy.renters)).toBeGreaterThan(5);
		expect(Number(occupancy.companies)).toBeGreaterThan(3);
		expect(await count('household_members')).toBeGreaterThan(10);
		expect(await count('emergency_contacts')).toBeGreaterThan(10);

		const companies = await queryRows<{ admins: number; members: number }>(
			database().db,
			sql`select count(*) filter (where role = 'admin')::int as admins, count(*)::int as members
				from company_members group by company_id`
		);
		expect(companies).toHaveLength(2);
		for (const company of companies) {
			expect(Number(company.admins)).toBe(1);
			expect(Number(company.members)).toBeGreaterThanOrEqual(3);
		}
	});

	it('makes the demo resident the owner of HVG Block A 12A with a household, and the neighbour a renter of B 8C', async () => {
		const homes = await queryRows<{ email: string; role: string; building: string; number: string; household: number; contacts: number }>(
			database().db,
			sql`select u.email, o.role::text as role, b.code as building, un.number,
				(select count(*)::int from household_members h where h.unit_id = un.id) as household,
				(select count(*)::int from emergency_contacts c where c.unit_id = un.id) as contacts
				from users u join occupancies o on o.user_id = u.id join units un on un.id = o.unit_id
				join buildings b on b.id = un.building_id
				where u.email in ('resident@lobby.test', 'neighbour@lobby.test') order by u.email`
		);
		expect(homes.map((h) => [h.email, h.role, h.building, h.number])).toEqual([
			['neighbour@lobby.test', 'renter', 'B', '8C'],
			['resident@lobby.test', 'owner', 'A', '12A']
		]);
		expect(Number(homes[1]?.household)).toBeGreaterThanOrEqual(2);
		expect(Number(homes[1]?.contacts)).toBeGreaterThanOrEqual(1);
	});

	it('holds last year’s closed, approved survey: answers that pass its own checks, the demo resident’s among them, and its actions', async () => {
		const [survey] = await queryRows<{ id: string; state: string; approved: boolean; definition: SurveyDefinition }>(
			database().db,
			sql`select id, state::text as state, report_approved_at is not null as approved, definition from surveys`
		);
		expect(survey).toMatchObject({ state: 'closed', approved: true });
		const responses = await queryRows<{ answers: Answers }>(database().db, sql`select answers from survey_responses`);
		expect(responses.length).toBeGreaterThan(20);
		for (const { answers } of responses) expect(checkAnswers(survey!.definition, answers, { submit: true }).problems).toEqual({});
		const chan = await one<{ n: number }>(
			sql`select count(*)::int as n from survey_recipients r join occupancies o on o.id = r.occupancy_id join users u on u.id = o.user_id
				where u.email = 'resident@lobby.test' and r.answered_at is not null`
		);
		expect(Number(chan.n)).toBe(1);
		expect(await count('survey_actions')).toBe(2);
	});

	it('shows one move-in in progress (Acme taking a vacant HVG unit), one move-out applied in HVG and Northwind’s done in CPT', async () => {
		const rows = await queryRows<{ kind: string; state: string; company: string | null; code: string }>(
			database().db,
			sql`select m.kind::text as kind, m.state::text as state, c.name as company, e.code from moves m
				join estates e on e.id = m.estate_id left join resident_companies c on c.id = m.party_company_id order by m.kind, e.code`
		);
		expect(rows).toMatchObject([
			{ kind: 'in', state: 'open', company: expect.stringMatching(/Acme/), code: 'HVG' },
			{ kind: 'out', state: 'done', company: northwind.name, code: 'CPT' },
			{ kind: 'out', state: 'open', company: null, code: 'HVG' }
		]);
	});

	it('leaves CPT 2506 vacant with its former occupant’s part of the file bound: a repair and its callback, two paid bills, the move-out', async () => {
		const [unit] = await queryRows<{ id: string }>(
			database().db,
			sql`select u.id from units u join buildings b on b.id = u.building_id join estates e on e.id = u.estate_id
				where e.code = 'CPT' and b.code = ${northwindUnit.building} and u.number = ${northwindUnit.unit}`
		);
		const today = businessToday({ timeZone: centralPlaza.timeZone });
		expect(await currentOccupancies(database().db, [unit!.id])).toEqual([]);
		const { heading, parts } = await readFileParts(database().db, unit!.id, today);
		expect(heading).toBeNull();
		const former = parts.find((p) => p.name === northwind.name)!;
		expect(former).toMatchObject({ role: 'renter', current: false, bound: true });
		expect(former.endsOn! < addDays(today, -120)).toBe(true);
		// Newest first: the move-out on its last day, then what came before it.
		expect(former.entries.map((e) => e.kind)).toEqual(['move_out', 'payment', 'bill', 'payment', 'bill', 'callback', 'repair']);
		expect(former.entries.every((e) => e.at.toISOString().slice(0, 10) <= former.endsOn!)).toBe(true);
		// Nothing owed, no bill of the demo's billing periods.
		const owed = await one<{ open: number; balance: number }>(
			sql`select (select count(*)::int from bills where unit_id = ${unit!.id} and state <> 'paid') as open,
				(select coalesce(sum(amount_minor), 0)::int from ledger_entries where unit_id = ${unit!.id}) as balance`
		);
		expect(owed).toEqual({ open: 0, balance: 0 });
	});

	it("files the demo units' papers in their files, and leaves the engineer's request to read one waiting", async () => {
		const file = await one<{ entries: number; kinds: string[] }>(
			sql`select count(*)::int as entries, array_agg(distinct a.kind order by a.kind) as kinds
				from archive_entries a join occupancies o on o.id = a.occupancy_id join users u on u.id = o.user_id
				where u.email = 'resident@lobby.test'`
		);
		expect(Number(file.entries)).toBeGreaterThan(3);
		expect(file.kinds).toEqual(expect.arrayContaining(['contact', 'household', 'repair']));
		const waiting = await one<{ n: number }>(sql`select count(*)::int as n from archive_access_requests where state = 'requested'`);
		expect(Number(waiting.n)).toBe(1);
	});

	it('lets every demo account sign in with the demo password', async () => {
		const hashes = await queryRows<{ password_hash: string }>(database().db, sql`select distinct password_hash from users`);
		expect(hashes).toHaveLength(1);
		expect(await verifyPassword(hashes[0]?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
	});

	it('does nothing the second time', async () => {
		const before = await Promise.all(['users', 'units', 'occupancies', 'household_members'].map(count));
		const outcome = await seedDemo(database());
		expect(outcome).toEqual({ seeded: false, reason: expect.any(String) });
		expect(await Promise.all(['users', 'units', 'occupancies', 'household_members'].map(count))).toEqual(before);
	});
});

import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { floorLabelSql } from '../floors.ts';
import type { ImportRow } from './csv.ts';

export interface ImportCounts {
	units: { created: number; updated: number; unchanged: number };
	residents: { created: number; updated: number; unchanged: number };
	occupancies: { created: number; unchanged: number };
	buildingsCreated: number;
	buildingsRenamed: number;
	floorsCreated: number;
	companiesCreated: number;
}

/** Rows go to the database in chunks of this many, as one JSON parameter per statement. */
const CHUNK = 1000;
const IMPORT_LOCK = 7_310_201;

async function count(tx: Tx, query: ReturnType<typeof sql>): Promise<Record<string, number>> {
	const [row] = await queryRows<Record<string, number | string>>(tx, query);
	return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/**
 * Writes validated rows set-wise: the rows are staged in a temporary table, then each kind of
 * record (buildings, floors, units, residents, companies, occupancies) is upserted with one
 * statement. The number of round-trips does not grow with the file, and a row whose values
 * already match the database is not rewritten (the upserts only update what differs), so a
 * second import of the same file changes nothing.
 */
export async function applyImport(tx: Tx, actor: Actor, rows: readonly ImportRow[]): Promise<ImportCounts> {
	// Two imports at once could both see an occupancy as missing and add it twice.
	await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
	await tx.execute(sql`
		create temp table import_rows (
			line int not null,
			estate_id uuid not null,
			building_code text not null,
			building_name text not null,
			floor int not null,
			unit_number text not null,
			area_m2 numeric(10, 2) not null,
			use unit_use not null,
			resident_name text not null,
			resident_email text not null,
			resident_phone text not null,
			role occupancy_role,
			starts_on date,
			company_name text not null,
			building_id uuid,
			floor_id uuid,
			unit_id uuid,
			user_id uuid,
			company_id uuid
		) on commit drop`);
	for (let i = 0; i < rows.length; i += CHUNK) {
		const chunk = rows.slice(i, i + CHUNK).map((r) => ({
			line: r.line,
			estate_id: r.estateId,
			building_code: r.buildingCode,
			building_name: r.buildingName,
			floor: r.floor,
			unit_number: r.unitNumber,
			area_m2: r.areaM2,
			use: r.use,
			resident_name: r.residentName,
			resident_email: r.residentEmail,
			resident_phone: r.residentPhone,
			role: r.role,
			starts_on: r.startsOn,
			company_name: r.companyName
		}));
		await tx.execute(sql`
			insert into import_rows (line, estate_id, building_code, building_name, floor, unit_number, area_m2, use,
				resident_name, resident_email, resident_phone, role, starts_on, company_name)
			select line, estate_id, building_code, building_name, floor, unit_number, area_m2, use,
				resident_name, resident_email, resident_phone, role, starts_on, company_name
			from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(
				line int, estate_id uuid, building_code text, building_name text, floor int, unit_number text,
				area_m2 numeric, use unit_use, resident_name text, resident_email text, resident_phone text,
				role occupancy_role, starts_on date, company_name text)`);
	}
	await tx.execute(sql`analyze import_rows`);

	// Buildings: new codes are added (named after the code if the file gives no name); a name
	// given in the file renames an existing building only if it differs.
	const buildings = await count(
		tx,
		sql`with src as (
				select distinct on (estate_id, building_code) estate_id, building_code, building_name
				from import_rows order by estate_id, building_code, (building_name = ''), line
			), added as (
				insert into buildings (estate_id, code, name)
				select estate_id, building_code, coalesce(nullif(building_name, ''), building_code) from src
				on conflict (estate_id, code) do nothing
				returning 1
			), renamed as (
				update buildings b set name = src.building_name from src
				where b.estate_id = src.estate_id and b.code = src.building_code
				  and src.building_name <> '' and b.name <> src.building_name
				returning 1
			)
			select (select count(*) from added) as created, (select count(*) from renamed) as renamed`
	);
	await tx.execute(sql`
		update import_rows r set building_id = b.id from buildings b
		where b.estate_id = r.estate_id and b.code = r.building_code`);

	const floors = await count(
		tx,
		sql`with added as (
				insert into floors (building_id, level, label)
				select distinct building_id, floor, ${floorLabelSql(sql.raw('floor'))} from import_rows
				on conflict (building_id, level) do nothing
				returning 1
			) select count(*) as created from added`
	);
	await tx.execute(sql`
		update import_rows r set floor_id = f.id from floors f
		where f.building_id = r.building_id and f.level = r.floor`);

	// xmax = 0 marks a freshly inserted row; a conflicting row is returned only if the WHERE of
	// DO UPDATE found something different and updated it.
	const units = await count(
		tx,
		sql`with up as (
				insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
				select estate_id, building_id, floor_id, unit_number, area_m2, use from import_rows
				on conflict (building_id, number) do update
					set floor_id = excluded.floor_id, area_m_2 = excluded.area_m_2, use = excluded.use, updated_at = now()
					where (units.floor_id, units.area_m_2, units.use) is distinct from (excluded.floor_id, excluded.area_m_2, excluded.use)
				returning (xmax = 0) as inserted
			)
			select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated,
				(select count(*) from import_rows) as total
			from up`
	);
	await tx.execute(sql`
		update import_rows r set unit_id = u.id from units u
		where u.building_id = r.building_id and u.number = r.unit_number`);

	// Residents by email. An empty phone in the file keeps the phone on record; staff and
	// contractor accounts were refused during validation and are never touched here.
	const residents = await count(
		tx,
		sql`with src as (
				select distinct on (resident_email) resident_email, resident_name, resident_phone
				from import_rows where resident_email <> '' order by resident_email, line
			), up as (
				insert into users (email, name, phone, kind)
				select resident_email, resident_name, resident_phone, 'resident' from src
				on conflict (email) do update
					set name = excluded.name,
						phone = case when excluded.phone = '' then users.phone else excluded.phone end
					where users.kind = 'resident'
					  and (users.name <> excluded.name or (excluded.phone <> '' and users.phone <> excluded.phone))
				returning (xmax = 0) as inserted
			)
			select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated,
				(select count(*) from src) as total
			from up`
	);
	await tx.execute(sql`
		update import_rows r set user_id = u.id from users u
		where r.resident_email <> '' and u.email = r.resident_email and u.kind = 'resident'`);

	// Companies by name, case-insensitively; with several of one name the oldest is meant.
	const companies = await count(
		tx,
		sql`with src as (
				select distinct on (lower(company_name)) company_name from import_rows
				where company_name <> '' order by lower(company_name), line
			), added as (
				insert into resident_companies (name)
				select company_name from src
				where not exists (select 1 from resident_companies c where lower(c.name) = lower(src.company_name))
				returning 1
			) select count(*) as created from added`
	);
	await tx.execute(sql`
		update import_rows r set company_id = c.id
		from (
			select distinct on (lower(name)) id, lower(name) as key from resident_companies
			where lower(name) in (select lower(company_name) from import_rows where company_name <> '')
			order by lower(name), created_at, id
		) c
		where r.company_name <> '' and c.key = lower(r.company_name)`);
	// The contact person named beside a company manages the company's account.
	await tx.execute(sql`
		insert into company_members (company_id, user_id, role)
		select distinct company_id, user_id, 'admin'::company_member_role from import_rows
		where company_id is not null and user_id is not null
		on conflict do nothing`);

	// An occupancy is the same one if unit, occupant, role and start date match. Each new one
	// is also an event on the unit's timeline, like one added by hand.
	const occupancies = await count(
		tx,
		sql`with src as (
				select distinct unit_id,
					case when company_id is null then user_id end as user_id,
					company_id, role, starts_on
				from import_rows
				where role is not null and (company_id is not null or user_id is not null)
			), added as (
				insert into occupancies (unit_id, user_id, company_id, role, starts_on)
				select s.unit_id, s.user_id, s.company_id, s.role, s.starts_on from src s
				where not exists (
					select 1 from occupancies o
					where o.unit_id = s.unit_id and o.role = s.role and o.starts_on = s.starts_on
					  and o.user_id is not distinct from s.user_id and o.company_id is not distinct from s.company_id
				)
				returning id, unit_id, user_id, company_id, role, starts_on
			), timeline as (
				insert into events (actor_id, subject_type, subject_id, kind, to_state, note, data)
				select ${actor.userId}::uuid, 'unit', unit_id::text, 'occupancy.added', role::text, 'import',
					jsonb_build_object('occupancyId', id, 'userId', user_id, 'companyId', company_id,
						'role', role, 'startsOn', starts_on, 'source', 'import')
				from added
				returning 1
			)
			select (select count(*) from added) as created, (select count(*) from src) as total`
	);

	return {
		units: {
			created: units.created ?? 0,
			updated: units.updated ?? 0,
			unchanged: (units.total ?? 0) - (units.created ?? 0) - (units.updated ?? 0)
		},
		residents: {
			created: residents.created ?? 0,
			updated: residents.updated ?? 0,
			unchanged: (residents.total ?? 0) - (residents.created ?? 0) - (residents.updated ?? 0)
		},
		occupancies: {
			created: occupancies.created ?? 0,
			unchanged: (occupancies.total ?? 0) - (occupancies.created ?? 0)
		},
		buildingsCreated: buildings.created ?? 0,
		buildingsRenamed: buildings.renamed ?? 0,
		floorsCreated: floors.created ?? 0,
		companiesCreated: companies.created ?? 0
	};
}

// The property registry and staff of a benchmark data set, generated set-wise: estates by share of
// the units, towers of 40 floors × 25 units, and per estate its desk, engineers (one repair team)
// and a supervisor; one desk member over the first two estates (the measured desk actor) and a
// manager of all. Used by bench:repairs and bench:scale.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../src/lib/server/db/client.ts';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import { DEFAULT_TIME_ZONE } from '../../src/lib/time/index.ts';

const UNITS_PER_BUILDING = 1000; // 40 floors × 25 units

/** A whole number of towers, at least one per estate. */
export function roundUnits(units: number, estates: number): number {
	return Math.max(estates, Math.ceil(units / UNITS_PER_BUILDING)) * UNITS_PER_BUILDING;
}

export interface EstateSpec {
	code: string;
	name: string;
	/** Its part of the towers; the last estate takes the rest. */
	share: number;
	desk: number;
	engineers: number;
}

/** The measured staff: the desk member of the first two estates and an engineer of the first. */
export const BENCH_DESK_EMAIL = 'bench-service@bench.test';
export const BENCH_MANAGER_EMAIL = 'bench-manager@bench.test';
/** What names an estate's staff: its code's last part (BENCH-A → A). */
const tagOf = (estate: EstateSpec) => estate.code.split('-').at(-1)!;
export const benchEngineerEmail = (estate: EstateSpec, n: number) => `bench-engineer-${tagOf(estate).toLowerCase()}${n}@bench.test`;

type StaffRole = 'customer_service' | 'engineering' | 'engineering_supervisor' | 'manager';

export async function generateRegistry(
	tx: Tx,
	{ company, estates: specs, totalUnits }: { company: string; estates: readonly EstateSpec[]; totalUnits: number }
): Promise<{ towers: number; staff: number }> {
	const buildingCount = totalUnits / UNITS_PER_BUILDING;
	const [managementCompany] = await tx.insert(schema.managementCompanies).values({ name: company }).returning();
	const estates = await tx
		.insert(schema.estates)
		.values(
			specs.map((e) => ({
				companyId: managementCompany!.id,
				code: e.code,
				name: e.name,
				kind: 'residential' as const,
				timeZone: DEFAULT_TIME_ZONE
			}))
		)
		.returning();
	// Towers go to the estates by share; the last estate takes the rest.
	const towers: { estateId: string; code: string; name: string }[] = [];
	let first = 0;
	specs.forEach((spec, e) => {
		const count = e === specs.length - 1 ? buildingCount - first : Math.max(1, Math.round(buildingCount * spec.share));
		for (let b = first; b < first + count; b++) towers.push({ estateId: estates[e]!.id, code: `T${b + 1}`, name: `Tower ${b + 1}` });
		first += count;
	});
	await tx.insert(schema.buildings).values(towers);
	await tx.execute(sql`insert into floors (building_id, level, label)
		select b.id, l, l || '/F' from buildings b cross join generate_series(1, 40) l`);
	await tx.execute(sql`insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
		select b.estate_id, b.id, f.id, f.level || chr(64 + u), round((40 + random() * 160)::numeric, 2),
			(case when f.level = 1 then 'retail' else 'residential' end)::unit_use
		from buildings b join floors f on f.building_id = b.id cross join generate_series(1, 25) u`);

	const people: { email: string; name: string; role: StaffRole; estates: string[] }[] = [
		{ email: BENCH_DESK_EMAIL, name: 'Bench Service (A+B)', role: 'customer_service', estates: estates.slice(0, 2).map((e) => e.id) },
		{ email: BENCH_MANAGER_EMAIL, name: 'Bench Manager', role: 'manager', estates: estates.map((e) => e.id) }
	];
	specs.forEach((spec, e) => {
		const estateId = estates[e]!.id;
		const tag = tagOf(spec);
		for (let i = 1; i <= spec.desk; i++)
			people.push({
				email: `bench-service-${tag.toLowerCase()}${i}@bench.test`,
				name: `Desk ${tag}${i}`,
				role: 'customer_service',
				estates: [estateId]
			});
		for (let i = 1; i <= spec.engineers; i++)
			people.push({ email: benchEngineerEmail(spec, i), name: `Engineer ${tag}${i}`, role: 'engineering', estates: [estateId] });
		people.push({
			email: `bench-lead-${tag.toLowerCase()}@bench.test`,
			name: `Lead ${tag}`,
			role: 'engineering_supervisor',
			estates: [estateId]
		});
	});
	const users = await tx
		.insert(schema.users)
		.values(people.map((p) => ({ email: p.email, name: p.name, kind: 'staff' as const })))
		.returning();
	await tx.insert(schema.staffRoles).values(people.map((p, i) => ({ userId: users[i]!.id, role: p.role })));
	await tx.insert(schema.staffEstates).values(people.flatMap((p, i) => p.estates.map((estateId) => ({ userId: users[i]!.id, estateId }))));
	const teams = await tx
		.insert(schema.repairTeams)
		.values(estates.map((e) => ({ estateId: e.id, name: `${e.name} engineering` })))
		.returning();
	await tx
		.insert(schema.repairTeamMembers)
		.values(
			people.flatMap((p, i) =>
				p.role === 'engineering' ? [{ teamId: teams.find((t) => t.estateId === p.estates[0])!.id, userId: users[i]!.id }] : []
			)
		);
	return { towers: towers.length, staff: people.length };
}

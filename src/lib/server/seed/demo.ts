import { seedDemoMoves } from './demo-moves.ts';
import { seedDemoFormerOccupant } from './demo-former-occupant.ts';
import { seedDemoSlots } from './demo-slots.ts';
import { seedDemoRepairs } from './demo-repairs.ts';
import { seedDemoRenovations } from './demo-renovations.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoComplaints } from './demo-complaints.ts';
import { seedDemoServices } from './demo-services.ts';
import { seedDemoWidget } from './demo-widget.ts';
import { seedDemoReleases } from './demo-releases.ts';
import { seedDemoVisits } from './demo-visits.ts';
import { seedDemoCustomers } from './demo-customers.ts';
import { seedDemoFees } from './demo-fees.ts';
import { seedDemoArchive } from './demo-archive.ts';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database, type Executor } from '../db/client.ts';
import { config } from '../config.ts';
import * as schema from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { DEMO_PASSWORD } from './demo-data.ts';
import { demoPlan, type DemoPlan } from './demo-plan.ts';

export { DEMO_PASSWORD } from './demo-data.ts';

const SEED_LOCK = 7_310_002;
/** Rows per INSERT: well under PostgreSQL's 65 535 bind parameters for the widest table. */
const BATCH = 500;

export type SeedOutcome = { seeded: true; counts: Record<keyof DemoPlan, number> } | { seeded: false; reason: string };

/** Demo data goes only into a database nobody has started using. */
async function hasData(executor: Executor): Promise<boolean> {
	const [row] = await queryRows<{ used: boolean }>(
		executor,
		sql`select exists (select 1 from management_companies) or exists (select 1 from users) as used`
	);
	return Boolean(row?.used);
}

// Parents before children: the order of the foreign keys.
const tables: [keyof DemoPlan, PgTable][] = [
	['managementCompanies', schema.managementCompanies],
	['estates', schema.estates],
	['buildings', schema.buildings],
	['floors', schema.floors],
	['units', schema.units],
	['users', schema.users],
	['staffRoles', schema.staffRoles],
	['staffEstates', schema.staffEstates],
	['residentCompanies', schema.residentCompanies],
	['companyMembers', schema.companyMembers],
	['occupancies', schema.occupancies],
	['householdMembers', schema.householdMembers],
	['emergencyContacts', schema.emergencyContacts],
	['repairTeams', schema.repairTeams],
	['repairTeamMembers', schema.repairTeamMembers]
];

/**
 * Fills an empty, migrated database with the demo company, estates and people. Does nothing
 * (and says why) when the database already holds data, so it is safe at every start — nor where
 * the configuration keeps demo data out (config.ts seedDemo: every demo account shares a
 * published password, so only the embedded database gets them unless SEED=demo asks).
 */
export async function seedDemo(database: Database): Promise<SeedOutcome> {
	if (!config().seedDemo) {
		return {
			seeded: false,
			reason: 'demo accounts share a published password, so they go only into the embedded database, or where SEED=demo asks for them'
		};
	}
	const skip: SeedOutcome = { seeded: false, reason: 'the database already holds data' };
	if (await hasData(database.db)) return skip;
	// argon2 is deliberately slow: one hash serves every demo account.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const outcome = await database.withAdvisoryLock(SEED_LOCK, () =>
		database.db.transaction(async (tx): Promise<SeedOutcome> => {
			if (await hasData(tx)) return skip;
			const plan = demoPlan(passwordHash);
			for (const [key, table] of tables) {
				const rows = plan[key];
				for (let i = 0; i < rows.length; i += BATCH) {
					await tx.insert(table).values(rows.slice(i, i + BATCH));
				}
			}
			await ensureDefaultCalendar(tx);
			await seedDemoSlots(tx);
			await seedDemoRepairs(tx);
			await seedDemoRenovations(tx);
			await seedDemoSurveys(tx);
			await seedDemoComplaints(tx);
			await seedDemoServices(tx);
			await seedDemoWidget(tx);
			await seedDemoMoves(tx);
			await seedDemoFormerOccupant(tx);
			await seedDemoReleases(tx);
			await seedDemoVisits(tx);
			await seedDemoCustomers(tx);
			await seedDemoArchive(tx);
			const counts = Object.fromEntries(tables.map(([key]) => [key, plan[key].length])) as Record<keyof DemoPlan, number>;
			return { seeded: true, counts };
		})
	);
	// The billing run commits batch by batch in transactions of its own: fees follow the committed people.
	if (outcome.seeded) await seedDemoFees();
	return outcome;
}

/** One line for the console after seeding. */
export function describeSeed(outcome: SeedOutcome): string {
	if (!outcome.seeded) return `Demo data not loaded: ${outcome.reason}.`;
	const c = outcome.counts;
	return (
		`Demo data loaded: ${c.estates} estates, ${c.buildings} buildings, ${c.units} units, ${c.users} accounts, ` +
		`${c.residentCompanies} resident companies, ${c.occupancies} occupancies, ${c.householdMembers} household members, ` +
		`${c.emergencyContacts} emergency contacts.`
	);
}

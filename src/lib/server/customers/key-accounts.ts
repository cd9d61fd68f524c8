/**
 * What makes a customer a key account (rule 11): its type is marked so in the dictionary. The one
 * condition, for the accuracy check (accuracy.ts) and for the visit plans ("every key account at
 * least N times a year", visits/plans.ts).
 */
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { customers, customerTypes } from '../db/schema/index.ts';

/** Joins customer_types to customers on a key-account type. */
export const keyAccountType: SQL = and(eq(customerTypes.id, customers.typeId), eq(customerTypes.keyAccount, true))!;

/** Which of these parties are key accounts, as "user:<id>" / "company:<id>". */
export async function keyAccountParties(
	executor: Executor,
	parties: { userIds: readonly string[]; companyIds: readonly string[] }
): Promise<Set<string>> {
	if (!parties.userIds.length && !parties.companyIds.length) return new Set();
	const rows = await executor
		.select({ userId: customers.userId, companyId: customers.companyId })
		.from(customers)
		.innerJoin(customerTypes, keyAccountType)
		.where(
			or(
				parties.userIds.length ? inArray(customers.userId, [...parties.userIds]) : undefined,
				parties.companyIds.length ? inArray(customers.companyId, [...parties.companyIds]) : undefined
			)
		);
	return new Set(rows.map((r) => (r.companyId ? `company:${r.companyId}` : `user:${r.userId}`)));
}

import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { residentCompanies, users } from '../db/schema/index.ts';
import type { Occupancy } from './occupancy.ts';

/** Who holds each occupancy, by name — the person's or the company's — keyed by occupancy id. */
export async function partyNames(
	executor: Executor,
	held: readonly Pick<Occupancy, 'id' | 'userId' | 'companyId'>[]
): Promise<Map<string, string>> {
	const userIds = [...new Set(held.flatMap((o) => (o.userId ? [o.userId] : [])))];
	const companyIds = [...new Set(held.flatMap((o) => (o.companyId ? [o.companyId] : [])))];
	const [people, companies] = await Promise.all([
		userIds.length ? executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
		companyIds.length
			? executor
					.select({ id: residentCompanies.id, name: residentCompanies.name })
					.from(residentCompanies)
					.where(inArray(residentCompanies.id, companyIds))
			: []
	]);
	const byId = new Map([...people, ...companies].map((row) => [row.id, row.name]));
	return new Map(held.map((o) => [o.id, byId.get((o.userId ?? o.companyId)!) ?? '']));
}

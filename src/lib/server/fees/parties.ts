/**
 * Bills go to whoever the fee item bills (domain.md, "Privacy inside a unit"). A unit's account
 * (一戶一賬) is split between its two parties: the owner and the renter. A fee item bills the
 * owner, the occupant (the renter while the unit is let, else the owner) or the party that asked
 * (a paid service follows its repair's occupancy; finance names the party of a deposit or
 * renovation fee). Every bill, payment, ledger entry and refund records its party; finance sees
 * the unit's whole account, a resident only its party's part, and only from its occupancy's first
 * day on (a new renter does not see the previous renter's bills).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { companyMembers, type feeItems } from '../db/schema/index.ts';
import { actorOccupancies, type Occupancy } from '../property/occupancy.ts';

export const parties = ['owner', 'renter'] as const;
export type Party = (typeof parties)[number];
export type FeePayer = (typeof feeItems.$inferSelect)['payer'];

/** The default payer of a new fee item of this kind (the admin may change it). */
export function defaultPayer(kind: (typeof feeItems.$inferSelect)['kind']): FeePayer {
	if (kind === 'management') return 'owner';
	if (kind === 'water' || kind === 'electricity') return 'occupant';
	return 'requester';
}

/**
 * The party a bill of this payer goes to: `let` says whether the unit has a renter; a 'requester'
 * item takes the party that asked (`asked`), else the occupant.
 */
export function billedParty(payer: FeePayer, let_: boolean, asked?: Party | null): Party {
	if (payer === 'owner') return 'owner';
	if (payer === 'requester' && asked) return asked;
	return let_ ? 'renter' : 'owner';
}

/** One party's part of a unit's account as a resident reaches it. */
export interface PartyAccount {
	unitId: string;
	estateId: string;
	/** The estate's zone: the account's dates (due, overdue) are its business dates. */
	timeZone: string;
	party: Party;
	/** The first day of the actor's occupancy in this party: nothing earlier is shown. */
	since: BusinessDate;
	/** The actor's occupancies in it: a bill asked for by one of them (a paid service) is theirs alone. */
	occupancyIds: string[];
}

/** The party accounts the actor reaches today: one per unit and party it currently occupies in. */
export async function residentAccounts(
	executor: Executor,
	actor: Pick<Actor, 'userId' | 'companies' | 'memo'>,
	now?: Date
): Promise<PartyAccount[]> {
	return accountsOf(await actorOccupancies(executor, actor, now));
}

/**
 * The party accounts a company holds today, as one of its members reaches them: those of the
 * company's own occupancies (not the member's in person). The caller checks the actor may act for
 * the company (its admin: payments/service.ts startCompanyPayment).
 */
export async function companyAccounts(
	executor: Executor,
	actor: Pick<Actor, 'userId' | 'companies' | 'memo'>,
	companyId: string,
	now?: Date
): Promise<PartyAccount[]> {
	return accountsOf((await actorOccupancies(executor, actor, now)).filter((o) => o.companyId === companyId));
}

function accountsOf(occupancies: readonly Occupancy[]): PartyAccount[] {
	const accounts = new Map<string, PartyAccount>();
	for (const o of occupancies) {
		const key = `${o.unitId}|${o.role}`;
		const account = accounts.get(key);
		if (!account) {
			accounts.set(key, {
				unitId: o.unitId,
				estateId: o.estateId,
				timeZone: o.timeZone,
				party: o.role,
				since: o.startsOn,
				occupancyIds: [o.id]
			});
		} else {
			if (o.startsOn < account.since) account.since = o.startsOn;
			account.occupancyIds.push(o.id);
		}
	}
	return [...accounts.values()];
}

/** The accounts as an SQL relation a(unit_id, party, since, occupancy_ids) to join or run laterally from. */
export function accountsRelation(accounts: readonly PartyAccount[]): SQL {
	if (accounts.length === 0)
		return sql`(select null::uuid as unit_id, null::occupancy_role as party, null::date as since, null::uuid[] as occupancy_ids where false) a`;
	const rows = accounts.map(
		(a) => sql`(${a.unitId}::uuid, ${a.party}::occupancy_role, ${a.since}::date, ${`{${a.occupancyIds.join(',')}}`}::uuid[])`
	);
	return sql`(values ${sql.join(rows, sql`, `)}) as a(unit_id, party, since, occupancy_ids)`;
}

/** A bill `b` of the account `a` (see accountsRelation): its unit and party, issued since, and not another occupancy's. */
export const billOfAccount = sql`b.unit_id = a.unit_id and b.party = a.party and b.issued_on >= a.since
	and (b.occupancy_id is null or b.occupancy_id = any(a.occupancy_ids))`;

/** A bill `b` of the occupancy `occupancies` (the table, unaliased): the same rule for one occupancy (reminders). */
export const billOfOccupancy = sql`b.unit_id = occupancies.unit_id and b.party = occupancies.role and b.issued_on >= occupancies.starts_on
	and (b.occupancy_id is null or b.occupancy_id = occupancies.id)`;

/** A ledger entry `le` of the account `a`: the party's entries since the occupancy began. */
export const entryOfAccount = sql`le.unit_id = a.unit_id and le.party = a.party and le.effective_on >= a.since`;

/** Whether bill `b` belongs to one of these accounts. */
export function billInAccounts(accounts: readonly PartyAccount[]): SQL {
	return sql`exists (select 1 from ${accountsRelation(accounts)} where ${billOfAccount})`;
}

/**
 * Whether payment `p` belongs to one of these accounts: of the unit and party, every bill it pays
 * is one of the account's (a payment pays one party's bills; see startPayment), and one that pays
 * no bill (all credit) came in since the occupancy began. A company's payment of several units
 * (p.company_id) is the actor's when every bill it pays is in one of these accounts: its members
 * reach all of them through the company; a member of another company, or the landlord, does not.
 */
export function paymentInAccounts(accounts: readonly PartyAccount[]): SQL {
	return sql`(exists (select 1 from ${accountsRelation(accounts)} where p.unit_id = a.unit_id and p.party = a.party
		and not exists (select 1 from payment_allocations pa join bills b on b.id = pa.bill_id
			where pa.payment_id = p.id and not (${billOfAccount}))
		and (p.received_on >= a.since or exists (select 1 from payment_allocations pa where pa.payment_id = p.id)))
	or (p.company_id is not null and exists (select 1 from payment_allocations pa where pa.payment_id = p.id)
		and not exists (select 1 from payment_allocations pa join bills b on b.id = pa.bill_id
			where pa.payment_id = p.id and not exists (select 1 from ${accountsRelation(accounts)} where ${billOfAccount}))))`;
}

/**
 * Who hears about a party's money matters (a refund paid out): the people of these occupancies,
 * and the admins of an occupying company (they act for it; members need not all hear).
 */
export async function partyRecipients(
	executor: Executor,
	occupancies: readonly { userId: string | null; companyId: string | null }[]
): Promise<string[]> {
	const userIds = new Set(occupancies.map((o) => o.userId).filter((id): id is string => !!id));
	const companyIds = occupancies.map((o) => o.companyId).filter((id): id is string => !!id);
	if (companyIds.length) {
		const admins = await executor
			.select({ userId: companyMembers.userId })
			.from(companyMembers)
			.where(and(inArray(companyMembers.companyId, companyIds), eq(companyMembers.role, 'admin')));
		for (const admin of admins) userIds.add(admin.userId);
	}
	return [...userIds];
}

/**
 * billedParty in SQL, for the billing run: `payer` a fee_payer expression, `let_` a boolean one.
 * A periodic item has no requester, so it bills like the occupant. Kept beside billedParty and
 * tested against it (billing.db.test.ts).
 */
export function billedPartySql(payer: SQL, let_: SQL): SQL {
	return sql`(case when ${payer} = 'owner' or not ${let_} then 'owner' else 'renter' end)::occupancy_role`;
}

/**
 * Deposits held (押金): what was paid on a unit's deposit bills and not yet released by a paid
 * refund. The deposit is money the company keeps in trust, so it is derived from the bills and
 * refunds, not from the account balance (paying a deposit bill leaves the balance at zero).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { billInAccounts, type Party, type PartyAccount } from './parties.ts';

export interface HeldDeposit {
	billId: string;
	seq: number;
	unitId: string;
	/** Whose deposit: the deposit bill's party (fees/parties.ts). */
	party: Party;
	paidMinor: number;
	releasedMinor: number;
	heldMinor: number;
	currency: string;
	issuedOn: string;
	/** The first line's name in English (callers show the localised names from bill_lines). */
	name: string;
	nameZhHans: string;
	nameZhHant: string;
}

/** The units' deposits held; with `accounts`, only those of the resident's party (fees/parties.ts). */
export async function depositsHeld(
	executor: Executor,
	unitIds: readonly string[],
	accounts?: readonly PartyAccount[]
): Promise<HeldDeposit[]> {
	if (unitIds.length === 0) return [];
	const rows = await queryRows<{
		bill_id: string;
		seq: string | number;
		unit_id: string;
		party: Party;
		paid: string | number;
		released: string | number;
		currency: string;
		issued_on: string;
		name_en: string;
		name_zh_hans: string;
		name_zh_hant: string;
	}>(
		executor,
		sql`select b.id as bill_id, b.seq, b.unit_id, b.party, b.currency, b.issued_on::text as issued_on,
				coalesce(l.name_en, '') as name_en, coalesce(l.name_zh_hans, '') as name_zh_hans, coalesce(l.name_zh_hant, '') as name_zh_hant,
				coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
					where pa.bill_id = b.id and p.state = 'succeeded'), 0)::bigint as paid,
				coalesce((select sum(r.gross_minor) from refunds r
					where r.deposit_bill_id = b.id and r.kind = 'deposit' and r.state = 'paid'), 0)::bigint as released
			from bills b
			left join lateral (select name_en, name_zh_hans, name_zh_hant from bill_lines where bill_id = b.id order by sort limit 1) l on true
			where b.source = 'deposit' and b.state <> 'void'
				and b.unit_id in (${sql.join(
					unitIds.map((id) => sql`${id}::uuid`),
					sql`, `
				)})
				${accounts ? sql`and ${billInAccounts(accounts)}` : sql``}
			order by b.issued_on, b.seq`
	);
	return rows
		.map((r) => {
			const paidMinor = Number(r.paid);
			const releasedMinor = Number(r.released);
			return {
				billId: r.bill_id,
				seq: Number(r.seq),
				unitId: r.unit_id,
				party: r.party,
				paidMinor,
				releasedMinor,
				heldMinor: paidMinor - releasedMinor,
				currency: r.currency,
				issuedOn: r.issued_on,
				name: r.name_en,
				nameZhHans: r.name_zh_hans,
				nameZhHant: r.name_zh_hant
			};
		})
		.filter((d) => d.paidMinor > 0);
}

/**
 * A company's total (the company admin's page, /app/company/[companyId]/bills): the open bills of
 * every unit the company occupies — its own parties' bills (fees/parties.ts companyAccounts), not
 * a member's in person — grouped by estate and unit, with what each still owes, what the company
 * owes in all, and which bills are already in a pending checkout (at most one open checkout per
 * bill: those cannot be picked again until it ends). The admin picks all or some and pays them in
 * one checkout (payments/service.ts startCompanyPayment). Anyone outside the company: 404; a
 * member who is not its admin: 403.
 */
import { error } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { businessToday } from '#lib/time/index.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { residentCompanies } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireCompanyAdmin } from '../accounts/company.ts';
import { availableProviders } from '../payments/providers.ts';
import { owedSql } from './ledger.ts';
import { accountsRelation, billOfAccount, companyAccounts } from './parties.ts';
import { billColumns, firstLine, toSummary, type BillRow, type BillSummary } from './resident.ts';

/** Open bills read per unit (years of arrears still add up; a runaway account stops here). */
const OPEN_BILLS_PER_UNIT = 200;

export interface CompanyBill extends BillSummary {
	/** The pending checkout this bill is in, if any: another cannot be opened for it until that one ends. */
	checkout: { paymentId: string; ofThisCompany: boolean } | null;
}

export interface CompanyUnit {
	id: string;
	buildingName: string;
	number: string;
	bills: CompanyBill[];
	/** What the unit's open bills owe. */
	dueMinor: number;
}

/** The company's units of one estate: one checkout pays bills of one estate (its receipt is that estate's). */
export interface CompanyEstate {
	id: string;
	name: string;
	timeZone: string;
	currency: string;
	units: CompanyUnit[];
	dueMinor: number;
	overdueMinor: number;
	/** Bills that may be picked now (owing, not in a pending checkout). */
	payableBills: number;
}

export interface CompanyBillsPage {
	company: { id: string; name: string };
	estates: CompanyEstate[];
	/** The units the company occupies, with or without open bills. */
	unitCount: number;
	providers: string[];
}

type Row = BillRow & {
	estate_id: string;
	estate_name: string;
	time_zone: string;
	building_name: string;
	unit_number: string;
	owed: string | number;
	checkout_payment: string | null;
	checkout_company: string | null;
};

export async function companyBillsPage(actor: Actor, companyId: string, executor: Executor = db()): Promise<CompanyBillsPage> {
	requireCompanyAdmin(actor, companyId, 'company.pay');
	const [company] = await executor
		.select({ id: residentCompanies.id, name: residentCompanies.name })
		.from(residentCompanies)
		.where(eq(residentCompanies.id, companyId));
	if (!company) error(404, 'Company not found');
	const accounts = await companyAccounts(executor, actor, companyId);
	const rows =
		accounts.length === 0
			? []
			: await queryRows<Row>(
					executor,
					sql`select o.* from ${accountsRelation(accounts)}
						cross join lateral (
							select ${billColumns}, e.id as estate_id, e.name as estate_name, e.time_zone,
								bd.name as building_name, un.number as unit_number, ${owedSql}::bigint as owed,
								oc.payment_id as checkout_payment, cp.company_id as checkout_company
							from bills b ${firstLine}
							join units un on un.id = b.unit_id
							join buildings bd on bd.id = un.building_id
							join estates e on e.id = un.estate_id
							left join open_checkouts oc on oc.bill_id = b.id
							left join payments cp on cp.id = oc.payment_id
							where ${billOfAccount} and b.state = 'open'
							order by b.due_on, b.seq limit ${OPEN_BILLS_PER_UNIT}
						) o`
				);
	const now = new Date();
	const estates = new Map<string, CompanyEstate>();
	for (const row of rows) {
		const owed = Number(row.owed);
		if (owed <= 0) continue;
		let estate = estates.get(row.estate_id);
		if (!estate) {
			estate = {
				id: row.estate_id,
				name: row.estate_name,
				timeZone: row.time_zone,
				currency: row.currency,
				units: [],
				dueMinor: 0,
				overdueMinor: 0,
				payableBills: 0
			};
			estates.set(row.estate_id, estate);
		}
		let unit = estate.units.find((u) => u.id === row.unit_id);
		if (!unit) {
			unit = { id: row.unit_id, buildingName: row.building_name, number: row.unit_number, bills: [], dueMinor: 0 };
			estate.units.push(unit);
		}
		const bill: CompanyBill = {
			...toSummary(row, new Map([[row.id, owed]]), businessToday({ timeZone: row.time_zone }, now)),
			checkout: row.checkout_payment ? { paymentId: row.checkout_payment, ofThisCompany: row.checkout_company === companyId } : null
		};
		unit.bills.push(bill);
		unit.dueMinor += owed;
		estate.dueMinor += owed;
		if (bill.overdue) estate.overdueMinor += owed;
		if (bill.payable && !bill.checkout) estate.payableBills += 1;
	}
	const byPlace = (a: CompanyUnit, b: CompanyUnit) =>
		a.buildingName.localeCompare(b.buildingName) || a.number.localeCompare(b.number, undefined, { numeric: true });
	for (const estate of estates.values()) {
		estate.units.sort(byPlace);
		for (const unit of estate.units) unit.bills.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.seq - y.seq);
	}
	return {
		company,
		estates: [...estates.values()].sort((a, b) => a.name.localeCompare(b.name)),
		unitCount: new Set(accounts.map((a) => a.unitId)).size,
		providers: availableProviders()
	};
}

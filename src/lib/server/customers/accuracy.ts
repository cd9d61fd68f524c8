/**
 * Key-account data accuracy (rule 11: "key-account data must be ≥ 98 % accurate"). A key account
 * is a customer whose type is marked keyAccount; it is checked in every estate where it occupies a
 * unit today (property/occupancy.ts). The checks are data — the table below, each pass or fail
 * with what to fix — and an estate's figure is the checks passed over the checks made of its key
 * accounts, against 98 %. Three queries whatever the number of accounts: the accounts with their
 * estates, their companies' members, the estates' todays.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { emailField, phoneField } from '#lib/schemas/auth.ts';
import { addMonthsToDate, type BusinessDate } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { companyMembers, customers, customerTypes, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { keyAccountType } from './key-accounts.ts';

/** The figure every estate is held to, in per cent. */
export const ACCURACY_TARGET_PERCENT = 98;

/**
 * The figure of `passed` checks out of `checked`: a percentage with one decimal (null when nothing
 * was checked) and whether it reaches the target — compared exactly, so 48 of 49 (97.96 %) shows
 * 98.0 % and still falls short. One estate's, or several estates' together (the dashboard).
 */
export function accuracyFigure(checked: number, passed: number): { percent: number | null; meetsTarget: boolean } {
	return {
		percent: checked ? Math.round((passed * 1000) / checked) / 10 : null,
		meetsTarget: passed * 100 >= ACCURACY_TARGET_PERCENT * checked
	};
}
/** Contacts count as current when staff confirmed them within this many months of the estate's today. */
const CONTACTS_CURRENT_MONTHS = 12;

export type AccuracyCheckName = 'required' | 'phone' | 'email' | 'contacts' | 'licence';
export type RequiredField = 'name' | 'registrationNo' | 'licenceNo' | 'licenceExpiresOn';

/** A person whose own details fail a check: fixed on the person's page (accounts/resident-contact.ts). */
export interface PersonToFix {
	userId: string;
	name: string;
}

/**
 * A check that failed and what to fix: the people whose phone or email to correct (their page),
 * else the customer's own profile (type, licence, contacts confirmed: the customer's page).
 */
export interface FailedCheck {
	check: AccuracyCheckName;
	/** The required fields left empty. */
	missing?: RequiredField[];
	/** The people to correct; empty: fix on the customer's page. */
	people: PersonToFix[];
	/** Why, when the check can fail in several ways. */
	reason?: 'never' | 'old' | 'no_member' | 'missing' | 'expired' | 'no_admin';
	/** The licence's expiry or the contacts' last confirmation, when that is what failed. */
	on?: BusinessDate | null;
}

interface Member extends PersonToFix {
	role: 'admin' | 'member';
	phone: string;
	email: string;
	disabled: boolean;
}

/** A key account as the checks read it, in one estate on that estate's today. */
interface KeyAccount {
	kind: 'user' | 'company';
	today: BusinessDate;
	name: string;
	registrationNo: string;
	licenceNo: string;
	licenceExpiresOn: BusinessDate | null;
	contactsCheckedOn: BusinessDate | null;
	/** The person (a person's account) or the company's enabled admins: whose phone and email count. */
	contacts: Member[];
	/** A company's members still able to sign in. */
	enabledMembers: number;
}

type Outcome = Omit<FailedCheck, 'check'> | null;

const phoneValid = (phone: string) => phoneField.safeParse(phone).success;
const emailValid = (email: string) => emailField.safeParse(email).success;
const failing = (people: Member[], valid: (m: Member) => boolean): Outcome => {
	const wrong = people.filter((p) => !valid(p));
	// A company without an enabled admin has nobody to call: its members are fixed on the customer's page.
	if (people.length === 0) return { people: [], reason: 'no_admin' };
	return wrong.length ? { people: wrong.map(({ userId, name }) => ({ userId, name })) } : null;
};

/**
 * The checks, in the order the list shows them: which parties each applies to, and its rule
 * (null: passed). A company's phone and email are its enabled admin members'.
 */
export const accuracyChecks: readonly {
	name: AccuracyCheckName;
	appliesTo: readonly KeyAccount['kind'][];
	run(account: KeyAccount): Outcome;
}[] = [
	{
		name: 'required',
		appliesTo: ['user', 'company'],
		run(a) {
			const fields: [RequiredField, unknown][] =
				a.kind === 'company'
					? [
							['name', a.name.trim()],
							['registrationNo', a.registrationNo.trim()],
							['licenceNo', a.licenceNo.trim()],
							['licenceExpiresOn', a.licenceExpiresOn]
						]
					: [['name', a.name.trim()]];
			const missing = fields.filter(([, value]) => !value).map(([field]) => field);
			return missing.length ? { missing, people: [] } : null;
		}
	},
	{ name: 'phone', appliesTo: ['user', 'company'], run: (a) => failing(a.contacts, (p) => phoneValid(p.phone)) },
	{ name: 'email', appliesTo: ['user', 'company'], run: (a) => failing(a.contacts, (p) => emailValid(p.email)) },
	{
		name: 'contacts',
		appliesTo: ['user', 'company'],
		run(a) {
			const since = addMonthsToDate(a.today, -CONTACTS_CURRENT_MONTHS);
			const on = a.contactsCheckedOn;
			if (on === null) return { people: [], reason: 'never', on };
			if (on < since) return { people: [], reason: 'old', on };
			return a.kind === 'company' && a.enabledMembers === 0 ? { people: [], reason: 'no_member', on } : null;
		}
	},
	{
		name: 'licence',
		appliesTo: ['company'],
		run(a) {
			if (a.licenceExpiresOn === null) return { people: [], reason: 'missing', on: null };
			return a.licenceExpiresOn < a.today ? { people: [], reason: 'expired', on: a.licenceExpiresOn } : null;
		}
	}
];

export interface EstateAccuracy {
	estateId: string;
	/** Key accounts occupying a unit of the estate today. */
	accounts: number;
	/** Of them, those failing at least one check. */
	failing: number;
	checked: number;
	passed: number;
	/** passed / checked in per cent, one decimal; null when nothing was checked. */
	percent: number | null;
	/** Whether the estate is at or above ACCURACY_TARGET_PERCENT (true when there is nothing to check). */
	meetsTarget: boolean;
}

export interface AccountToFix {
	customerId: string;
	estateId: string;
	party: { kind: 'user' | 'company'; id: string };
	name: string;
	failed: FailedCheck[];
}

/**
 * The accuracy figure of each of these estates (in their order) on each estate's today, and the
 * key accounts to fix with their failed checks (by estate, then name).
 */
export async function estateAccuracy(
	executor: Executor,
	estateIds: readonly string[],
	now: Date = new Date()
): Promise<{ estates: EstateAccuracy[]; toFix: AccountToFix[] }> {
	if (estateIds.length === 0) return { estates: [], toFix: [] };
	const todays = await estateTodays(executor, now);
	const asked = new Map([...todays].filter(([id]) => estateIds.includes(id)));
	const keyAccount = keyAccountType;
	const [rows, members] = await Promise.all([
		asked.size === 0
			? []
			: executor
					.selectDistinct({
						customerId: customers.id,
						estateId: units.estateId,
						userId: customers.userId,
						companyId: customers.companyId,
						name: sql<string>`coalesce(${residentCompanies.name}, ${users.name})`,
						registrationNo: sql<string>`coalesce(${residentCompanies.registrationNo}, '')`,
						licenceNo: customers.licenceNo,
						licenceExpiresOn: customers.licenceExpiresOn,
						contactsCheckedOn: customers.contactsCheckedOn,
						phone: users.phone,
						email: users.email,
						disabled: users.disabled
					})
					.from(customers)
					.innerJoin(customerTypes, keyAccount)
					.innerJoin(occupancies, or(eq(occupancies.userId, customers.userId), eq(occupancies.companyId, customers.companyId)))
					.innerJoin(units, eq(units.id, occupancies.unitId))
					.leftJoin(residentCompanies, eq(residentCompanies.id, customers.companyId))
					.leftJoin(users, eq(users.id, customers.userId))
					.where(and(inArray(units.estateId, [...asked.keys()]), currentOnSql(todayInEstateSql(units.estateId, asked)))),
		executor
			.select({
				companyId: companyMembers.companyId,
				userId: users.id,
				name: users.name,
				role: companyMembers.role,
				phone: users.phone,
				email: users.email,
				disabled: users.disabled
			})
			.from(companyMembers)
			.innerJoin(users, eq(users.id, companyMembers.userId))
			.where(
				inArray(companyMembers.companyId, executor.select({ id: customers.companyId }).from(customers).innerJoin(customerTypes, keyAccount))
			)
			.orderBy(users.name)
	]);
	const membersOf = Map.groupBy(members, (m) => m.companyId);

	const figures = new Map(estateIds.map((estateId) => [estateId, { estateId, accounts: 0, failing: 0, checked: 0, passed: 0 }]));
	const toFix: AccountToFix[] = [];
	for (const row of rows) {
		const figure = figures.get(row.estateId)!;
		const kind = row.companyId ? 'company' : 'user';
		const companyMembersOf = row.companyId ? (membersOf.get(row.companyId) ?? []) : [];
		const account: KeyAccount = {
			kind,
			today: asked.get(row.estateId)!,
			name: row.name,
			registrationNo: row.registrationNo,
			licenceNo: row.licenceNo,
			licenceExpiresOn: row.licenceExpiresOn,
			contactsCheckedOn: row.contactsCheckedOn,
			contacts:
				kind === 'user'
					? [
							{
								userId: row.userId!,
								name: row.name,
								role: 'admin',
								phone: row.phone ?? '',
								email: row.email ?? '',
								disabled: !!row.disabled
							}
						]
					: companyMembersOf.filter((m) => m.role === 'admin' && !m.disabled),
			enabledMembers: companyMembersOf.filter((m) => !m.disabled).length
		};
		const failed: FailedCheck[] = [];
		for (const check of accuracyChecks) {
			if (!check.appliesTo.includes(kind)) continue;
			figure.checked++;
			const outcome = check.run(account);
			if (outcome) failed.push({ check: check.name, ...outcome });
			else figure.passed++;
		}
		figure.accounts++;
		if (failed.length) {
			figure.failing++;
			toFix.push({
				customerId: row.customerId,
				estateId: row.estateId,
				party: { kind, id: (row.companyId ?? row.userId)! },
				name: row.name,
				failed
			});
		}
	}
	const order = new Map(estateIds.map((id, i) => [id, i]));
	toFix.sort(
		(a, b) => order.get(a.estateId)! - order.get(b.estateId)! || a.name.localeCompare(b.name) || a.customerId.localeCompare(b.customerId)
	);
	return {
		estates: [...figures.values()].map((f) => ({ ...f, ...accuracyFigure(f.checked, f.passed) })),
		toFix
	};
}

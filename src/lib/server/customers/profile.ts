/**
 * A customer's profile as the office keeps it (rule 11): its type (an active customer type), its
 * business licence's number and expiry, and "contacts confirmed current today" — what the
 * key-account accuracy check reads (accuracy.ts). A customer is an occupancy's party, a person or
 * a company; its customers row is made on the first save. Staff reach the parties who hold, or
 * held, a unit of their estates; anyone else is "not found". Every save is audited.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { customerProfileSchema, type CustomerProfileInput } from '#lib/schemas/customer-profile.ts';
import { businessToday, parseDate, type BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { customers, customerTypes, estates, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';

/** An occupancy's party: "user:<id>" or "company:<id>", as forms post it. */
export interface CustomerParty {
	kind: 'user' | 'company';
	id: string;
}

function partyValue(party: CustomerParty): string {
	return `${party.kind}:${party.id}`;
}

function parseParty(value: string): CustomerParty | null {
	const [kind, id] = value.split(':');
	return (kind === 'user' || kind === 'company') && isUuid(id) ? { kind, id } : null;
}

function partyCondition(party: CustomerParty): SQL {
	return party.kind === 'user' ? eq(occupancies.userId, party.id) : eq(occupancies.companyId, party.id);
}

/** The zone of the party's latest unit in the actor's estates (what "today" is for it); 404 when it has none there. */
async function partyZone(actor: Actor, party: CustomerParty, executor: Executor): Promise<string> {
	const [row] = await executor
		.select({ timeZone: estates.timeZone })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(and(partyCondition(party), inActorEstates(actor, units.estateId)))
		.orderBy(desc(occupancies.startsOn))
		.limit(1);
	if (!row) error(404, 'Not found');
	return row.timeZone;
}

export interface CustomerTypeChoice {
	id: string;
	name: string;
	keyAccount: boolean;
}

/** The active customer types, in their order, named in the reader's language. */
export async function activeCustomerTypes(locale: string, executor: Executor = db()): Promise<CustomerTypeChoice[]> {
	const rows = await executor
		.select()
		.from(customerTypes)
		.where(eq(customerTypes.active, true))
		.orderBy(asc(customerTypes.sort), asc(customerTypes.code));
	return rows.map((t) => ({ id: t.id, name: localizedName(t, locale), keyAccount: t.keyAccount }));
}

export interface CustomerProfile {
	customerId: string;
	party: string;
	name: string;
	typeId: string | null;
	licenceNo: string;
	licenceExpiresOn: BusinessDate | null;
	contactsCheckedOn: BusinessDate | null;
	/** Today where the customer's unit is: what "confirmed today" writes. */
	today: BusinessDate;
}

/** A customer's profile by its customers row, within the actor's estates (else 404). */
export async function customerProfile(
	actor: Actor,
	customerId: string,
	now: Date = new Date(),
	executor: Executor = db()
): Promise<CustomerProfile> {
	requireStaff(actor, 'customers.profile');
	const [row] = isUuid(customerId)
		? await executor
				.select({
					customerId: customers.id,
					userId: customers.userId,
					companyId: customers.companyId,
					name: sql<string>`coalesce(${residentCompanies.name}, ${users.name})`,
					typeId: customers.typeId,
					licenceNo: customers.licenceNo,
					licenceExpiresOn: customers.licenceExpiresOn,
					contactsCheckedOn: customers.contactsCheckedOn
				})
				.from(customers)
				.leftJoin(residentCompanies, eq(residentCompanies.id, customers.companyId))
				.leftJoin(users, eq(users.id, customers.userId))
				.where(eq(customers.id, customerId))
		: [];
	if (!row) error(404, 'Not found');
	const party: CustomerParty = row.companyId ? { kind: 'company', id: row.companyId } : { kind: 'user', id: row.userId! };
	const today = businessToday({ timeZone: await partyZone(actor, party, executor) }, now);
	return {
		customerId: row.customerId,
		party: partyValue(party),
		name: row.name,
		typeId: row.typeId,
		licenceNo: row.licenceNo,
		licenceExpiresOn: row.licenceExpiresOn,
		contactsCheckedOn: row.contactsCheckedOn,
		today
	};
}

/**
 * Saves the customer's type, licence and (when confirmed) today's date as the day its contacts
 * were last confirmed, making the party's customers row if it has none. The type must be an
 * active one (a deactivated type already held may stay).
 */
export async function updateCustomerProfile(
	actor: Actor,
	input: CustomerProfileInput,
	now: Date = new Date()
): Promise<{ customerId: string }> {
	requireStaff(actor, 'customers.profile');
	const data = parseInput(customerProfileSchema, input);
	const party = parseParty(data.party);
	if (!party) throw new InputError('party', m.accuracy_party_required());
	const licenceExpiresOn = data.licenceExpiresOn === '' ? null : parseDate(data.licenceExpiresOn);
	if (data.licenceExpiresOn !== '' && !licenceExpiresOn) throw new InputError('licenceExpiresOn', m.field_date_invalid());
	return db().transaction(async (tx) => {
		const today = businessToday({ timeZone: await partyZone(actor, party, tx) }, now);
		const partyColumn = party.kind === 'user' ? customers.userId : customers.companyId;
		const [before] = await tx.select().from(customers).where(eq(partyColumn, party.id)).for('update');
		const typeId = data.typeId === '' ? null : data.typeId;
		if (typeId && typeId !== before?.typeId) {
			const [type] = await tx
				.select({ id: customerTypes.id })
				.from(customerTypes)
				.where(and(eq(customerTypes.id, typeId), eq(customerTypes.active, true)));
			if (!type) throw new InputError('typeId', m.accuracy_type_invalid());
		}
		const values = {
			typeId,
			licenceNo: data.licenceNo,
			licenceExpiresOn,
			contactsCheckedOn: data.contactsConfirmed ? today : (before?.contactsCheckedOn ?? null)
		};
		let customerId = before?.id;
		if (customerId) {
			await tx
				.update(customers)
				.set({ ...values, updatedAt: now })
				.where(eq(customers.id, customerId));
		} else {
			const [made] = await tx
				.insert(customers)
				.values({ ...values, userId: party.kind === 'user' ? party.id : null, companyId: party.kind === 'company' ? party.id : null })
				.returning({ id: customers.id });
			customerId = made!.id;
		}
		const was = before && {
			typeId: before.typeId,
			licenceNo: before.licenceNo,
			licenceExpiresOn: before.licenceExpiresOn,
			contactsCheckedOn: before.contactsCheckedOn
		};
		await recordAudit(tx, {
			actor,
			action: 'customers.profile_updated',
			subjectType: 'customer',
			subjectId: customerId,
			detail: { party: data.party, from: was ?? null, to: values }
		});
		return { customerId };
	});
}

import { asc, eq } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { customerTypes } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import type { CustomerTypeInput } from '#lib/schemas/dictionaries.ts';
import { saveCodedEntry, setServiceItemActive } from './service-items.ts';

export type CustomerType = typeof customerTypes.$inferSelect;

/** Customer types (客戶類型, rule 11) in the admin's order; staff classify customers by the active ones only. */
export function listCustomerTypes(executor: Executor = db(), options: { activeOnly?: boolean } = {}): Promise<CustomerType[]> {
	return executor
		.select()
		.from(customerTypes)
		.where(options.activeOnly ? eq(customerTypes.active, true) : undefined)
		.orderBy(asc(customerTypes.sort), asc(customerTypes.code));
}

/** The admin's list, retired types included. */
export function customerTypesForAdmin(actor: Actor): Promise<CustomerType[]> {
	requireStaff(actor, 'dictionaries.manage');
	return listCustomerTypes(db());
}

/** Adds or edits a type: a code and three names like every coded dictionary, and whether it is a key account (saveCodedEntry, audited). */
export function saveCustomerType(actor: Actor, input: CustomerTypeInput, ip?: string): Promise<{ id: string }> {
	const { id, ...values } = input;
	return saveCodedEntry(actor, 'customer_type', id, values, ip);
}

/** Retires or restores a type; customers of a retired type keep it (a type in use is never deleted). */
export function setCustomerTypeActive(actor: Actor, id: string, active: boolean, ip?: string): Promise<void> {
	return setServiceItemActive(actor, 'customer_type', id, active, ip);
}

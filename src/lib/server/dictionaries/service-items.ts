import { error } from '@sveltejs/kit';
import { and, asc, eq, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { complaintKinds, customerTypes, freeServiceItems, paidServiceItems, serviceApplicationKinds } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import type { FreeServiceItemInput, PaidServiceItemInput } from '../../schemas/dictionaries.ts';
import { parseAmountMinor } from '#lib/money/index.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { codeTaken } from './repair-kinds.ts';

export type FreeServiceItem = typeof freeServiceItems.$inferSelect;
export type PaidServiceItem = typeof paidServiceItems.$inferSelect;

/** The free-service list (維修服務項目表); work not on it is quoted as a paid service. */
export function listFreeServiceItems(executor: Executor = db(), options: { activeOnly?: boolean } = {}): Promise<FreeServiceItem[]> {
	return executor
		.select()
		.from(freeServiceItems)
		.where(options.activeOnly ? eq(freeServiceItems.active, true) : undefined)
		.orderBy(asc(freeServiceItems.sort), asc(freeServiceItems.code));
}

export function listPaidServiceItems(executor: Executor = db(), options: { activeOnly?: boolean } = {}): Promise<PaidServiceItem[]> {
	return executor
		.select()
		.from(paidServiceItems)
		.where(options.activeOnly ? eq(paidServiceItems.active, true) : undefined)
		.orderBy(asc(paidServiceItems.sort), asc(paidServiceItems.code));
}

export function serviceItemsForAdmin(actor: Actor): Promise<[FreeServiceItem[], PaidServiceItem[]]> {
	requireStaff(actor, 'dictionaries.manage');
	return Promise.all([listFreeServiceItems(db()), listPaidServiceItems(db())]);
}

export async function freeServiceItemForEdit(actor: Actor, id: string): Promise<FreeServiceItem | null> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) return null;
	const [item] = await db().select().from(freeServiceItems).where(eq(freeServiceItems.id, id));
	return item ?? null;
}

export async function paidServiceItemForEdit(actor: Actor, id: string): Promise<PaidServiceItem | null> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) return null;
	const [item] = await db().select().from(paidServiceItems).where(eq(paidServiceItems.id, id));
	return item ?? null;
}

/**
 * The dictionaries that are a code and a name in three languages, kept active or retired: the
 * free-service list and the complaint kinds (投訴類別) are saved, retired and audited alike.
 */
const namedLists = {
	free: { audit: 'free_service_item' },
	complaint: { audit: 'complaint_kind' }
} as const;
export type NamedList = keyof typeof namedLists;

/** The coded dictionaries saved and retired here alike, by their audit subject (only their shared columns are read here). */
const codedTables = {
	free_service_item: freeServiceItems,
	complaint_kind: complaintKinds as unknown as typeof freeServiceItems,
	paid_service_item: paidServiceItems as unknown as typeof freeServiceItems,
	service_application_kind: serviceApplicationKinds as unknown as typeof freeServiceItems,
	customer_type: customerTypes as unknown as typeof freeServiceItems
} as const;
export type CodedDictionary = keyof typeof codedTables;

/**
 * Saves a new entry (id empty) or an edit of any coded dictionary (a code unique in its table,
 * its other columns as given); a taken code is an InputError at the code field, an unknown id a
 * 404. One transaction with its audit row.
 */
export async function saveCodedEntry(
	actor: Actor,
	dictionary: CodedDictionary,
	id: string,
	values: { code: string } & Record<string, unknown>,
	ip?: string
): Promise<{ id: string }> {
	requireStaff(actor, 'dictionaries.manage');
	const table = codedTables[dictionary];
	if (id && !isUuid(id)) error(404, 'Not found');
	return (
		db()
			.transaction(async (tx) => {
				const [clash] = await tx
					.select({ id: table.id })
					.from(table)
					.where(and(eq(table.code, values.code), id ? ne(table.id, id) : undefined));
				if (clash) throw codeTaken();
				let savedId = id;
				if (id) {
					const [updated] = await tx
						.update(table)
						.set({ ...values, updatedAt: new Date() })
						.where(eq(table.id, id))
						.returning({ id: table.id });
					if (!updated) error(404, 'Not found');
				} else {
					const [created] = await tx
						.insert(table)
						.values(values as typeof table.$inferInsert)
						.returning({ id: table.id });
					savedId = created!.id;
				}
				await recordAudit(tx, {
					actor,
					action: `dictionary.${dictionary}.${id ? 'update' : 'create'}`,
					subjectType: dictionary,
					subjectId: savedId,
					detail: values,
					ip
				});
				return { id: savedId };
			})
			// Two admins adding the same code at once: the unique index decides.
			.catch((err: unknown) => rethrowUnique(err, { '*': codeTaken }))
	);
}

/** The free-service list and the complaint kinds: a code and three names (saveCodedEntry). */
function saveNamedEntry(actor: Actor, list: NamedList, input: FreeServiceItemInput, ip?: string): Promise<{ id: string }> {
	const { id, ...values } = input;
	return saveCodedEntry(actor, namedLists[list].audit, id, values, ip);
}

/** The free-service list's save (saveNamedEntry). */
export const saveFreeServiceItem = (actor: Actor, input: FreeServiceItemInput, ip?: string) => saveNamedEntry(actor, 'free', input, ip);
/** The complaint kinds' save (saveNamedEntry). */
export const saveComplaintKind = (actor: Actor, input: FreeServiceItemInput, ip?: string) => saveNamedEntry(actor, 'complaint', input, ip);

export function savePaidServiceItem(actor: Actor, input: PaidServiceItemInput, ip?: string): Promise<{ id: string }> {
	const { id, unitPrice, ...rest } = input;
	return saveCodedEntry(actor, 'paid_service_item', id, { ...rest, unitPriceMinor: parseAmountMinor(unitPrice)! }, ip);
}

/**
 * Retires or restores a service item or a service-application kind (404 for an unknown one); quotes
 * that used an item keep their own copy of the price, applications their own copy of the fields.
 */
export async function setServiceItemActive(
	actor: Actor,
	list: NamedList | 'paid' | 'service_kind' | 'customer_type',
	id: string,
	active: boolean,
	ip?: string
): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) error(404, 'Not found');
	const audit: CodedDictionary =
		list === 'paid'
			? 'paid_service_item'
			: list === 'service_kind'
				? 'service_application_kind'
				: list === 'customer_type'
					? 'customer_type'
					: namedLists[list].audit;
	const table = codedTables[audit];
	await db().transaction(async (tx) => {
		const [updated] = await tx
			.update(table)
			.set({ active, updatedAt: new Date() })
			.where(eq(table.id, id))
			.returning({ id: table.id, code: table.code });
		if (!updated) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			action: `dictionary.${audit}.${active ? 'activate' : 'deactivate'}`,
			subjectType: audit,
			subjectId: id,
			detail: { code: updated.code },
			ip
		});
	});
}

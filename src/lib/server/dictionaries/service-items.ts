import { error } from '@sveltejs/kit';
import { and, asc, eq, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { complaintKinds, freeServiceItems, paidServiceItems } from '../db/schema/index.ts';
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
	free: { table: freeServiceItems, audit: 'free_service_item' },
	// Same columns as the free-service list: one table type serves both.
	complaint: { table: complaintKinds as unknown as typeof freeServiceItems, audit: 'complaint_kind' }
} as const;
export type NamedList = keyof typeof namedLists;

/** Saves a new entry (input.id empty) or an edit; a taken code is an InputError at the code field, an unknown id a 404. */
async function saveNamedEntry(actor: Actor, list: NamedList, input: FreeServiceItemInput, ip?: string): Promise<{ id: string }> {
	requireStaff(actor, 'dictionaries.manage');
	const { table, audit } = namedLists[list];
	const { id, ...values } = input;
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
					const [created] = await tx.insert(table).values(values).returning({ id: table.id });
					savedId = created!.id;
				}
				await recordAudit(tx, {
					actor,
					action: `dictionary.${audit}.${id ? 'update' : 'create'}`,
					subjectType: audit,
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

/** The free-service list's save (saveNamedEntry). */
export const saveFreeServiceItem = (actor: Actor, input: FreeServiceItemInput, ip?: string) => saveNamedEntry(actor, 'free', input, ip);
/** The complaint kinds' save (saveNamedEntry). */
export const saveComplaintKind = (actor: Actor, input: FreeServiceItemInput, ip?: string) => saveNamedEntry(actor, 'complaint', input, ip);

export async function savePaidServiceItem(actor: Actor, input: PaidServiceItemInput, ip?: string): Promise<{ id: string }> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, unitPrice, ...rest } = input;
	const values = { ...rest, unitPriceMinor: parseAmountMinor(unitPrice)! };
	if (id && !isUuid(id)) error(404, 'Not found');
	return db()
		.transaction(async (tx) => {
			const [clash] = await tx
				.select({ id: paidServiceItems.id })
				.from(paidServiceItems)
				.where(and(eq(paidServiceItems.code, values.code), id ? ne(paidServiceItems.id, id) : undefined));
			if (clash) throw codeTaken();
			let savedId = id;
			if (id) {
				const [updated] = await tx
					.update(paidServiceItems)
					.set({ ...values, updatedAt: new Date() })
					.where(eq(paidServiceItems.id, id))
					.returning({ id: paidServiceItems.id });
				if (!updated) error(404, 'Not found');
			} else {
				const [created] = await tx.insert(paidServiceItems).values(values).returning({ id: paidServiceItems.id });
				savedId = created!.id;
			}
			await recordAudit(tx, {
				actor,
				action: id ? 'dictionary.paid_service_item.update' : 'dictionary.paid_service_item.create',
				subjectType: 'paid_service_item',
				subjectId: savedId,
				detail: values,
				ip
			});
			return { id: savedId };
		})
		.catch((err: unknown) => rethrowUnique(err, { '*': codeTaken }));
}

/** Retires or restores a service item (404 for an unknown one); quotes that used it keep their own copy of the price. */
export async function setServiceItemActive(
	actor: Actor,
	list: NamedList | 'paid',
	id: string,
	active: boolean,
	ip?: string
): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) error(404, 'Not found');
	const table = list === 'paid' ? (paidServiceItems as unknown as typeof freeServiceItems) : namedLists[list].table;
	const audit = list === 'paid' ? 'paid_service_item' : namedLists[list].audit;
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

import { and, asc, eq, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { freeServiceItems, paidServiceItems } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import type { FreeServiceItemInput, PaidServiceItemInput } from '../../schemas/dictionaries.ts';
import { parseAmountMinor } from '#lib/money/index.ts';
import { isUniqueViolation, type DictionaryResult } from './results.ts';

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

async function uniqueCodeOr(run: () => Promise<DictionaryResult>): Promise<DictionaryResult> {
	try {
		return await run();
	} catch (err) {
		// Two admins adding the same code at once: the unique index decides.
		if (isUniqueViolation(err)) return { ok: false, reason: 'code_taken' };
		throw err;
	}
}

export function saveFreeServiceItem(actor: Actor, input: FreeServiceItemInput, ip?: string): Promise<DictionaryResult> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, ...values } = input;
	if (id && !isUuid(id)) return Promise.resolve({ ok: false, reason: 'not_found' });
	return uniqueCodeOr(() =>
		db().transaction(async (tx) => {
			const [clash] = await tx
				.select({ id: freeServiceItems.id })
				.from(freeServiceItems)
				.where(and(eq(freeServiceItems.code, values.code), id ? ne(freeServiceItems.id, id) : undefined));
			if (clash) return { ok: false, reason: 'code_taken' } as const;
			let savedId = id;
			if (id) {
				const [updated] = await tx
					.update(freeServiceItems)
					.set({ ...values, updatedAt: new Date() })
					.where(eq(freeServiceItems.id, id))
					.returning({ id: freeServiceItems.id });
				if (!updated) return { ok: false, reason: 'not_found' } as const;
			} else {
				const [created] = await tx.insert(freeServiceItems).values(values).returning({ id: freeServiceItems.id });
				savedId = created!.id;
			}
			await recordAudit(tx, {
				actor,
				action: id ? 'dictionary.free_service_item.update' : 'dictionary.free_service_item.create',
				subjectType: 'free_service_item',
				subjectId: savedId,
				detail: values,
				ip
			});
			return { ok: true, id: savedId } as const;
		})
	);
}

export function savePaidServiceItem(actor: Actor, input: PaidServiceItemInput, ip?: string): Promise<DictionaryResult> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, unitPrice, ...rest } = input;
	const values = { ...rest, unitPriceMinor: parseAmountMinor(unitPrice)! };
	if (id && !isUuid(id)) return Promise.resolve({ ok: false, reason: 'not_found' });
	return uniqueCodeOr(() =>
		db().transaction(async (tx) => {
			const [clash] = await tx
				.select({ id: paidServiceItems.id })
				.from(paidServiceItems)
				.where(and(eq(paidServiceItems.code, values.code), id ? ne(paidServiceItems.id, id) : undefined));
			if (clash) return { ok: false, reason: 'code_taken' } as const;
			let savedId = id;
			if (id) {
				const [updated] = await tx
					.update(paidServiceItems)
					.set({ ...values, updatedAt: new Date() })
					.where(eq(paidServiceItems.id, id))
					.returning({ id: paidServiceItems.id });
				if (!updated) return { ok: false, reason: 'not_found' } as const;
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
			return { ok: true, id: savedId } as const;
		})
	);
}

/** Retires or restores a service item; quotes that used it keep their own copy of the price. */
export async function setServiceItemActive(
	actor: Actor,
	list: 'free' | 'paid',
	id: string,
	active: boolean,
	ip?: string
): Promise<DictionaryResult> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) return { ok: false, reason: 'not_found' };
	const table = list === 'free' ? freeServiceItems : paidServiceItems;
	return db().transaction(async (tx) => {
		const [updated] = await tx
			.update(table)
			.set({ active, updatedAt: new Date() })
			.where(eq(table.id, id))
			.returning({ id: table.id, code: table.code });
		if (!updated) return { ok: false, reason: 'not_found' } as const;
		await recordAudit(tx, {
			actor,
			action: `dictionary.${list}_service_item.${active ? 'activate' : 'deactivate'}`,
			subjectType: `${list}_service_item`,
			subjectId: id,
			detail: { code: updated.code },
			ip
		});
		return { ok: true, id } as const;
	});
}

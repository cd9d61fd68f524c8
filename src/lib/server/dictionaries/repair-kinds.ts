import { and, asc, eq, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { repairKinds } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import type { RepairKindInput } from '../../schemas/dictionaries.ts';
import { localizedName } from './localized-name.ts';
import { isUniqueViolation, type DictionaryResult } from './results.ts';

export type RepairKind = typeof repairKinds.$inferSelect;

/** Repair kinds in the admin's order; residents and staff pick from the active ones only. */
export function listRepairKinds(executor: Executor = db(), options: { activeOnly?: boolean } = {}): Promise<RepairKind[]> {
	return executor
		.select()
		.from(repairKinds)
		.where(options.activeOnly ? eq(repairKinds.active, true) : undefined)
		.orderBy(asc(repairKinds.sort), asc(repairKinds.code));
}

export async function findRepairKind(executor: Executor, id: string): Promise<RepairKind | null> {
	if (!isUuid(id)) return null;
	const [kind] = await executor.select().from(repairKinds).where(eq(repairKinds.id, id));
	return kind ?? null;
}

export function repairKindName(kind: Pick<RepairKind, 'nameEn' | 'nameZhHans' | 'nameZhHant'>, locale: string): string {
	return localizedName(kind, locale);
}

/** The admin list, including retired kinds. */
export function repairKindsForAdmin(actor: Actor): Promise<RepairKind[]> {
	requireStaff(actor, 'dictionaries.manage');
	return listRepairKinds(db());
}

export async function repairKindForEdit(actor: Actor, id: string): Promise<RepairKind | null> {
	requireStaff(actor, 'dictionaries.manage');
	return findRepairKind(db(), id);
}

/** Creates a kind (input.id empty) or updates one; codes are unique. */
export async function saveRepairKind(actor: Actor, input: RepairKindInput, ip?: string): Promise<DictionaryResult> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, ...values } = input;
	try {
		return await db().transaction(async (tx) => {
			const [clash] = await tx
				.select({ id: repairKinds.id })
				.from(repairKinds)
				.where(and(eq(repairKinds.code, values.code), id && isUuid(id) ? ne(repairKinds.id, id) : undefined));
			if (clash) return { ok: false, reason: 'code_taken' } as const;
			if (id) {
				if (!isUuid(id)) return { ok: false, reason: 'not_found' } as const;
				const [before] = await tx.select().from(repairKinds).where(eq(repairKinds.id, id)).for('update');
				if (!before) return { ok: false, reason: 'not_found' } as const;
				await tx.update(repairKinds).set({ ...values, updatedAt: new Date() }).where(eq(repairKinds.id, id));
				await recordAudit(tx, {
					actor,
					action: 'dictionary.repair_kind.update',
					subjectType: 'repair_kind',
					subjectId: id,
					detail: { before: snapshot(before), after: values },
					ip
				});
				return { ok: true, id } as const;
			}
			const [created] = await tx.insert(repairKinds).values(values).returning({ id: repairKinds.id });
			await recordAudit(tx, {
				actor,
				action: 'dictionary.repair_kind.create',
				subjectType: 'repair_kind',
				subjectId: created!.id,
				detail: values,
				ip
			});
			return { ok: true, id: created!.id } as const;
		});
	} catch (err) {
		// Two admins adding the same code at once: the unique index decides.
		if (isUniqueViolation(err)) return { ok: false, reason: 'code_taken' };
		throw err;
	}
}

/**
 * Retires or restores a kind. Kinds are never deleted: repair orders keep pointing at them,
 * and a retired kind simply stops being offered.
 */
export async function setRepairKindActive(actor: Actor, id: string, active: boolean, ip?: string): Promise<DictionaryResult> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) return { ok: false, reason: 'not_found' };
	return db().transaction(async (tx) => {
		const [updated] = await tx
			.update(repairKinds)
			.set({ active, updatedAt: new Date() })
			.where(eq(repairKinds.id, id))
			.returning({ id: repairKinds.id, code: repairKinds.code });
		if (!updated) return { ok: false, reason: 'not_found' } as const;
		await recordAudit(tx, {
			actor,
			action: active ? 'dictionary.repair_kind.activate' : 'dictionary.repair_kind.deactivate',
			subjectType: 'repair_kind',
			subjectId: id,
			detail: { code: updated.code },
			ip
		});
		return { ok: true, id } as const;
	});
}

function snapshot(kind: RepairKind) {
	const { createdAt: _created, updatedAt: _updated, id: _id, ...rest } = kind;
	return rest;
}

import { error } from '@sveltejs/kit';
import { and, asc, eq, ne } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import { repairKinds } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import type { RepairKindInput } from '../../schemas/dictionaries.ts';
import { localizedName } from './localized-name.ts';

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

/** A code another row already has, said at the code field. */
export const codeTaken = () => new InputError('code', m.dict_code_taken());

/**
 * Creates a kind (input.id empty) or updates one; codes are unique (a taken code is an
 * InputError at the code field). An unknown id is a 404.
 */
export async function saveRepairKind(actor: Actor, input: RepairKindInput, ip?: string): Promise<{ id: string }> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, ...values } = input;
	if (id && !isUuid(id)) error(404, 'Not found');
	return (
		db()
			.transaction(async (tx) => {
				const [clash] = await tx
					.select({ id: repairKinds.id })
					.from(repairKinds)
					.where(and(eq(repairKinds.code, values.code), id ? ne(repairKinds.id, id) : undefined));
				if (clash) throw codeTaken();
				if (id) {
					const [before] = await tx.select().from(repairKinds).where(eq(repairKinds.id, id)).for('update');
					if (!before) error(404, 'Not found');
					await tx
						.update(repairKinds)
						.set({ ...values, updatedAt: new Date() })
						.where(eq(repairKinds.id, id));
					await recordAudit(tx, {
						actor,
						action: 'dictionary.repair_kind.update',
						subjectType: 'repair_kind',
						subjectId: id,
						detail: { before: snapshot(before), after: values },
						ip
					});
					return { id };
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
				return { id: created!.id };
			})
			// Two admins adding the same code at once: the unique index decides.
			.catch((err: unknown) => rethrowUnique(err, { '*': codeTaken }))
	);
}

/**
 * Retires or restores a kind (404 for an unknown one). Kinds are never deleted: repair orders
 * keep pointing at them, and a retired kind simply stops being offered.
 */
export async function setRepairKindActive(actor: Actor, id: string, active: boolean, ip?: string): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const [updated] = await tx
			.update(repairKinds)
			.set({ active, updatedAt: new Date() })
			.where(eq(repairKinds.id, id))
			.returning({ id: repairKinds.id, code: repairKinds.code });
		if (!updated) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			action: active ? 'dictionary.repair_kind.activate' : 'dictionary.repair_kind.deactivate',
			subjectType: 'repair_kind',
			subjectId: id,
			detail: { code: updated.code },
			ip
		});
	});
}

function snapshot(kind: RepairKind) {
	const { createdAt: _created, updatedAt: _updated, id: _id, ...rest } = kind;
	return rest;
}

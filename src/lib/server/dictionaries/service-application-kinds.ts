/**
 * The kinds of service application (服務申請): dictionary data an admin edits (rule 12), saved
 * and retired through the dictionaries' shared save and retire (service-items.ts). A kind's fields
 * are jsonb, checked by lib/schemas/service-applications.ts when saved and when read.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, ne } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import { feeItems, serviceApplicationKinds } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { serviceFieldsSchema, serviceKindSchema, type ServiceField } from '../../schemas/service-applications.ts';
import { saveCodedEntry, setServiceItemActive } from './service-items.ts';

export type ServiceApplicationKind = typeof serviceApplicationKinds.$inferSelect;

/** A kind's fields as stored, checked (a row edited outside the app reads as no fields rather than breaking a page). */
export function kindFields(kind: { fields: unknown }): ServiceField[] {
	const parsed = serviceFieldsSchema.safeParse(kind.fields);
	return parsed.success ? parsed.data : [];
}

export function listServiceApplicationKinds(
	executor: Executor = db(),
	options: { activeOnly?: boolean } = {}
): Promise<ServiceApplicationKind[]> {
	return executor
		.select()
		.from(serviceApplicationKinds)
		.where(options.activeOnly ? eq(serviceApplicationKinds.active, true) : undefined)
		.orderBy(asc(serviceApplicationKinds.sort), asc(serviceApplicationKinds.code));
}

export function serviceKindsForAdmin(actor: Actor): Promise<ServiceApplicationKind[]> {
	requireStaff(actor, 'dictionaries.manage');
	return listServiceApplicationKinds(db());
}

export async function serviceKindForEdit(actor: Actor, id: string): Promise<ServiceApplicationKind | null> {
	requireStaff(actor, 'dictionaries.manage');
	if (!isUuid(id)) return null;
	const [kind] = await db().select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.id, id));
	return kind ?? null;
}

/** Saves a kind (new when input.id is empty); its fee item must be an active one. */
export async function saveServiceApplicationKind(actor: Actor, raw: unknown, ip?: string): Promise<{ id: string }> {
	requireStaff(actor, 'dictionaries.manage');
	const { id, feeItemId, feeQuantityField, feeBasis, ...rest } = parseInput(serviceKindSchema, raw);
	if (feeItemId) {
		const [item] = isUuid(feeItemId)
			? await db()
					.select({ id: feeItems.id })
					.from(feeItems)
					.where(and(eq(feeItems.id, feeItemId), eq(feeItems.active, true)))
			: [];
		if (!item) throw new InputError('feeItemId', m.services_fee_item_unknown());
	}
	if (id && !isUuid(id)) error(404, 'Not found');
	return saveCodedEntry(
		actor,
		'service_application_kind',
		id,
		{
			...rest,
			feeItemId: feeItemId || null,
			feeBasis: feeItemId ? feeBasis : 'fixed',
			feeQuantityField: feeItemId && feeBasis === 'per_unit' ? feeQuantityField : null
		},
		ip
	);
}

/** Retires (no new applications; those filed still show) or restores a kind. */
export const setServiceApplicationKindActive = (actor: Actor, id: string, active: boolean, ip?: string) =>
	setServiceItemActive(actor, 'service_kind', id, active, ip);

/** The fee items a kind may bill: active one-off items (the monthly ones come from the billing run). */
export function serviceFeeChoices(actor: Actor) {
	requireStaff(actor, 'dictionaries.manage');
	return db()
		.select({
			id: feeItems.id,
			code: feeItems.code,
			nameEn: feeItems.nameEn,
			nameZhHans: feeItems.nameZhHans,
			nameZhHant: feeItems.nameZhHant
		})
		.from(feeItems)
		.where(and(eq(feeItems.active, true), eq(feeItems.periodic, false), ne(feeItems.kind, 'paid_service')))
		.orderBy(asc(feeItems.sort), asc(feeItems.code));
}

/**
 * The fee dictionary (收費項目) and its price list, edited by staff with fees.manage.
 *
 * Prices are history: a new price is a new row effective from a date, and a row is never
 * changed. A price not yet in effect may be withdrawn (no bill can have used it). A periodic
 * item's new price may not start in a period the billing run has already billed — those bills
 * were priced by the old row and the list would no longer explain them.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { estates, feeItems, feePrices, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { rethrowUnique } from '#lib/server/kernel/unique-violation.ts';
import { type FeeItemForm, type FeePriceForm } from '#lib/schemas/fees-admin.ts';
import { parsePriceMicro } from '#lib/money/index.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { addMonths, businessToday, firstDay, monthOf, type BusinessDate } from '#lib/time/index.ts';
import { estateZones, latestToday } from './estate-time.ts';
import { feeSettings } from './settings.ts';

export type FeeItem = typeof feeItems.$inferSelect;

export interface PriceRow {
	id: string;
	estateId: string | null;
	estateCode: string | null;
	priceMicro: number;
	currency: string;
	effectiveFrom: string;
	createdByName: string | null;
	createdAt: Date;
	/** The row in force today for its scope (general: in some estate; an estate's: there). */
	current: boolean;
	/** Not yet in effect: may be withdrawn. */
	upcoming: boolean;
}

export interface AdminFeeItem extends FeeItem {
	prices: PriceRow[];
}

/** Every fee item with its price history (general prices and those of the actor's estates), newest first. */
export async function feeItemsForAdmin(actor: Actor, options: { now?: Date; executor?: Executor } = {}): Promise<AdminFeeItem[]> {
	requireStaff(actor, 'fees.manage');
	const executor = options.executor ?? db();
	const zones = await estateZones(executor);
	const todayOf = (estateId: string | null): BusinessDate => {
		const zone = estateId ? zones.get(estateId) : undefined;
		return zone ? businessToday(zone, options.now) : latestToday(zones.values(), options.now);
	};
	const [items, prices] = await Promise.all([
		executor.select().from(feeItems).orderBy(asc(feeItems.sort), asc(feeItems.code)),
		executor
			.select({
				id: feePrices.id,
				feeItemId: feePrices.feeItemId,
				estateId: feePrices.estateId,
				estateCode: estates.code,
				priceMicro: feePrices.priceMicro,
				currency: feePrices.currency,
				effectiveFrom: feePrices.effectiveFrom,
				createdByName: users.name,
				createdAt: feePrices.createdAt
			})
			.from(feePrices)
			.leftJoin(estates, eq(estates.id, feePrices.estateId))
			.leftJoin(users, eq(users.id, feePrices.createdBy))
			.where(
				actor.estateIds === null
					? undefined
					: actor.estateIds.length
						? or(isNull(feePrices.estateId), inArray(feePrices.estateId, [...actor.estateIds]))
						: isNull(feePrices.estateId)
			)
			.orderBy(asc(estates.code), desc(feePrices.effectiveFrom))
	]);
	const currentSeen = new Set<string>();
	const byItem = new Map<string, PriceRow[]>();
	for (const p of prices) {
		const scope = `${p.feeItemId}:${p.estateId ?? ''}`;
		const inForce = p.effectiveFrom <= todayOf(p.estateId);
		const current = inForce && !currentSeen.has(scope);
		if (current) currentSeen.add(scope);
		const list = byItem.get(p.feeItemId) ?? [];
		list.push({
			id: p.id,
			estateId: p.estateId,
			estateCode: p.estateCode,
			priceMicro: p.priceMicro,
			currency: p.currency,
			effectiveFrom: p.effectiveFrom,
			createdByName: p.createdByName,
			createdAt: p.createdAt,
			current,
			upcoming: !inForce
		});
		byItem.set(p.feeItemId, list);
	}
	// General prices first, then each estate's; newest first within each.
	return items.map((item) => ({
		...item,
		prices: (byItem.get(item.id) ?? []).sort(
			(a, b) => (a.estateCode ?? '').localeCompare(b.estateCode ?? '') || b.effectiveFrom.localeCompare(a.effectiveFrom)
		)
	}));
}

export async function feeItemById(actor: Actor, id: string): Promise<FeeItem | null> {
	requireStaff(actor, 'fees.manage');
	if (!isUuid(id)) return null;
	const [item] = await db().select().from(feeItems).where(eq(feeItems.id, id));
	return item ?? null;
}

/** The first day of next month (after the latest of the estates' todays): where a new price usually starts. */
export async function firstDayOfNextMonth(now: Date = new Date()): Promise<BusinessDate> {
	return firstDay(addMonths(monthOf(latestToday((await estateZones(db())).values(), now)), 1));
}

/** Creates or edits an item; a taken code is a field error, an unknown id a 404. */
export async function saveFeeItem(actor: Actor, input: FeeItemForm, context: { ip?: string } = {}): Promise<{ id: string }> {
	requireStaff(actor, 'fees.manage');
	const values = {
		code: input.code,
		kind: input.kind,
		basis: input.basis,
		unitUse: input.unitUse === '' ? null : input.unitUse,
		nameEn: input.nameEn,
		nameZhHans: input.nameZhHans,
		nameZhHant: input.nameZhHant,
		payer: input.payer,
		periodic: input.periodic,
		sort: input.sort
	};
	try {
		return await db().transaction(async (tx) => {
			let id: string;
			if (input.id) {
				if (!isUuid(input.id)) error(404, 'Not found');
				const [row] = await tx
					.update(feeItems)
					.set({ ...values, updatedAt: new Date() })
					.where(eq(feeItems.id, input.id))
					.returning({ id: feeItems.id });
				if (!row) error(404, 'Not found');
				id = row.id;
			} else {
				const [row] = await tx.insert(feeItems).values(values).returning({ id: feeItems.id });
				id = row!.id;
			}
			await recordAudit(tx, {
				actor,
				ip: context.ip,
				action: input.id ? 'fees.item.update' : 'fees.item.create',
				subjectType: 'fee_item',
				subjectId: id,
				detail: values
			});
			return { id };
		});
	} catch (err) {
		rethrowUnique(err, { '*': () => new InputError('code', m.feesstaff_code_taken()) });
	}
}

/** Retires (no longer billed or offered) or restores an item; bills already issued keep their lines. */
export async function setFeeItemActive(actor: Actor, id: string, active: boolean, context: { ip?: string } = {}): Promise<void> {
	requireStaff(actor, 'fees.manage');
	if (!isUuid(id)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const [row] = await tx
			.update(feeItems)
			.set({ active, updatedAt: new Date() })
			.where(eq(feeItems.id, id))
			.returning({ id: feeItems.id });
		if (!row) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: active ? 'fees.item.restore' : 'fees.item.retire',
			subjectType: 'fee_item',
			subjectId: id
		});
	});
}

/** A general price touches every estate: only someone working for all of them may set one. */
async function mayPriceAllEstates(actor: Actor, executor: Executor): Promise<boolean> {
	if (actor.estateIds === null) return true;
	const [row] = await executor
		.select({ n: sql<number>`count(*)::int` })
		.from(estates)
		.where(actor.estateIds.length ? notInArray(estates.id, [...actor.estateIds]) : undefined);
	return Number(row!.n) === 0;
}

/** Adds a price row (never changes one). Problems a person can fix are InputErrors at their field. */
export async function addFeePrice(actor: Actor, input: FeePriceForm, context: { ip?: string; now?: Date } = {}): Promise<{ id: string }> {
	requireStaff(actor, 'fees.manage');
	const priceMicro = parsePriceMicro(input.price);
	if (priceMicro === null) throw new InputError('price', m.feesstaff_price_invalid());
	const estateId = input.estateId || null;
	return db().transaction(async (tx) => {
		const [item] = await tx.select().from(feeItems).where(eq(feeItems.id, input.feeItemId));
		if (!item) error(404, 'Not found');
		if (estateId) {
			if (!isUuid(estateId) || !canSeeEstate(actor, estateId)) {
				throw new InputError('estateId', m.feesstaff_choice_invalid());
			}
			const [estate] = await tx.select({ id: estates.id }).from(estates).where(eq(estates.id, estateId));
			if (!estate) throw new InputError('estateId', m.feesstaff_choice_invalid());
		} else if (!(await mayPriceAllEstates(actor, tx))) {
			throw new InputError('estateId', m.feesstaff_general_price_forbidden());
		}
		const scope = and(eq(feePrices.feeItemId, item.id), estateId ? eq(feePrices.estateId, estateId) : isNull(feePrices.estateId));
		const [sameDay] = await tx
			.select({ id: feePrices.id })
			.from(feePrices)
			.where(and(scope, eq(feePrices.effectiveFrom, input.effectiveFrom)));
		if (sameDay) throw new InputError('effectiveFrom', m.feesstaff_price_date_taken());
		if (item.periodic) {
			// The run prices a period by the row in force on its first day.
			const firstPeriod =
				input.effectiveFrom === firstDay(monthOf(input.effectiveFrom))
					? monthOf(input.effectiveFrom)
					: addMonths(monthOf(input.effectiveFrom), 1);
			const [billed] = await queryRows<{ period: string | null }>(
				tx,
				sql`select max(b.period) as period from bills b where b.source = 'billing_run' and b.period >= ${firstPeriod}
					${estateId ? sql`and b.estate_id = ${estateId}::uuid` : sql``}`
			);
			if (billed?.period) {
				throw new InputError(
					'effectiveFrom',
					m.feesstaff_price_period_billed({ period: billed.period, next: `${addMonths(billed.period, 1)}-01` })
				);
			}
		}
		const { currency } = await feeSettings(tx);
		const [row] = await tx
			.insert(feePrices)
			.values({ feeItemId: item.id, estateId, priceMicro, currency, effectiveFrom: input.effectiveFrom, createdBy: actor.userId })
			.returning({ id: feePrices.id });
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'fees.price.add',
			subjectType: 'fee_item',
			subjectId: item.id,
			detail: { priceId: row!.id, estateId, priceMicro, currency, effectiveFrom: input.effectiveFrom }
		});
		return { id: row!.id };
	});
}

/** Withdraws a price that is not in effect yet (nothing can have been billed with it). */
export async function withdrawFeePrice(actor: Actor, priceId: string, context: { ip?: string; now?: Date } = {}): Promise<void> {
	requireStaff(actor, 'fees.manage');
	if (!isUuid(priceId)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const [price] = await tx.select().from(feePrices).where(eq(feePrices.id, priceId));
		if (!price) error(404, 'Not found');
		if (price.estateId ? !canSeeEstate(actor, price.estateId) : !(await mayPriceAllEstates(actor, tx))) {
			error(404, 'Not found');
		}
		// In force already where it applies (a general price: in any estate).
		const zones = await estateZones(tx);
		const estate = price.estateId ? zones.get(price.estateId) : undefined;
		const today = estate ? businessToday(estate, context.now) : latestToday(zones.values(), context.now);
		if (price.effectiveFrom <= today) throw new InputError('', m.feesstaff_price_in_effect());
		await tx.delete(feePrices).where(eq(feePrices.id, priceId));
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'fees.price.withdraw',
			subjectType: 'fee_item',
			subjectId: price.feeItemId,
			detail: { priceId, estateId: price.estateId, priceMicro: price.priceMicro, effectiveFrom: price.effectiveFrom }
		});
	});
}

export interface OneOffItem {
	id: string;
	code: string;
	kind: FeeItem['kind'];
	basis: FeeItem['basis'];
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	/** Whom it bills (fees/parties.ts). */
	payer: FeeItem['payer'];
	/** The estate's price in force on the day, else the general one; null without a price. */
	priceMicro: number | null;
}

/**
 * Active items a one-off bill may carry (deposits, renovation fees, other non-periodic items)
 * with the price in force for the estate on the day.
 */
export async function oneOffFeeItems(estateId: string, on: string, executor: Executor = db()): Promise<OneOffItem[]> {
	const items = await executor
		.select()
		.from(feeItems)
		.where(and(eq(feeItems.active, true), eq(feeItems.periodic, false), sql`${feeItems.kind} <> 'paid_service'`))
		.orderBy(asc(feeItems.sort), asc(feeItems.code));
	if (items.length === 0) return [];
	const prices = await executor
		.select({ feeItemId: feePrices.feeItemId, estateId: feePrices.estateId, priceMicro: feePrices.priceMicro })
		.from(feePrices)
		.where(and(lte(feePrices.effectiveFrom, on), or(isNull(feePrices.estateId), eq(feePrices.estateId, estateId))))
		.orderBy(desc(feePrices.effectiveFrom));
	return items.map((item) => {
		const own = prices.find((p) => p.feeItemId === item.id && p.estateId === estateId);
		const general = prices.find((p) => p.feeItemId === item.id && p.estateId === null);
		return {
			id: item.id,
			code: item.code,
			kind: item.kind,
			basis: item.basis,
			nameEn: item.nameEn,
			nameZhHans: item.nameZhHans,
			nameZhHant: item.nameZhHant,
			payer: item.payer,
			priceMicro: (own ?? general)?.priceMicro ?? null
		};
	});
}

/** The bill source a one-off item's bill gets. */
export function sourceForKind(kind: FeeItem['kind']): 'deposit' | 'renovation' | 'manual' {
	return kind === 'deposit' ? 'deposit' : kind === 'renovation' ? 'renovation' : 'manual';
}

// Shared set-up for the finance desk pages' integration tests (not used by the app).
import { fakeEvent } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { feeItems, feePrices } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { billingEstate } from '#lib/server/fees/test-fixtures.ts';
import { addDays } from '#lib/time/index.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { staffActor } from '#lib/server/property/testing/fixtures.ts';

export type ActionResult = {
	status?: number;
	data?: { form?: { errors: Record<string, unknown>; message?: { ok: boolean; text: string } }; fileError?: string; report?: unknown };
	form?: { errors: Record<string, unknown>; message?: { ok: boolean; text: string }; data: Record<string, unknown> };
	report?: unknown;
};

/** An estate with two occupied units and a foreign estate, a deposit item, and staff of every kind the pages care about. */
export async function feesWorld() {
	const place = await billingEstate();
	const unit = await place.unit('80.00');
	const unit2 = await place.unit('60.00');
	const other = await billingEstate();
	const foreignUnit = await other.unit('70.00');
	const [deposit] = await db()
		.insert(feeItems)
		.values({
			code: `deposit_${unit.id.slice(0, 6)}`,
			kind: 'deposit',
			basis: 'fixed',
			nameEn: 'Renovation deposit',
			nameZhHans: '装修押金',
			nameZhHant: '裝修押金',
			payer: 'requester',
			periodic: false
		})
		.returning();
	await db()
		.insert(feePrices)
		.values({ feeItemId: deposit!.id, estateId: null, priceMicro: 2_000 * 1_000_000, effectiveFrom: '2020-01-01' });
	return {
		place,
		unit,
		unit2,
		other,
		foreignUnit,
		depositItemId: deposit!.id,
		finance: await staffActor(['finance'], [place.estate.id]),
		desk: await staffActor(['customer_service'], [place.estate.id]),
		engineer: await staffActor(['engineering'], [place.estate.id]),
		manager: await staffActor(['manager'], [place.estate.id, other.estate.id]),
		admin: await staffActor(['admin'])
	};
}

export type FeesWorld = Awaited<ReturnType<typeof feesWorld>>;

/** Calls a form action of a page with the real request, validation and database. */
export function act<A extends Record<string, unknown>>(
	actions: A,
	name: keyof A,
	actor: Actor,
	path: string,
	form: Record<string, string | string[] | Blob>,
	params: Record<string, string> = {}
): Promise<ActionResult> {
	const action = actions[name] as (event: never) => Promise<unknown>;
	return action(fakeEvent({ actor, path: `${path}?/${String(name)}`, params, form })) as Promise<ActionResult>;
}

export function daysFromToday(days: number): string {
	return addDays(fixtureToday(), days);
}

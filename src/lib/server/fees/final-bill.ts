/**
 * A move-out's final energy bill (rule 9: bills settled at move-out): the water and electricity the
 * leaving party used from the reading consumption last counted from (the last one billed, or
 * before the period) up to the closing readings, priced and split between parties exactly as the
 * monthly run does (fees/priced-lines.ts). Its lines keep the readings they count, so the next
 * monthly run counts from the closing readings and never bills that consumption again.
 */
import { sql } from 'drizzle-orm';
import { addDays, firstDay, monthOf, type BusinessDate } from '#lib/time/index.ts';
import { queryRows, type Executor } from '../db/client.ts';
import type { BilledReadings } from '../db/schema/index.ts';
import { issueBill } from './issue-bill.ts';
import type { Party } from './parties.ts';
import { pricedLinesCtes } from './priced-lines.ts';

export interface FinalEnergyBillInput {
	unitId: string;
	/** The leaving party: only the lines its fee items' rule bills to it (others stay for the monthly run). */
	party: Party;
	/** The day of the closing readings (consumption is counted up to them). */
	closingOn: BusinessDate;
	/** The move-out's day: the bill is for its month. */
	movedOutOn: BusinessDate;
	/**
	 * The day the leaving party's occupancy began: its use counts from the readings of that day (the
	 * move-in's opening readings), never from an earlier occupant's.
	 */
	occupiedFrom: BusinessDate;
	/** The move-out case: issuing again for it returns the same bill. */
	moveId: string;
	actorId: string | null;
}

/** Issues the final energy bill in the caller's transaction; null when nothing was used. */
export async function issueFinalEnergyBill(tx: Executor, input: FinalEnergyBillInput): Promise<string | null> {
	const period = monthOf(input.movedOutOn < input.closingOn ? input.movedOutOn : input.closingOn);
	// Closing on the day the occupancy began: the opening readings are the closing ones, nothing used.
	if (input.closingOn <= input.occupiedFrom) return null;
	// Consumption counts from the last reading before `start`: the period's, or for a party that moved
	// in during the period, the move-in day's opening reading (a reading of that day is "before" the next).
	const afterMoveIn = addDays(input.occupiedFrom, 1);
	const start = afterMoveIn > firstDay(period) ? afterMoveIn : firstDay(period);
	const lines = await queryRows<{
		fee_item_id: string;
		name_en: string;
		name_zh_hans: string;
		name_zh_hant: string;
		quantity: string;
		price_micro: string | number;
		amount: string | number;
		readings: BilledReadings;
	}>(
		tx,
		sql`with ${pricedLinesCtes({ unitIds: `{${input.unitId}}`, start, end: input.closingOn })}
			select fee_item_id, name_en, name_zh_hans, name_zh_hant, quantity::text as quantity, price_micro, amount, readings
			from lines
			where basis = 'per_reading' and party = ${input.party}::occupancy_role and quantity > 0
			order by sort, fee_item_id`
	);
	// Nothing used (or nothing priced): no bill, and the monthly run counts as before.
	if (lines.reduce((sum, l) => sum + Number(l.amount), 0) === 0) return null;
	const bill = await issueBill(tx, {
		unitId: input.unitId,
		payer: { party: input.party },
		source: 'manual',
		sourceId: input.moveId,
		period,
		lines: lines.map((l) => ({
			feeItemId: l.fee_item_id,
			nameEn: l.name_en,
			nameZhHans: l.name_zh_hans,
			nameZhHant: l.name_zh_hant,
			quantity: l.quantity,
			priceMicro: Number(l.price_micro),
			readings: l.readings
		})),
		actorId: input.actorId,
		note: `final energy bill ${period}`
	});
	return bill.billId;
}

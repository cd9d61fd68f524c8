/**
 * A bill's lines as both the resident's and the office's bill pages show them: names in every
 * language, what the quantity measures, price and amount, and a metered line's readings as billed.
 * Read after the caller has checked the actor may see the bill.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import type { BilledReadings } from '../db/schema/index.ts';
import type { LocalizedNames } from '../dictionaries/localized-name.ts';

export interface BillLine extends LocalizedNames {
	/** The fee item's kind (what the quantity measures), null for a line without a fee item. */
	kind: string | null;
	quantity: string;
	priceMicro: number;
	amountMinor: number;
	/** A metered line's previous and current readings (and meter changes between), as billed. */
	readings: BilledReadings | null;
}

/** The bill's lines in their printed order. */
export async function billLinesForDisplay(executor: Executor, billId: string): Promise<BillLine[]> {
	const lines = await queryRows<{
		name_en: string;
		name_zh_hans: string;
		name_zh_hant: string;
		kind: string | null;
		quantity: string;
		price_micro: string | number;
		amount_minor: string | number;
		readings: BilledReadings | null;
	}>(
		executor,
		sql`select bl.name_en, bl.name_zh_hans, bl.name_zh_hant, fi.kind, bl.quantity::text as quantity, bl.price_micro, bl.amount_minor, bl.readings
			from bill_lines bl left join fee_items fi on fi.id = bl.fee_item_id
			where bl.bill_id = ${billId}::uuid order by bl.sort, bl.id`
	);
	return lines.map((l) => ({
		nameEn: l.name_en,
		nameZhHans: l.name_zh_hans,
		nameZhHant: l.name_zh_hant,
		kind: l.kind,
		quantity: l.quantity,
		priceMicro: Number(l.price_micro),
		amountMinor: Number(l.amount_minor),
		readings: l.readings
	}));
}

import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { feeItems, feePrices } from '../db/schema/index.ts';
import { parsePriceMicro } from '#lib/money/index.ts';
import { defaultPayer } from './parties.ts';

type FeeItemSeed = Omit<typeof feeItems.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'payer'> & {
	/** The general price (all estates) in CNY, as a decimal string. */
	price: string;
};

/** The date the default prices apply from: before any bill the app can issue. */
const DEFAULT_PRICES_FROM = '2020-01-01';

/**
 * The monthly fee items of a typical estate: management fee per m² by unit use (residential is
 * cheaper than office and retail), water per m³ and electricity per kWh from meter readings. Whom
 * each bills follows its kind (parties.ts defaultPayer): the management fee the owner, energy the
 * occupant. The deposits a unit's account holds (management fee, water and electricity), issued from
 * the one-off bill form. And the renovation fee schedule: deposit, management fee per m² of works,
 * worker pass, debris removal.
 */
const DEFAULT_FEE_ITEMS: readonly FeeItemSeed[] = [
	{
		code: 'management_residential',
		kind: 'management',
		basis: 'per_m2_month',
		unitUse: 'residential',
		nameEn: 'Management fee (residential)',
		nameZhHans: '物业管理费(住宅)',
		nameZhHant: '物業管理費(住宅)',
		periodic: true,
		sort: 10,
		price: '3.80'
	},
	{
		code: 'management_office',
		kind: 'management',
		basis: 'per_m2_month',
		unitUse: 'office',
		nameEn: 'Management fee (office)',
		nameZhHans: '物业管理费(写字楼)',
		nameZhHant: '物業管理費(寫字樓)',
		periodic: true,
		sort: 11,
		price: '12.50'
	},
	{
		code: 'management_retail',
		kind: 'management',
		basis: 'per_m2_month',
		unitUse: 'retail',
		nameEn: 'Management fee (retail)',
		nameZhHans: '物业管理费(商铺)',
		nameZhHant: '物業管理費(商舖)',
		periodic: true,
		sort: 12,
		price: '12.50'
	},
	{
		code: 'water',
		kind: 'water',
		basis: 'per_reading',
		unitUse: null,
		nameEn: 'Water',
		nameZhHans: '水费',
		nameZhHant: '水費',
		periodic: true,
		sort: 20,
		price: '4.50'
	},
	{
		code: 'electricity',
		kind: 'electricity',
		basis: 'per_reading',
		unitUse: null,
		nameEn: 'Electricity',
		nameZhHans: '电费',
		nameZhHant: '電費',
		periodic: true,
		sort: 21,
		price: '0.68'
	},
	// Deposits held on the account until move-out (refunds.ts), issued from a unit's account.
	{
		code: 'management_deposit',
		kind: 'deposit',
		basis: 'fixed',
		unitUse: null,
		nameEn: 'Management fee deposit',
		nameZhHans: '管理费押金',
		nameZhHant: '管理費按金',
		periodic: false,
		sort: 90,
		price: '3000.00'
	},
	{
		code: 'utilities_deposit',
		kind: 'deposit',
		basis: 'fixed',
		unitUse: null,
		nameEn: 'Water and electricity deposit',
		nameZhHans: '水电押金',
		nameZhHant: '水電按金',
		periodic: false,
		sort: 91,
		price: '1000.00'
	},
	// The renovation fee schedule (renovations/fees.ts): issued when security approves fire safety.
	{
		code: 'renovation_deposit',
		kind: 'deposit',
		basis: 'fixed',
		unitUse: null,
		nameEn: 'Renovation deposit',
		nameZhHans: '装修押金',
		nameZhHant: '裝修按金',
		periodic: false,
		sort: 100,
		price: '5000.00'
	},
	{
		code: 'renovation_management',
		kind: 'renovation',
		basis: 'per_m2',
		unitUse: null,
		nameEn: 'Renovation management fee (per m² of works)',
		nameZhHans: '装修管理费(按施工面积)',
		nameZhHant: '裝修管理費(按施工面積)',
		periodic: false,
		sort: 110,
		price: '15.00'
	},
	{
		code: 'renovation_worker_pass',
		kind: 'renovation',
		basis: 'fixed',
		unitUse: null,
		nameEn: 'Renovation worker pass',
		nameZhHans: '装修工人出入证',
		nameZhHant: '裝修工人出入證',
		periodic: false,
		sort: 120,
		price: '50.00'
	},
	// Per trip, billed as trips happen: not coded renovation_*, so not in the renovation fee schedule.
	{
		code: 'debris_removal',
		kind: 'renovation',
		basis: 'fixed',
		unitUse: null,
		nameEn: 'Renovation debris removal (per trip)',
		nameZhHans: '装修垃圾清运费(每车)',
		nameZhHant: '裝修垃圾清運費(每車)',
		periodic: false,
		sort: 130,
		price: '300.00'
	},
	// Service applications (服務申請) billed when approved (service-applications/): fixed, or per hour / month.
	...(
		[
			['service_door_lock', 'Door lock change', '更换门锁', '更換門鎖', '150.00'],
			['service_phone_line', 'Telephone line installation', '电话线安装', '電話線安裝', '200.00'],
			['service_parking', 'Parking space (per month)', '车位(每月)', '車位(每月)', '800.00'],
			['service_signage', 'Directory signage (水牌)', '水牌制作', '水牌製作', '300.00'],
			['service_after_hours_aircon', 'After-hours air-conditioning (per hour)', '客户加班空调(每小时)', '客戶加班空調(每小時)', '250.00']
		] as const
	).map(([code, nameEn, nameZhHans, nameZhHant, price], i): FeeItemSeed => ({
		code,
		kind: 'other',
		basis: 'fixed',
		unitUse: null,
		nameEn,
		nameZhHans,
		nameZhHant,
		periodic: false,
		sort: 200 + i * 10,
		price
	}))
];

/**
 * Seeds the fee items and their general prices once, into an EMPTY fee_items table (like the
 * other dictionaries): an admin's items, prices and retirements are never touched again.
 * Returns how many items it added.
 */
export async function ensureDefaultFeeItems(executor: Executor): Promise<number> {
	const [any] = await executor
		.select({ one: sql<number>`1` })
		.from(feeItems)
		.limit(1);
	if (any) return 0;
	const created = await executor
		.insert(feeItems)
		.values(DEFAULT_FEE_ITEMS.map(({ price: _price, ...item }) => ({ ...item, payer: defaultPayer(item.kind) })))
		.onConflictDoNothing({ target: feeItems.code })
		.returning({ id: feeItems.id, code: feeItems.code });
	if (created.length) {
		await executor.insert(feePrices).values(
			created.map((row) => ({
				feeItemId: row.id,
				estateId: null,
				priceMicro: parsePriceMicro(DEFAULT_FEE_ITEMS.find((item) => item.code === row.code)!.price)!,
				currency: 'CNY',
				effectiveFrom: DEFAULT_PRICES_FROM
			}))
		);
	}
	return created.length;
}

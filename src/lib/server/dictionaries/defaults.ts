import type { Executor } from '../db/client.ts';
import { callbackRules, complaintKinds, customerTypes, freeServiceItems, paidServiceItems, repairKinds } from '../db/schema/index.ts';
import type { RepairCategory } from '../../schemas/dictionaries.ts';
import { DEFAULT_CALLBACK_DAYS, callbackRuleNames } from './callback-deadline.ts';

interface KindSeed {
	code: string;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	category: RepairCategory;
	isSafetyFacility?: boolean;
	isWaterLeak?: boolean;
	/** Working minutes to the first response and to completion (SLA targets). */
	responseMinutes: number;
	completionMinutes: number;
}

const workingDay = 8 * 60;

/** A Hong Kong estate's usual repair kinds; safety and leaks are answered fastest. */
export const DEFAULT_REPAIR_KINDS: readonly KindSeed[] = [
	{
		code: 'water_leak',
		nameEn: 'Water pipes / leak',
		nameZhHans: '水管/漏水',
		nameZhHant: '水喉/漏水',
		category: 'plumbing',
		isWaterLeak: true,
		responseMinutes: 30,
		completionMinutes: workingDay
	},
	{
		code: 'electrical',
		nameEn: 'Electrical',
		nameZhHans: '电力',
		nameZhHant: '電力',
		category: 'electrical',
		responseMinutes: 60,
		completionMinutes: workingDay
	},
	{
		code: 'lighting',
		nameEn: 'Lighting',
		nameZhHans: '照明',
		nameZhHant: '照明',
		category: 'electrical',
		responseMinutes: 120,
		completionMinutes: 2 * workingDay
	},
	{
		code: 'door_lock',
		nameEn: 'Door lock',
		nameZhHans: '门锁',
		nameZhHant: '門鎖',
		category: 'building',
		responseMinutes: 60,
		completionMinutes: workingDay
	},
	{
		code: 'air_con',
		nameEn: 'Air-conditioning',
		nameZhHans: '空调',
		nameZhHant: '空調',
		category: 'mechanical',
		responseMinutes: 120,
		completionMinutes: 3 * workingDay
	},
	{
		code: 'fire_safety',
		nameEn: 'Fire / safety facility',
		nameZhHans: '消防设施',
		nameZhHant: '消防設施',
		category: 'safety',
		isSafetyFacility: true,
		responseMinutes: 30,
		completionMinutes: 4 * 60
	},
	{
		code: 'lift',
		nameEn: 'Lift',
		nameZhHans: '电梯',
		nameZhHant: '升降機',
		category: 'safety',
		isSafetyFacility: true,
		responseMinutes: 30,
		completionMinutes: 4 * 60
	},
	{
		code: 'drainage',
		nameEn: 'Drainage',
		nameZhHans: '排水/渠务',
		nameZhHant: '渠務',
		category: 'plumbing',
		responseMinutes: 60,
		completionMinutes: workingDay
	},
	{
		code: 'wall_ceiling',
		nameEn: 'Wall / ceiling',
		nameZhHans: '墙身/天花',
		nameZhHant: '牆身/天花',
		category: 'building',
		responseMinutes: 240,
		completionMinutes: 5 * workingDay
	},
	{
		code: 'window',
		nameEn: 'Window',
		nameZhHans: '窗户',
		nameZhHant: '窗戶',
		category: 'building',
		responseMinutes: 240,
		completionMinutes: 3 * workingDay
	},
	{
		code: 'common_area',
		nameEn: 'Common area',
		nameZhHans: '公共区域',
		nameZhHant: '公共地方',
		category: 'common',
		responseMinutes: 120,
		completionMinutes: 3 * workingDay
	},
	{
		code: 'other',
		nameEn: 'Other',
		nameZhHans: '其他',
		nameZhHant: '其他',
		category: 'other',
		responseMinutes: 240,
		completionMinutes: 5 * workingDay
	}
];

/** Small repairs the management fee covers (維修服務項目表). */
const DEFAULT_FREE_SERVICE_ITEMS = [
	{ code: 'replace_bulb', nameEn: 'Replace a light bulb or tube', nameZhHans: '更换灯泡/灯管', nameZhHant: '更換燈泡/光管' },
	{ code: 'reset_breaker', nameEn: 'Reset a tripped breaker', nameZhHans: '复位跳闸开关', nameZhHant: '重設跳掣' },
	{ code: 'tighten_tap', nameEn: 'Tighten or reseat a tap', nameZhHans: '紧固水龙头', nameZhHant: '收緊水龍頭' },
	{ code: 'clear_floor_drain', nameEn: 'Clear a floor drain', nameZhHans: '疏通地漏', nameZhHant: '疏通地台去水' },
	{ code: 'adjust_door', nameEn: 'Adjust a door or hinge', nameZhHans: '调校门铰', nameZhHant: '調校門較' },
	{ code: 'common_area_repair', nameEn: 'Repairs in common areas', nameZhHans: '公共区域维修', nameZhHant: '公共地方維修' }
] as const;

/** Chargeable work with list prices in fen (CNY minor units). */
const DEFAULT_PAID_SERVICE_ITEMS = [
	{
		code: 'replace_tap',
		nameEn: 'Replace a tap (labour)',
		nameZhHans: '更换水龙头(人工)',
		nameZhHant: '更換水龍頭(人工)',
		unitPriceMinor: 8000
	},
	{
		code: 'replace_lock',
		nameEn: 'Replace a door lock (labour)',
		nameZhHans: '更换门锁(人工)',
		nameZhHant: '更換門鎖(人工)',
		unitPriceMinor: 12000
	},
	{
		code: 'unblock_toilet',
		nameEn: 'Unblock a toilet inside the unit',
		nameZhHans: '单元内马桶疏通',
		nameZhHant: '單位內座廁疏通',
		unitPriceMinor: 10000
	},
	{ code: 'install_fixture', nameEn: 'Install a light fitting', nameZhHans: '安装灯具', nameZhHant: '安裝燈具', unitPriceMinor: 6000 },
	{ code: 'aircon_cleaning', nameEn: 'Air-conditioner cleaning', nameZhHans: '空调清洗', nameZhHant: '冷氣機清洗', unitPriceMinor: 15000 }
] as const;

/** The complaint kinds (投訴類別) an office starts from; the admin edits them. */
const DEFAULT_COMPLAINT_KINDS = [
	{ code: 'service_attitude', nameEn: 'Staff attitude', nameZhHans: '服务态度', nameZhHant: '服務態度' },
	{ code: 'repair_quality', nameEn: 'Repair quality or delay', nameZhHans: '维修质量/延误', nameZhHant: '維修質素/延誤' },
	{ code: 'cleaning', nameEn: 'Cleaning and hygiene', nameZhHans: '清洁卫生', nameZhHant: '清潔衞生' },
	{ code: 'security', nameEn: 'Security and order', nameZhHans: '安全秩序', nameZhHant: '保安秩序' },
	{ code: 'noise', nameEn: 'Noise or neighbours', nameZhHans: '噪音/邻里', nameZhHant: '噪音/鄰里' },
	{ code: 'fees', nameEn: 'Fees and charges', nameZhHans: '收费', nameZhHant: '收費' },
	{ code: 'facilities', nameEn: 'Common facilities', nameZhHans: '公共设施', nameZhHant: '公共設施' },
	{ code: 'renovation', nameEn: 'Renovation works', nameZhHans: '装修施工', nameZhHant: '裝修工程' },
	{ code: 'other', nameEn: 'Other', nameZhHans: '其他', nameZhHant: '其他' }
] as const;

/** The customer types (客戶類型, rule 11) an office starts from; key accounts are held to ≥ 98 % accurate data. */
const DEFAULT_CUSTOMER_TYPES = [
	{ code: 'key_account', nameEn: 'Key account', nameZhHans: '重点客户', nameZhHant: '重點客戶', keyAccount: true },
	{ code: 'government', nameEn: 'Government', nameZhHans: '政府机构', nameZhHant: '政府機構', keyAccount: true },
	{ code: 'retail', nameEn: 'Retail', nameZhHans: '零售商户', nameZhHant: '零售商戶', keyAccount: false },
	{ code: 'residential_owner', nameEn: 'Residential owner', nameZhHans: '住宅业主', nameZhHant: '住宅業主', keyAccount: false },
	{ code: 'investor', nameEn: 'Investor', nameZhHans: '投资者', nameZhHant: '投資者', keyAccount: false }
] as const;

/**
 * Seeds each EMPTY dictionary table once. An admin's table with any rows is left alone, so an
 * entry they removed or retired is never added back. Callback rules cannot be deleted, only
 * edited, so a missing rule row is simply filled in with the rule-book value.
 */
export async function ensureDefaultDictionaries(executor: Executor): Promise<void> {
	const [anyKind] = await executor.select({ id: repairKinds.id }).from(repairKinds).limit(1);
	if (!anyKind) {
		await executor
			.insert(repairKinds)
			.values(DEFAULT_REPAIR_KINDS.map((kind, index) => ({ ...kind, sort: (index + 1) * 10 })))
			.onConflictDoNothing();
	}
	await executor
		.insert(callbackRules)
		.values(callbackRuleNames.map((rule) => ({ rule, days: DEFAULT_CALLBACK_DAYS[rule] })))
		.onConflictDoNothing();
	const [anyFree] = await executor.select({ id: freeServiceItems.id }).from(freeServiceItems).limit(1);
	if (!anyFree) {
		await executor
			.insert(freeServiceItems)
			.values(DEFAULT_FREE_SERVICE_ITEMS.map((item, index) => ({ ...item, sort: (index + 1) * 10 })))
			.onConflictDoNothing();
	}
	const [anyComplaintKind] = await executor.select({ id: complaintKinds.id }).from(complaintKinds).limit(1);
	if (!anyComplaintKind) {
		await executor
			.insert(complaintKinds)
			.values(DEFAULT_COMPLAINT_KINDS.map((kind, index) => ({ ...kind, sort: (index + 1) * 10 })))
			.onConflictDoNothing();
	}
	const [anyPaid] = await executor.select({ id: paidServiceItems.id }).from(paidServiceItems).limit(1);
	if (!anyPaid) {
		await executor
			.insert(paidServiceItems)
			.values(DEFAULT_PAID_SERVICE_ITEMS.map((item, index) => ({ ...item, sort: (index + 1) * 10 })))
			.onConflictDoNothing();
	}
	const [anyCustomerType] = await executor.select({ id: customerTypes.id }).from(customerTypes).limit(1);
	if (!anyCustomerType) {
		await executor
			.insert(customerTypes)
			.values(DEFAULT_CUSTOMER_TYPES.map((type, index) => ({ ...type, sort: (index + 1) * 10 })))
			.onConflictDoNothing();
	}
}

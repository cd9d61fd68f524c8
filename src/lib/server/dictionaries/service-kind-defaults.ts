/**
 * The kinds of service application an office starts from (服務申請): door-lock change, telephone
 * line, parking space, directory signage (水牌), after-hours air-conditioning and after-hours works
 * (客戶加班). Seeded once into an EMPTY table, after the fee items they bill (fees/defaults.ts):
 * a fee item missing by code leaves the kind free until an admin names one.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { feeItems, serviceApplicationKinds } from '../db/schema/index.ts';
import type { ServiceDepartment, ServiceField } from '../../schemas/service-applications.ts';

type Labels = readonly [en: string, zhHans: string, zhHant: string];

const field = (key: string, type: ServiceField['type'], [labelEn, labelZhHans, labelZhHant]: Labels, required = true): ServiceField => ({
	key,
	type,
	labelEn,
	labelZhHans,
	labelZhHant,
	required,
	options: []
});

const date = field('date', 'date', ['Date wanted', '需要日期', '需要日期']);
const notes = field('notes', 'text', ['Notes', '备注', '備註'], false);

interface KindSeed {
	code: string;
	names: Labels;
	fields: ServiceField[];
	feeCode: string | null;
	/** per_unit: the number field counted. */
	quantityField?: string;
	department: ServiceDepartment;
	leadWorkingHours: number;
}

const DEFAULT_SERVICE_KINDS: readonly KindSeed[] = [
	{
		code: 'after_hours_aircon',
		names: ['After-hours air-conditioning', '客户加班空调', '客戶加班空調'],
		fields: [
			date,
			field('from', 'time', ['From', '开始时间', '開始時間']),
			field('to', 'time', ['To', '结束时间', '結束時間']),
			field('hours', 'number', ['Hours (billed)', '小时数(计费)', '小時數(計費)']),
			field('area', 'text', ['Area / floors', '区域/楼层', '區域/樓層'])
		],
		feeCode: 'service_after_hours_aircon',
		quantityField: 'hours',
		department: 'engineering',
		leadWorkingHours: 4
	},
	{
		code: 'after_hours_works',
		names: ['After-hours works', '客户加班施工', '客戶加班施工'],
		fields: [
			date,
			field('from', 'time', ['From', '开始时间', '開始時間']),
			field('to', 'time', ['To', '结束时间', '結束時間']),
			field('workers', 'number', ['Number of workers', '人数', '人數']),
			field('works', 'text', ['Works to be done', '施工内容', '施工內容'])
		],
		feeCode: null,
		department: 'security',
		leadWorkingHours: 8
	},
	{
		code: 'door_lock',
		names: ['Door-lock change', '更换门锁', '更換門鎖'],
		fields: [
			date,
			{
				...field('lock', 'choice', ['Which lock', '哪把锁', '哪把鎖']),
				options: [
					{ value: 'main', labelEn: 'Main door', labelZhHans: '大门', labelZhHant: '大門' },
					{ value: 'gate', labelEn: 'Iron gate', labelZhHans: '铁闸', labelZhHant: '鐵閘' },
					{ value: 'room', labelEn: 'Inner room', labelZhHans: '房门', labelZhHant: '房門' }
				]
			},
			notes
		],
		feeCode: 'service_door_lock',
		department: 'engineering',
		leadWorkingHours: 8
	},
	{
		code: 'phone_line',
		names: ['Telephone line', '电话线申请', '電話線申請'],
		fields: [date, field('lines', 'number', ['Number of lines', '线路数目', '線路數目']), notes],
		feeCode: 'service_phone_line',
		department: 'engineering',
		leadWorkingHours: 16
	},
	{
		code: 'parking_space',
		names: ['Parking space', '车位申请', '車位申請'],
		fields: [
			field('date', 'date', ['From date', '开始日期', '開始日期']),
			field('months', 'number', ['Months', '月数', '月數']),
			field('plate', 'text', ['Licence plate', '车牌号码', '車牌號碼'])
		],
		feeCode: 'service_parking',
		quantityField: 'months',
		department: 'customer_service',
		leadWorkingHours: 8
	},
	{
		code: 'directory_signage',
		names: ['Directory signage (水牌)', '水牌申请', '水牌申請'],
		fields: [
			field('text_en', 'text', ['Wording (English)', '英文内容', '英文內容']),
			field('text_zh', 'text', ['Wording (Chinese)', '中文内容', '中文內容'], false)
		],
		feeCode: 'service_signage',
		department: 'customer_service',
		leadWorkingHours: 0
	}
];

export async function ensureDefaultServiceKinds(executor: Executor): Promise<void> {
	const [any] = await executor.select({ id: serviceApplicationKinds.id }).from(serviceApplicationKinds).limit(1);
	if (any) return;
	const codes = DEFAULT_SERVICE_KINDS.flatMap((k) => (k.feeCode ? [k.feeCode] : []));
	const items = await executor.select({ id: feeItems.id, code: feeItems.code }).from(feeItems).where(inArray(feeItems.code, codes));
	const itemId = new Map(items.map((i) => [i.code, i.id]));
	await executor
		.insert(serviceApplicationKinds)
		.values(
			DEFAULT_SERVICE_KINDS.map((kind, index) => {
				const feeItemId = kind.feeCode ? (itemId.get(kind.feeCode) ?? null) : null;
				return {
					code: kind.code,
					nameEn: kind.names[0],
					nameZhHans: kind.names[1],
					nameZhHant: kind.names[2],
					fields: kind.fields,
					feeItemId,
					feeBasis: feeItemId && kind.quantityField ? ('per_unit' as const) : ('fixed' as const),
					feeQuantityField: feeItemId ? (kind.quantityField ?? null) : null,
					department: kind.department,
					leadWorkingHours: kind.leadWorkingHours,
					sort: (index + 1) * 10
				};
			})
		)
		.onConflictDoNothing();
}

import { describe, expect, it } from 'vitest';
import {
	checkAnswers,
	kindErrorName,
	kindFormValues,
	kindInputFromValues,
	serviceKindSchema,
	type ServiceField
} from './service-applications.ts';

const field = (key: string, type: ServiceField['type'], required = true): ServiceField => ({
	key,
	type,
	labelEn: key,
	labelZhHans: key,
	labelZhHant: key,
	required,
	options: type === 'choice' ? [{ value: 'main', labelEn: 'Main', labelZhHans: '大门', labelZhHant: '大門' }] : []
});

describe('answers checked against a kind’s fields', () => {
	const fields = [
		field('date', 'date'),
		field('from', 'time'),
		field('hours', 'number'),
		field('lock', 'choice'),
		field('notes', 'text', false)
	];

	it('keeps only the kind’s keys, numbers tidied', () => {
		const { answers, problems } = checkAnswers(fields, { date: '2026-12-12', from: '19:00', hours: '３', lock: 'main', other: 'x' });
		expect(problems).toEqual([]);
		expect(answers).toEqual({ date: '2026-12-12', from: '19:00', hours: '3', lock: 'main' });
	});

	it('names every problem at its field', () => {
		const { problems } = checkAnswers(fields, { date: '2026-02-30', from: '25:00', hours: '0', lock: 'back' });
		expect(problems.map((p) => p.key)).toEqual(['date', 'from', 'hours', 'lock']);
		expect(checkAnswers(fields, {}).problems.map((p) => p.key)).toEqual(['date', 'from', 'hours', 'lock']);
	});
});

describe('the admin’s kind form', () => {
	function posted(rows: Record<string, string>[]) {
		const data = new FormData();
		for (const [k, v] of Object.entries({
			code: 'locker',
			nameEn: 'Locker',
			nameZhHans: '储物柜',
			nameZhHant: '儲物櫃',
			department: 'customer_service',
			leadWorkingHours: '8',
			sort: '10',
			feeBasis: 'fixed'
		}))
			data.set(k, v);
		data.set('active', 'on');
		rows.forEach((row, i) => {
			for (const [k, v] of Object.entries(row)) data.set(`field_${i}_${k}`, v);
		});
		return kindFormValues(data);
	}

	it('reads rows, leaves out those without a key and parses choices a line each', () => {
		const values = posted([
			{ key: '', type: 'text', labelEn: '', labelZhHans: '', labelZhHant: '', options: '' },
			{
				key: 'size',
				type: 'choice',
				labelEn: 'Size',
				labelZhHans: '大小',
				labelZhHant: '大小',
				required: 'on',
				options: 's | Small | 小 | 細\nl | Large | 大 | 大'
			}
		]);
		const { input, rows } = kindInputFromValues(values);
		expect(rows).toEqual([1]);
		const parsed = serviceKindSchema.parse(input);
		expect(parsed.fields).toEqual([
			{
				key: 'size',
				type: 'choice',
				labelEn: 'Size',
				labelZhHans: '大小',
				labelZhHant: '大小',
				required: true,
				options: [
					{ value: 's', labelEn: 'Small', labelZhHans: '小', labelZhHant: '細' },
					{ value: 'l', labelEn: 'Large', labelZhHans: '大', labelZhHant: '大' }
				]
			}
		]);
		expect(parsed).toMatchObject({ leadWorkingHours: 8, sort: 10, active: true });
	});

	it('shows a field’s problem at its form row', () => {
		const values = posted([
			{ key: '', type: 'text', labelEn: '', labelZhHans: '', labelZhHant: '', options: '' },
			{ key: 'plate', type: 'text', labelEn: 'Plate', labelZhHans: '', labelZhHant: '車牌', options: '' }
		]);
		const { input, rows } = kindInputFromValues(values);
		const result = serviceKindSchema.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((i) => kindErrorName(i.path, rows))).toEqual(['field_1_labelZhHans']);
	});
});

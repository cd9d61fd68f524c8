/**
 * Service applications (服務申請): the shape of a kind's fields (dictionary data, stored as jsonb
 * and checked here on every save and read), the admin's kind form, and the check of a resident's
 * answers against a kind's fields — every problem at its field, in the reader's language.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseQuantity } from '#lib/money/index.ts';
import { parseClock, parseDate } from '#lib/time/index.ts';

export const serviceFieldTypes = ['text', 'number', 'date', 'time', 'choice'] as const;
export type ServiceFieldType = (typeof serviceFieldTypes)[number];
export const serviceDepartments = ['customer_service', 'engineering', 'security', 'finance', 'manager'] as const;
export type ServiceDepartment = (typeof serviceDepartments)[number];
const serviceFeeBases = ['fixed', 'per_unit'] as const;

const label = z
	.string()
	.trim()
	.min(1, { error: () => m.field_required() })
	.max(100);

const serviceChoiceSchema = z.object({
	value: z
		.string()
		.trim()
		.min(1)
		.max(40)
		.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: () => m.dict_code_invalid() }),
	labelEn: label,
	labelZhHans: label,
	labelZhHant: label
});

/** One field of a kind's form: a key the answers are stored under, a type, labels in three languages. */
export const serviceFieldSchema = z
	.object({
		key: z
			.string()
			.trim()
			.min(1)
			.max(32)
			.regex(/^[a-z][a-z0-9_]*$/, { error: () => m.services_field_key_invalid() }),
		type: z.enum(serviceFieldTypes),
		labelEn: label,
		labelZhHans: label,
		labelZhHant: label,
		required: z.boolean().default(false),
		/** choice: what may be chosen. */
		options: z.array(serviceChoiceSchema).max(30).default([])
	})
	.refine((f) => f.type !== 'choice' || f.options.length > 0, { path: ['options'], error: () => m.services_field_options_required() });
export type ServiceField = z.output<typeof serviceFieldSchema>;

export const serviceFieldsSchema = z
	.array(serviceFieldSchema)
	.max(20)
	.refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { error: () => m.services_field_key_repeated() });

const code = z
	.string()
	.trim()
	.toLowerCase()
	.min(1)
	.max(32)
	.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: () => m.dict_code_invalid() });
const name = z.string().trim().min(1).max(100);

/** The admin's form of a kind (dictionaries/service-application-kinds.ts saves it). */
export const serviceKindSchema = z
	.object({
		id: z.string().trim().max(36).default(''),
		code,
		nameEn: name,
		nameZhHans: name,
		nameZhHant: name,
		fields: serviceFieldsSchema,
		feeItemId: z.string().trim().max(36).default(''),
		feeBasis: z.enum(serviceFeeBases).default('fixed'),
		feeQuantityField: z.string().trim().max(32).default(''),
		department: z.enum(serviceDepartments, { error: () => m.services_department_required() }),
		leadWorkingHours: z
			.number({ error: () => m.dict_number_invalid() })
			.int({ error: () => m.dict_number_invalid() })
			.min(0, { error: () => m.services_lead_range() })
			.max(720, { error: () => m.services_lead_range() })
			.default(0),
		active: z.boolean().default(true),
		sort: z
			.number({ error: () => m.dict_number_invalid() })
			.int({ error: () => m.dict_number_invalid() })
			.min(0, { error: () => m.dict_sort_range() })
			.max(9999, { error: () => m.dict_sort_range() })
			.default(0)
	})
	.refine((k) => k.feeBasis !== 'per_unit' || k.fields.some((f) => f.key === k.feeQuantityField && f.type === 'number' && f.required), {
		path: ['feeQuantityField'],
		error: () => m.services_quantity_field_invalid()
	});

/** The answers a resident posts: field key → text typed or chosen (the form's own names are `f_<key>`). */
export type ServiceAnswers = Record<string, string>;

/** One answer's problem, at its field: the field key and the message. */
export interface AnswerProblem {
	key: string;
	message: string;
}

/** The largest quantity a number field takes (hours, months, spaces…). */
const MAX_NUMBER = 10_000;

/**
 * The answers checked against the kind's fields: required ones present, numbers, dates, times and
 * choices well-formed. Returns the tidy answers (only the kind's keys) or the problems, each at its field.
 */
export function checkAnswers(
	fields: readonly ServiceField[],
	raw: Record<string, unknown>
): { answers: ServiceAnswers; problems: AnswerProblem[] } {
	const answers: ServiceAnswers = {};
	const problems: AnswerProblem[] = [];
	for (const field of fields) {
		const value = typeof raw[field.key] === 'string' ? (raw[field.key] as string).trim() : '';
		if (value === '') {
			if (field.required) problems.push({ key: field.key, message: m.field_required() });
			continue;
		}
		const problem = answerProblem(field, value);
		if (problem) problems.push({ key: field.key, message: problem });
		else answers[field.key] = field.type === 'number' ? parseQuantity(value)! : value;
	}
	return { answers, problems };
}

function answerProblem(field: ServiceField, value: string): string | null {
	switch (field.type) {
		case 'text':
			return value.length > 500 ? m.services_answer_too_long({ max: 500 }) : null;
		case 'number': {
			const quantity = parseQuantity(value);
			return quantity === null || Number(quantity) <= 0 || Number(quantity) > MAX_NUMBER
				? m.services_answer_number({ max: MAX_NUMBER })
				: null;
		}
		case 'date':
			return parseDate(value) === null ? m.services_answer_date() : null;
		case 'time':
			return parseClock(value) === null ? m.services_answer_time() : null;
		case 'choice':
			return field.options.some((o) => o.value === value) ? null : m.services_answer_choice();
	}
}

/** Approving or marking done: a note is optional. */
export const serviceDecisionSchema = z.object({ note: z.string().trim().max(1000).default('') });
/** Rejecting: the reason the resident reads. */
export const serviceRejectionSchema = z.object({
	note: z
		.string()
		.trim()
		.min(1, { error: () => m.services_reason_required() })
		.max(1000)
});
/** Withdrawing carries nothing. */
export const serviceWithdrawSchema = z.object({});

/**
 * The admin's kind form as posted, without JavaScript: the kind's own inputs and one row of
 * inputs per field (`field_<i>_key`, `…_type`, `…_labelEn`, `…_required`, `…_options` — one
 * choice a line, "value | English | 简体 | 繁體"). A row without a key is left out.
 */
export interface ServiceKindFormValues {
	id: string;
	code: string;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	department: string;
	leadWorkingHours: string;
	feeItemId: string;
	feeBasis: string;
	feeQuantityField: string;
	sort: string;
	active: boolean;
	fields: { key: string; type: string; labelEn: string; labelZhHans: string; labelZhHant: string; required: boolean; options: string }[];
}

/** The rows the form offers: the kind's fields and this many empty ones to add. */
export const NEW_FIELD_ROWS = 2;
const MAX_FIELD_ROWS = 22;

export function kindFormValues(data: FormData): ServiceKindFormValues {
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : '';
	};
	const fields: ServiceKindFormValues['fields'] = [];
	for (let i = 0; i < MAX_FIELD_ROWS && data.has(`field_${i}_key`); i++) {
		fields.push({
			key: text(`field_${i}_key`),
			type: text(`field_${i}_type`),
			labelEn: text(`field_${i}_labelEn`),
			labelZhHans: text(`field_${i}_labelZhHans`),
			labelZhHant: text(`field_${i}_labelZhHant`),
			required: data.get(`field_${i}_required`) === 'on',
			options: text(`field_${i}_options`)
		});
	}
	return {
		id: text('id'),
		code: text('code'),
		nameEn: text('nameEn'),
		nameZhHans: text('nameZhHans'),
		nameZhHant: text('nameZhHant'),
		department: text('department'),
		leadWorkingHours: text('leadWorkingHours'),
		feeItemId: text('feeItemId'),
		feeBasis: text('feeBasis'),
		feeQuantityField: text('feeQuantityField'),
		sort: text('sort'),
		active: data.get('active') === 'on',
		fields
	};
}

/** A stored kind as the form shows it. */
export function kindToFormValues(kind: {
	id: string;
	code: string;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	department: string;
	leadWorkingHours: number;
	feeItemId: string | null;
	feeBasis: string;
	feeQuantityField: string | null;
	sort: number;
	active: boolean;
	fields: readonly ServiceField[];
}): ServiceKindFormValues {
	return {
		...kind,
		leadWorkingHours: String(kind.leadWorkingHours),
		feeItemId: kind.feeItemId ?? '',
		feeQuantityField: kind.feeQuantityField ?? '',
		sort: String(kind.sort),
		fields: kind.fields.map((f) => ({
			...f,
			options: f.options.map((o) => [o.value, o.labelEn, o.labelZhHans, o.labelZhHant].join(' | ')).join('\n')
		}))
	};
}

export const emptyKindFormValues = (): ServiceKindFormValues => ({
	id: '',
	code: '',
	nameEn: '',
	nameZhHans: '',
	nameZhHant: '',
	department: '',
	leadWorkingHours: '0',
	feeItemId: '',
	feeBasis: 'fixed',
	feeQuantityField: '',
	sort: '0',
	active: true,
	fields: []
});

const numberOr = (text: string) => (text.trim() === '' ? undefined : Number(text));

/**
 * The form's values as serviceKindSchema's input, and for each field the form row it came
 * from (rows without a key are left out), so a problem is shown at its row.
 */
export function kindInputFromValues(values: ServiceKindFormValues): { input: Record<string, unknown>; rows: number[] } {
	const rows: number[] = [];
	const fields = values.fields.flatMap((f, row) => {
		if (!f.key.trim()) return [];
		rows.push(row);
		const options = f.options
			.split('\n')
			.map((line) => line.split('|').map((part) => part.trim()))
			.filter((parts) => parts.some(Boolean))
			.map(([value = '', labelEn = '', labelZhHans = '', labelZhHant = '']) => ({ value, labelEn, labelZhHans, labelZhHant }));
		return [{ ...f, options: f.type === 'choice' ? options : [] }];
	});
	return {
		input: { ...values, leadWorkingHours: numberOr(values.leadWorkingHours), sort: numberOr(values.sort), fields },
		rows
	};
}

/** Where the form shows a problem: `field_<row>_<input>` for a field's, else the kind's input. */
export function kindErrorName(path: readonly PropertyKey[], rows: readonly number[]): string {
	if (path[0] === 'fields' && typeof path[1] === 'number') return `field_${rows[path[1]] ?? path[1]}_${String(path[2] ?? 'key')}`;
	return String(path[0] ?? '');
}

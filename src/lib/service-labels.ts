// What a service application's states, departments, actions and timeline entries are called, in
// the reader's language: one table each, checked complete by the compiler.
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { ServiceDepartment, ServiceField, ServiceFieldType } from '#lib/schemas/service-applications.ts';
import type { ServiceAction, ServiceApplicationState, ServiceEventKind } from '#lib/server/service-applications/machine.ts';

type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const serviceStateLabel: Record<ServiceApplicationState, Label> = {
	submitted: m.services_state_submitted,
	approved: m.services_state_approved,
	rejected: m.services_state_rejected,
	done: m.services_state_done,
	withdrawn: m.services_state_withdrawn
};

export const serviceDepartmentLabel: Record<ServiceDepartment, Label> = {
	customer_service: m.services_department_customer_service,
	engineering: m.services_department_engineering,
	security: m.services_department_security,
	finance: m.services_department_finance,
	manager: m.services_department_manager
};

export const serviceActionLabel: Record<ServiceAction, Label> = {
	approve: m.services_action_approve,
	reject: m.services_action_reject,
	complete: m.services_action_complete,
	withdraw: m.services_action_withdraw
};

export const serviceEventNames: Record<ServiceEventKind, Label> = {
	submitted: m.services_event_submitted,
	approve: m.services_event_approve,
	reject: m.services_event_reject,
	complete: m.services_event_complete,
	withdraw: m.services_event_withdraw
};

export const serviceFieldTypeLabel: Record<ServiceFieldType, Label> = {
	text: m.services_field_type_text,
	number: m.services_field_type_number,
	date: m.services_field_type_date,
	time: m.services_field_type_time,
	choice: m.services_field_type_choice
};

/** A field's label (or a choice's) in the reader's language. */
export function fieldLabel(entry: { labelEn: string; labelZhHans: string; labelZhHant: string }, locale: string): string {
	if (locale === 'zh-Hans') return entry.labelZhHans;
	if (locale === 'zh-Hant') return entry.labelZhHant;
	return entry.labelEn;
}

/** The answers as the page lists them: each field's label and what was given (a choice by its label), in the fields' order. */
export function answerLines(
	fields: readonly ServiceField[],
	answers: Readonly<Record<string, string>>,
	locale: string
): { label: string; value: string }[] {
	return fields
		.filter((f) => answers[f.key])
		.map((f) => {
			const value = answers[f.key]!;
			const option = f.type === 'choice' ? f.options.find((o) => o.value === value) : undefined;
			return { label: fieldLabel(f, locale), value: option ? fieldLabel(option, locale) : value };
		});
}

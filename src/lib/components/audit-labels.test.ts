import { afterAll, describe, expect, it } from 'vitest';
import { baseLocale, getLocale, locales, overwriteGetLocale } from '#lib/paraglide/runtime.js';
import { repairEventKinds } from '#lib/server/repairs/event-kinds.ts';
import { complaintEventKinds } from '#lib/server/complaints/event-kinds.ts';
import { renovationEventKinds } from '#lib/server/renovations/event-kinds.ts';
import { refundEventKinds } from '#lib/server/fees/refund-machine.ts';
import { billEventKinds } from '#lib/server/fees/bill-machine.ts';
import { paymentEventKinds } from '#lib/server/payments/machine.ts';
import { surveyEventKinds } from '#lib/server/surveys/event-kinds.ts';
import { surveyActionEventKinds } from '#lib/server/surveys/action-event-kinds.ts';
import { auditActionGroups, auditGroups, auditSubjects, eventGroups } from '#lib/server/staff-admin/audit-subjects.ts';
import { auditActionNames, auditGroupLabels, auditSubjectLabel, eventKindLabel, eventKindLabels } from './audit-labels.ts';

const original = getLocale;
afterAll(() => overwriteGetLocale(original));

const HAN = /\p{Script=Han}/u;

/** A label a person can read in that language: not empty, not the code, Chinese in Chinese. */
function expectReadable(text: string, code: string, locale: string) {
	const where = `${code} (${locale}): ${text}`;
	expect(text.trim(), where).not.toBe('');
	expect(text, where).not.toBe(code);
	if (locale === 'en') expect(text, where).not.toMatch(HAN);
	else expect(text, where).toMatch(HAN);
}

describe('audit log labels', () => {
	it('name every audit action, every event kind of every subject, every kind of change and every record type in the three languages', () => {
		for (const locale of locales) {
			overwriteGetLocale(() => locale);
			for (const [code, name] of Object.entries(auditActionNames)) expectReadable(name(), code, locale);
			for (const [subject, kinds] of Object.entries(eventKindLabels)) {
				for (const [kind, name] of Object.entries(kinds as Record<string, () => string>))
					expectReadable(name(), `${subject}.${kind}`, locale);
			}
			for (const group of auditGroups) expectReadable(auditGroupLabels[group](), group, locale);
			for (const subject of Object.keys(auditSubjects)) expectReadable(auditSubjectLabel(subject), subject, locale);
		}
		overwriteGetLocale(() => baseLocale);
	});

	it('cover the kinds each domain lists beside its machine', () => {
		const domains: Record<string, Record<string, unknown>> = {
			repair: repairEventKinds,
			complaint: complaintEventKinds,
			renovation: renovationEventKinds,
			refund: refundEventKinds,
			bill: billEventKinds,
			payment: paymentEventKinds,
			survey: surveyEventKinds,
			survey_action: surveyActionEventKinds
		};
		for (const [subject, kinds] of Object.entries(domains)) {
			for (const kind of Object.keys(kinds)) expect(eventKindLabel(subject, kind), `${subject}.${kind}`).not.toBeNull();
		}
	});

	it('know where every labelled subject and action is listed and whose estate it is', () => {
		expect(Object.keys(eventGroups).sort()).toEqual(Object.keys(eventKindLabels).sort());
		for (const subject of Object.keys(eventKindLabels)) expect(Object.hasOwn(auditSubjects, subject), subject).toBe(true);
		for (const code of Object.keys(auditActionNames)) expect(Object.hasOwn(auditActionGroups, code.split('.')[0]!), code).toBe(true);
	});

	it('read an unknown code (an older version’s) as a change recorded, never as the code', () => {
		expect(eventKindLabel('repair', 'something_new')).toBeNull();
		expect(auditSubjectLabel('gone_type')).not.toBe('gone_type');
	});
});

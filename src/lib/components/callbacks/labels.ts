import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { numberFormat } from '#lib/numbers.ts';

/** A dictionary name (repair kind) in the page's language. */
export function nameIn(entry: { nameEn: string; nameZhHans: string; nameZhHant: string }): string {
	const locale = getLocale();
	if (locale === 'zh-Hans') return entry.nameZhHans;
	if (locale === 'zh-Hant') return entry.nameZhHant;
	return entry.nameEn;
}

/** The three callback roles of rule 3 by their rule-book names. */
export function callbackRoleName(role: string): string {
	if (role === 'manager') return m.callbacks_role_manager();
	if (role === 'customer_service') return m.callbacks_role_customer_service();
	if (role === 'engineering_supervisor') return m.callbacks_role_engineering_supervisor();
	return role;
}

/** Which deadline rule a callback follows: safety facility (2 days), water leak (3), other (7). */
export function callbackRuleName(rule: string): string {
	if (rule === 'safety_facility') return m.callbacks_rule_safety_facility();
	if (rule === 'water_leak') return m.callbacks_rule_water_leak();
	return m.callbacks_rule_default();
}

/** 0.375 → "37.5 %" in the page's language; null → "–". */
export function percentText(value: number | null | undefined, digits = 0): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(getLocale(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function numberText(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

/** A duration in seconds as "2 h 05 min" / "3 d 4 h"; null → "–". */
export function durationText(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return m.reports_duration_minutes({ minutes: String(minutes) });
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return m.reports_duration_hours({ hours: String(hours), minutes: String(minutes % 60).padStart(2, '0') });
	return m.reports_duration_days({ days: String(Math.floor(hours / 24)), hours: String(hours % 24) });
}

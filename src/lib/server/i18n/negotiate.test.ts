import { describe, expect, it } from 'vitest';
import { localeForTag, negotiateLocale, requestLocale } from './negotiate.ts';

describe('negotiateLocale', () => {
	it.each([
		['zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-Hant'],
		['zh-HK', 'zh-Hant'],
		['zh-MO', 'zh-Hant'],
		['zh-Hant-TW', 'zh-Hant'],
		['zh-CN,zh;q=0.9', 'zh-Hans'],
		['zh-SG', 'zh-Hans'],
		['zh', 'zh-Hans'],
		['zh-Hans-HK', 'zh-Hans'],
		['yue-HK', 'zh-Hant'],
		['en-GB,en;q=0.9', 'en'],
		['fr-FR,zh-TW;q=0.5', 'zh-Hant'],
		['en;q=0.2,zh-CN;q=0.8', 'zh-Hans']
	])('maps %s to %s', (header, locale) => {
		expect(negotiateLocale(header)).toBe(locale);
	});

	it('gives nothing for languages it does not offer, so the next strategy decides', () => {
		expect(negotiateLocale('fr-FR,de;q=0.8')).toBeUndefined();
		expect(negotiateLocale('*')).toBeUndefined();
		expect(negotiateLocale('zh-TW;q=0')).toBeUndefined();
		expect(negotiateLocale('')).toBeUndefined();
		expect(negotiateLocale(null)).toBeUndefined();
	});

	it('accepts the canonical locale names in any case', () => {
		expect(localeForTag('ZH-HANT')).toBe('zh-Hant');
		expect(localeForTag('zh_TW')).toBe('zh-Hant');
	});
});

describe('requestLocale', () => {
	const request = (headers: Record<string, string>) => new Request('http://localhost/', { headers });

	it('prefers the language chosen in the cookie over the browser header', () => {
		expect(requestLocale(request({ cookie: 'a=1; PARAGLIDE_LOCALE=en', 'accept-language': 'zh-TW' }))).toBe('en');
	});

	it('negotiates from the header when the cookie is missing or not a locale', () => {
		expect(requestLocale(request({ 'accept-language': 'zh-HK' }))).toBe('zh-Hant');
		expect(requestLocale(request({ cookie: 'PARAGLIDE_LOCALE=klingon', 'accept-language': 'zh-CN' }))).toBe('zh-Hans');
		expect(requestLocale(request({}))).toBeUndefined();
	});
});

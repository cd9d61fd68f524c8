import { describe, expect, it } from 'vitest';
import { callbackDaysFor, callbackRuleFor } from './callback-deadline.ts';
import { minorToDecimal, parseAmountMinor } from '#lib/money/index.ts';
import { localizedName } from './localized-name.ts';

const plain = { isSafetyFacility: false, isWaterLeak: false };

describe('callbackDaysFor', () => {
	it('gives the rule-book deadlines: safety facility 2, water leak 3, anything else 7 days', () => {
		expect(callbackDaysFor({ ...plain, isSafetyFacility: true })).toBe(2);
		expect(callbackDaysFor({ ...plain, isWaterLeak: true })).toBe(3);
		expect(callbackDaysFor(plain)).toBe(7);
	});

	it('lets a safety facility beat a water leak when a kind is flagged both ways', () => {
		expect(callbackRuleFor({ isSafetyFacility: true, isWaterLeak: true })).toBe('safety_facility');
		expect(callbackDaysFor({ isSafetyFacility: true, isWaterLeak: true })).toBe(2);
	});

	it('uses the configured days, not the built-in ones', () => {
		const days = { safety_facility: 1, water_leak: 4, default: 10 };
		expect(callbackDaysFor({ ...plain, isSafetyFacility: true }, days)).toBe(1);
		expect(callbackDaysFor({ ...plain, isWaterLeak: true }, days)).toBe(4);
		expect(callbackDaysFor(plain, days)).toBe(10);
	});
});

describe('prices and names', () => {
	it('turns yuan text into fen and back without floating-point drift', () => {
		expect(parseAmountMinor('120')).toBe(12000);
		expect(parseAmountMinor('85.5')).toBe(8550);
		expect(parseAmountMinor('0.07')).toBe(7);
		expect(parseAmountMinor('1234567.99')).toBe(123456799);
		expect(minorToDecimal(8550)).toBe('85.50');
		expect(minorToDecimal(7)).toBe('0.07');
	});

	it('picks the name in the reader’s language, English otherwise', () => {
		const names = { nameEn: 'Lift', nameZhHans: '电梯', nameZhHant: '升降機' };
		expect(localizedName(names, 'zh-Hans')).toBe('电梯');
		expect(localizedName(names, 'zh-Hant')).toBe('升降機');
		expect(localizedName(names, 'en')).toBe('Lift');
		expect(localizedName(names, 'fr')).toBe('Lift');
	});
});

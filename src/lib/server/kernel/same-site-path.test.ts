import { describe, expect, it } from 'vitest';
import { redirectTarget, sameSitePath } from './same-site-path.ts';
import { hostileTargets } from '../../../../tests/hostile-targets.ts';

describe('the one same-site path normaliser', () => {
	it('keeps paths on this site with their query and fragment', () => {
		expect(sameSitePath('/app/units/1?tab=household#emergency')).toBe('/app/units/1?tab=household#emergency');
		expect(sameSitePath('/staff')).toBe('/staff');
		expect(sameSitePath('/app/./units/../bills')).toBe('/app/bills');
		expect(sameSitePath('/join?code=ABCD-EFGH-JK')).toBe('/join?code=ABCD-EFGH-JK');
	});

	it('returns an ASCII path a Location header can carry', () => {
		expect(sameSitePath('/app/搜尋?q=陳')).toBe('/app/%E6%90%9C%E5%B0%8B?q=%E9%99%B3');
	});

	it.each(hostileTargets)('refuses %j', (target) => {
		expect(sameSitePath(target)).toBeNull();
		expect(redirectTarget(target)).toBe('/');
	});

	it('refuses what is not a string', () => {
		for (const value of [null, undefined, 42, {}, new Blob(['/app'])]) expect(sameSitePath(value)).toBeNull();
	});
});

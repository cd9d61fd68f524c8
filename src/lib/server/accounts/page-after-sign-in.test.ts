import { describe, expect, it } from 'vitest';
import { pageAfterSignIn } from './login.ts';
import { hostileTargets } from '../../../../tests/hostile-targets.ts';

describe('the page to return to after signing in', () => {
	it('keeps paths on this site with their query', () => {
		expect(pageAfterSignIn('/app/units/1?tab=household')).toBe('/app/units/1?tab=household');
		expect(pageAfterSignIn('/staff')).toBe('/staff');
	});

	it('goes home for other sites and anything not a plain path', () => {
		for (const next of [...hostileTargets, null, undefined]) expect(pageAfterSignIn(next)).toBe('/');
	});

	it('does not loop back to sign-in or sign-out', () => {
		expect(pageAfterSignIn('/login?next=/app')).toBe('/');
		expect(pageAfterSignIn('/logout')).toBe('/');
		expect(pageAfterSignIn('/./login')).toBe('/');
	});
});

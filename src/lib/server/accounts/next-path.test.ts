import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path.ts';

describe('the page to return to after signing in', () => {
	it('keeps paths on this site with their query', () => {
		expect(safeNextPath('/app/units/1?tab=household')).toBe('/app/units/1?tab=household');
		expect(safeNextPath('/staff')).toBe('/staff');
	});

	it('refuses other sites and anything not starting with one slash', () => {
		for (const next of [
			'//evil.example/x',
			'/\\evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'app',
			'',
			null,
			'/\tevil',
			'/' + 'a'.repeat(3000)
		]) {
			expect(safeNextPath(next)).toBeNull();
		}
	});

	it('does not loop back to sign-in or sign-out', () => {
		expect(safeNextPath('/login?next=/app')).toBeNull();
		expect(safeNextPath('/logout')).toBeNull();
	});
});

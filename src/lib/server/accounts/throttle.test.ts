import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../config.ts';
import { accountKey, joinCodeKey } from './throttle.ts';

describe('login throttle settings', () => {
	it('default to 5 account and 100 address failures in 15 minutes', () => {
		expect(readConfig({}).login).toEqual({ windowMs: 15 * 60 * 1000, maxAccountFailures: 5, maxIpFailures: 100 });
	});

	it('are overridden by the environment, and nonsense stops the server at start', () => {
		expect(readConfig({ LOGIN_WINDOW_SECONDS: '60', LOGIN_MAX_ACCOUNT_FAILURES: '3' }).login).toEqual({
			windowMs: 60_000,
			maxAccountFailures: 3,
			maxIpFailures: 100
		});
		expect(() => readConfig({ LOGIN_MAX_IP_FAILURES: 'lots' })).toThrow(ConfigError);
	});

	it('key accounts by the lower-cased email, and codes however they were typed', () => {
		expect(accountKey(' Ann@Example.COM ')).toBe('acct:ann@example.com');
		expect(joinCodeKey('abcd-efgh-jk')).toBe(joinCodeKey(' ABCDEFGHJK'));
		expect(joinCodeKey('x'.repeat(10_000)).length).toBeLessThan(60);
	});
});

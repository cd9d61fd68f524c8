import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, configOrExit, readConfig, resetConfig } from './config.ts';

describe('configuration', () => {
	it('runs the embedded database with demo data and the sandbox, and a secret of its own', () => {
		const config = readConfig({});
		expect(config.embedded).toBe(true);
		expect(config.seedDemo).toBe(true);
		expect(config.payments.sandbox?.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
		expect(config.payments.stripe).toBeNull();
	});

	it('on PostgreSQL loads no demo data and offers no sandbox unless asked', () => {
		const config = readConfig({ DATABASE_URL: 'postgres://db/lobby' });
		expect(config.seedDemo).toBe(false);
		expect(config.payments.sandbox).toBeNull();
		expect(readConfig({ DATABASE_URL: 'postgres://db/lobby', SEED: 'demo' }).seedDemo).toBe(true);
	});

	it('refuses to start the sandbox on PostgreSQL without its own webhook secret', () => {
		expect(() => readConfig({ DATABASE_URL: 'postgres://db/lobby', PAYMENTS_SANDBOX: 'on' })).toThrow(/SANDBOX_WEBHOOK_SECRET/);
		const config = readConfig({
			DATABASE_URL: 'postgres://db/lobby',
			PAYMENTS_SANDBOX: 'on',
			SANDBOX_WEBHOOK_SECRET: 'a-long-enough-secret'
		});
		expect(config.payments.sandbox?.webhookSecret).toBe('a-long-enough-secret');
	});

	it('keeps files in a local directory unless STORAGE=s3 names a bucket and its keys', () => {
		expect(readConfig({}).storage).toEqual({ kind: 'local', dir: expect.stringMatching(/data[/\\]files$/) });
		expect(() => readConfig({ STORAGE: 's3', S3_BUCKET: 'lobby' })).toThrow(/S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
		expect(() =>
			readConfig({ STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_PREFIX: '../x' })
		).toThrow(/S3_PREFIX/);
		expect(
			readConfig({ STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'lobby', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })
				.storage
		).toEqual({
			kind: 's3',
			endpoint: 'http://minio:9000',
			region: 'us-east-1',
			bucket: 'lobby',
			accessKeyId: 'k',
			secretAccessKey: 's',
			prefix: ''
		});
	});

	it('names the variable that is wrong', () => {
		expect(() => readConfig({ JOBS_POLL_MS: 'soon' })).toThrow(ConfigError);
		expect(() => readConfig({ JOBS_POLL_MS: 'soon' })).toThrow(/JOBS_POLL_MS/);
		expect(() => readConfig({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/go together/);
	});

	it('treats empty values from a .env file as unset', () => {
		expect(readConfig({ DATABASE_URL: '', SMTP_URL: ' ' }).embedded).toBe(true);
	});

	describe('at an entry point', () => {
		afterEach(() => {
			vi.unstubAllEnvs();
			vi.restoreAllMocks();
			resetConfig();
		});

		it('prints what is wrong and exits with code 1 instead of a stack trace', () => {
			vi.stubEnv('DATABASE_URL', 'postgres://db/lobby');
			vi.stubEnv('PAYMENTS_SANDBOX', 'on');
			resetConfig();
			const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
			const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
			configOrExit();
			expect(exit).toHaveBeenCalledWith(1);
			expect(printed).toHaveBeenCalledWith(expect.stringMatching(/^Lobby cannot start[\s\S]*SANDBOX_WEBHOOK_SECRET/));
		});
	});
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, queryRows } from '../db/client.ts';
import { phoneKey } from '#lib/phone.ts';
import { phoneKeySql } from './phone-key-sql.ts';

const samples = [
	'+852 5123 4567',
	'5123-4567',
	'85251234567',
	'(852) 5123 4567',
	'00852 5123 4567',
	'+８５２ ５１２３ ４５６７',
	'+86 138 0013 8000',
	'86-13800138000',
	'+86 10 8888 8888',
	'+44 20 7946 0958',
	'852',
	'',
	'no phone',
	'5123 4567 ext. 12'
];

describe('phoneKeySql', () => {
	it('gives every stored number the key phoneKey gives it', async () => {
		const values = sql.join(
			samples.map((s) => sql`(${s}::text)`),
			sql`, `
		);
		const rows = await queryRows<{ phone: string; key: string }>(
			db(),
			sql`select v.phone, ${phoneKeySql(sql`v.phone`)} as key from (values ${values}) as v(phone)`
		);
		expect(rows.map((r) => [r.phone, r.key])).toEqual(samples.map((s) => [s, phoneKey(s)]));
	});
});

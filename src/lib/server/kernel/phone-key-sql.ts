import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * phoneKey (lib/phone.ts) as an SQL expression over a stored number, written step for step like
 * it and tested against it (phone-key-sql.db.test.ts). Every function in it is immutable, so an
 * expression index on exactly this text would serve `phoneKeySql(column) = $key`.
 */
export function phoneKeySql(column: AnyColumn | SQL): SQL {
	const digits = sql`regexp_replace(translate(${column}, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g')`;
	const international = sql`regexp_replace(${digits}, '^00', '')`;
	const hongKong = sql`regexp_replace(${international}, '^852([0-9]{8})$', '\\1')`;
	return sql`regexp_replace(${hongKong}, '^86(1[0-9]{10})$', '\\1')`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids come from URLs and forms; a malformed one must read as "not found" and never reach a uuid
 * column, where PostgreSQL would fail the query.
 */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}

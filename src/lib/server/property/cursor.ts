import { isUuid } from '#lib/server/kernel/ids.ts';

/**
 * Where a page of the unit list ends, in its sort order: building code, floor level, unit number,
 * unit id. The floor comes before the number so that 2A follows 1D rather than 19D (unit numbers
 * are text).
 */
export interface UnitSortKey {
	buildingCode: string;
	floorLevel: number;
	number: string;
	id: string;
}

/**
 * The "next page" link carries the last row's sort key. It is opaque to the user (base64url of
 * JSON) but not secret: a forged cursor only moves where the page starts, the estate scope still
 * applies to every row.
 */
export function encodeCursor(key: UnitSortKey): string {
	return Buffer.from(JSON.stringify([key.buildingCode, key.floorLevel, key.number, key.id]), 'utf8').toString('base64url');
}

/** A malformed or tampered cursor reads as "no cursor" (the first page), never as an error. */
export function decodeCursor(cursor: string | null | undefined): UnitSortKey | null {
	if (!cursor || cursor.length > 600) return null;
	try {
		const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (!Array.isArray(value) || value.length !== 4) return null;
		const [buildingCode, floorLevel, number, id] = value as unknown[];
		if (typeof buildingCode !== 'string' || typeof number !== 'string' || !isUuid(id)) return null;
		if (typeof floorLevel !== 'number' || !Number.isInteger(floorLevel) || Math.abs(floorLevel) > 10_000) return null;
		return { buildingCode, floorLevel, number, id };
	} catch {
		return null;
	}
}

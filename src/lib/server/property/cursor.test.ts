import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

const key = { buildingCode: 'T1', floorLevel: -2, number: '12A', id: '0b7c2f52-4a0e-4a53-9a53-1d2b3c4d5e6f' };

describe('unit list cursor', () => {
	it('round-trips the sort key, including non-ASCII building codes', () => {
		expect(decodeCursor(encodeCursor(key))).toEqual(key);
		const chinese = { ...key, buildingCode: '第一座', number: '十樓' };
		expect(decodeCursor(encodeCursor(chinese))).toEqual(chinese);
	});

	it('is URL-safe', () => {
		expect(encodeCursor(key)).toMatch(/^[A-Za-z0-9_-]+$/);
	});

	it('reads tampered or malformed cursors as the first page', () => {
		expect(decodeCursor(undefined)).toBeNull();
		expect(decodeCursor('')).toBeNull();
		expect(decodeCursor('not base64 json')).toBeNull();
		const uuid = '0b7c2f52-4a0e-4a53-9a53-1d2b3c4d5e6f';
		expect(decodeCursor(Buffer.from(`["T1",1,"1",42]`).toString('base64url'))).toBeNull();
		expect(decodeCursor(Buffer.from(`["T1",1,"1","not-a-uuid"]`).toString('base64url'))).toBeNull();
		expect(decodeCursor(Buffer.from(`["T1","1","1","${uuid}"]`).toString('base64url'))).toBeNull();
		expect(decodeCursor(Buffer.from(`["T1",1.5,"1","${uuid}"]`).toString('base64url'))).toBeNull();
		expect(decodeCursor(Buffer.from(`["T1","1","${uuid}"]`).toString('base64url'))).toBeNull();
		expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
		expect(decodeCursor('A'.repeat(1000))).toBeNull();
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { repairKinds, repairOrders } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { staffQueue, type QueueFilter } from './queries.ts';
import type { RepairState } from './machine.ts';

let desk: Actor;
/** The visible orders, newest first with ties broken by id, as the queue must list them. */
let expected: { id: string; state: RepairState }[];

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	const [kind] = await db().select().from(repairKinds).limit(1);
	const estate = await fx.estate();
	const other = await fx.estate();
	const units = await fx.unitsIn(await fx.building(estate.id, 'A'), 3);
	const [otherUnit] = await fx.unitsIn(await fx.building(other.id, 'B'), 1);
	desk = await fx.staffActor(['customer_service'], [estate.id]);

	const base = Date.parse('2026-03-01T08:00:00.000Z');
	const states: RepairState[] = ['done', 'received', 'assigned', 'cancelled', 'in_progress'];
	// 13 orders; four share one creation time, so pages must break ties on id.
	const rows = Array.from({ length: 13 }, (_, i) => {
		const createdAt = new Date(i >= 4 && i < 8 ? base + 4 * 60_000 : base + i * 60_000);
		return {
			estateId: estate.id,
			unitId: units[i % 3]!.id,
			kindId: kind!.id,
			state: states[i % states.length]!,
			channel: 'phone' as const,
			location: 'unit' as const,
			description: `Order ${i}`,
			contactName: 'Resident',
			contactPhone: '+852 91234567',
			responseDueAt: new Date(createdAt.getTime() + 3_600_000),
			completionDueAt: new Date(createdAt.getTime() + 86_400_000),
			createdAt
		};
	});
	const inserted = await db().insert(repairOrders).values(rows).returning();
	await db()
		.insert(repairOrders)
		.values({ ...rows[0]!, estateId: other.id, unitId: otherUnit!.id, createdAt: new Date(base + 3_600_000) });
	expected = inserted
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
		.map(({ id, state }) => ({ id, state }));
});

async function walk(filter: QueueFilter) {
	const seen: string[] = [];
	let after: QueueFilter['after'] = null;
	for (let pages = 0; pages < 20; pages++) {
		const page = await staffQueue(desk, { ...filter, limit: 3, after });
		seen.push(...page.rows.map((row) => row.id));
		if (!page.next) return seen;
		after = page.next;
	}
	throw new Error('the cursor never reached the end');
}

describe('staff queue pages', () => {
	it('walks every visible order exactly once, newest first, across pages that split equal creation times', async () => {
		expect(await walk({})).toEqual(expected.map((order) => order.id));
	});

	it('keeps a filter while following the cursor', async () => {
		const open = expected.filter((order) => order.state !== 'done' && order.state !== 'cancelled').map((order) => order.id);
		expect(open.length).toBeGreaterThan(3);
		expect(await walk({ state: 'open' })).toEqual(open);
	});
});

import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { database, queryRows } from '../db/client.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

describe('demo repair history', () => {
	it('gives both estates signed-off repairs with callbacks, answered and open, and Chan an emailed evaluation link', async () => {
		expect((await useDemoData()).seeded).toBe(true);
		const perEstate = await queryRows<{ code: string; orders: number; done: number; callbacks: number; answered: number }>(
			database().db,
			sql`select e.code,
				(select count(*)::int from repair_orders o where o.estate_id = e.id) as orders,
				(select count(*)::int from repair_orders o where o.estate_id = e.id and o.state = 'done') as done,
				(select count(*)::int from repair_callbacks c where c.estate_id = e.id) as callbacks,
				(select count(*)::int from repair_callbacks c where c.estate_id = e.id and c.state = 'done') as answered
				from estates e order by e.code`
		);
		for (const estate of perEstate) {
			expect(estate.orders, estate.code).toBeGreaterThan(10);
			expect(estate.callbacks, estate.code).toBe(estate.done);
			expect(estate.answered, estate.code).toBeGreaterThan(0);
			expect(estate.answered, estate.code).toBeLessThan(estate.callbacks);
		}
		const [chan] = await queryRows<{ open: number }>(
			database().db,
			sql`select count(*)::int as open from repair_callbacks c join repair_orders o on o.id = c.repair_id
				join users u on u.id = o.requester_id where u.email = 'resident@lobby.test' and c.state = 'open'
				and c.evaluation_expires_at > now()`
		);
		expect(chan!.open).toBeGreaterThanOrEqual(1);
		// Exactly one evaluation email is on its way: Chan's, not one per old repair.
		const [mail] = await queryRows<{ n: number }>(
			database().db,
			sql`select count(*)::int as n from jobs j, jsonb_array_elements(j.payload->'deliveries') d
				where j.kind = 'notify.deliver' and d->>'link' like '/s/%'`
		);
		expect(mail!.n).toBe(1);
		// The e2e journeys expect the named residents' homes to hold only the history written for them.
		const named = await queryRows<{ email: string; orders: number; open: number }>(
			database().db,
			sql`select u.email,
				count(o.id)::int as orders,
				count(o.id) filter (where o.state not in ('done', 'cancelled'))::int as open
				from users u join occupancies oc on oc.user_id = u.id
				left join repair_orders o on o.unit_id = oc.unit_id
				where u.email in ('resident@lobby.test', 'neighbour@lobby.test') group by u.email order by u.email`
		);
		expect(named).toEqual([
			{ email: 'neighbour@lobby.test', orders: 0, open: 0 },
			{ email: 'resident@lobby.test', orders: 1, open: 0 }
		]);
		// Every case a resident filed belongs to an occupancy of its unit (privacy inside a unit),
		// and Chan's to his own.
		const [owners] = await queryRows<{ unowned: number; elsewhere: number; chans: number }>(
			database().db,
			sql`select
				count(*) filter (where o.requester_id is not null and o.occupancy_id is null)::int as unowned,
				count(*) filter (where o.occupancy_id is not null and oc.unit_id <> o.unit_id)::int as elsewhere,
				count(*) filter (where oc.user_id = (select id from users where email = 'resident@lobby.test'))::int as chans
				from repair_orders o left join occupancies oc on oc.id = o.occupancy_id`
		);
		expect(owners).toEqual({ unowned: 0, elsewhere: 0, chans: 1 });
	});
});

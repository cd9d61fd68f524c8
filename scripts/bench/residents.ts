// A resident for every unit of a benchmark data set: one user account each, owning and living in
// the unit since 2020 (an occupancy without an end), so the resident home and the bills have a
// real party everywhere.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../src/lib/server/db/client.ts';

export async function insertResidents(tx: Tx): Promise<void> {
	await tx.execute(sql`create temporary table bench_unit_numbers on commit drop as
		select u.id, row_number() over (order by u.id) as n from units u`);
	await tx.execute(sql`insert into users (email, name, kind, locale, phone)
		select 'resident' || n || '@bench.test', 'Resident ' || n, 'resident', (array['zh-Hant', 'zh-Hans', 'en'])[1 + n % 3],
			'+852 6' || lpad(n::text, 7, '0')
		from bench_unit_numbers order by n`);
	await tx.execute(sql`insert into occupancies (unit_id, user_id, role, starts_on)
		select u.id, r.id, 'owner', date '2020-01-01' + (u.n % 365)::int
		from bench_unit_numbers u join users r on r.email = 'resident' || u.n || '@bench.test'`);
}

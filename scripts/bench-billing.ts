// Benchmark: the billing run for N occupied units (default 100 000) on a fresh database.
// npm run bench:billing (TEST_DB=pglite|postgres, N units, B batch size; defaults pglite, 100 000, 5 000)
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../tests/test-database.ts';
import { useDatabase, queryRows, db } from '../src/lib/server/db/client.ts';
import { billingEstate } from '../src/lib/server/fees/test-fixtures.ts';
import { runBilling } from '../src/lib/server/fees/billing.ts';
import { residentUser } from '../src/lib/server/property/testing/fixtures.ts';

const N = Number(process.env.N ?? 100_000);
const batchSize = Number(process.env.B ?? 5000);
const { database, dispose } = await freshDatabase();
useDatabase(database);
const place = await billingEstate();
const [floor] = await queryRows<{ id: string }>(db(), sql`select id from floors where building_id = ${place.building.id}::uuid`);
const t = performance.now();
await db().execute(sql`
	insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
	select ${place.estate.id}::uuid, ${place.building.id}::uuid, ${floor!.id}::uuid, 'T' || g, 50 + (g % 100) + (g % 7) / 100.0,
		(case when g % 10 = 0 then 'office' else 'residential' end)::unit_use
	from generate_series(1, ${N}::int) g`);
const resident = (await residentUser()).id;
await db().execute(
	sql`insert into occupancies (unit_id, user_id, role, starts_on) select id, ${resident}::uuid, 'owner', '2024-01-01' from units`
);
await db().execute(sql`
	insert into meter_readings (unit_id, meter, read_on, value)
	select id, m::meter_kind, d::date, (random() * 100)::numeric(14, 2) + case when d = '2026-10-31' then 50 else 0 end
	from units, unnest(array['water', 'electricity']) m, unnest(array['2026-09-30', '2026-10-31']) d`);
console.log(`setup (${database.kind}, ${N} units + 4 readings each): ${Math.round(performance.now() - t)} ms`);
const now = new Date('2026-11-01T02:00:00+08:00');
const first = await runBilling({ period: '2026-10', actor: null, now, batchSize });
console.log(`billing run: ${first.ms} ms`, first);
const again = await runBilling({ period: '2026-10', actor: null, now, batchSize });
console.log(`repeat: ${again.ms} ms`, again);
await dispose();

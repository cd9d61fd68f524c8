import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
const pg = new PGlite({ dataDir: 'tmp/bench-http/pglite', extensions: { pg_trgm } });
const [uid] = (await pg.query<{ id: string }>(`select id from users where email = 'resident@lobby.test'`)).rows;
const q = process.argv[2]!.replaceAll('$UID', `'${uid!.id}'`);
for (let i = 0; i < 3; i++) await pg.query(q);
const r = await pg.query<Record<string, string>>(`explain analyze ${q}`);
console.log(r.rows.map((x) => Object.values(x)[0]).join('\n'));
await pg.close();

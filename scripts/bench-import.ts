// Registry import benchmark: a throwaway database, a generated CSV, the real import service.
//
//   npm run bench:import                      10,000 units on in-memory PGlite
//   npm run bench:import -- --postgres        the same on a throwaway PostgreSQL database, created on
//                                             DATABASE_URL's server (else TEST_DATABASE_URL, else
//                                             postgres://postgres@127.0.0.1:5432/test) and dropped after
//   npm run bench:import -- --units 100000 --explain
//                                             load more units (in 10,000-row files) and print the
//                                             query plans and timings of the staff unit list
//
// Exits non-zero when importing 10,000 units takes 10 s or more (the acceptance limit).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values: args } = parseArgs({
	options: {
		postgres: { type: 'boolean', default: false },
		units: { type: 'string', default: '10000' },
		explain: { type: 'boolean', default: false }
	}
});
const LIMIT_SECONDS = 10;
const FILE_UNITS = 10_000;
const totalUnits = Math.max(1, Number(args.units) || FILE_UNITS);

const kind = args.postgres ? 'postgres' : 'pglite';
if (args.postgres && process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL) {
	// Never write benchmark data into the configured database: only its server is borrowed.
	process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
}

const { freshDatabase } = await import('../tests/test-database.ts');
const { useDatabase, db } = await import('../src/lib/server/db/client.ts');
const { DEFAULT_TIME_ZONE } = await import('../src/lib/time/index.ts');
const schema = await import('../src/lib/server/db/schema/index.ts');
const { loadActor } = await import('../src/lib/server/auth/actor.ts');
const { importRegistryCsv } = await import('../src/lib/server/property/import/service.ts');
const { importColumns } = await import('../src/lib/server/property/import/csv.ts');

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function random(seed: number) {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed / 2_147_483_648;
	};
}

const surnames = ['陳', '李', '張', '黃', '何', 'Chan', 'Wong', 'Lee', 'Cheung', 'Lam'];
const given = ['大文', '小明', '美玲', '志強', 'Tai Man', 'Siu Ming', 'Mei Ling', 'Ka Wai'];

/** One CSV file of 10,000 units: towers of 40 floors x 25 units; 65 % lived in, 5 % by companies. */
function generateCsv(fileIndex: number, units: number): Uint8Array {
	const next = random(fileIndex + 1);
	const lines = [importColumns.join(',')];
	for (let i = 0; i < units; i++) {
		const n = fileIndex * FILE_UNITS + i;
		const tower = Math.floor(n / 1000) + 1;
		const floor = Math.floor((n % 1000) / 25) + 1;
		const unitNumber = `${floor}${String.fromCharCode(65 + (n % 25))}`;
		const area = (40 + next() * 160).toFixed(2);
		const roll = next();
		let resident = ['', '', '', '', '', ''];
		if (roll < 0.65) {
			const name = `${surnames[n % surnames.length]}${given[Math.floor(n / surnames.length) % given.length]}`;
			const role = roll < 0.45 ? 'owner' : 'renter';
			resident = [`"${name} ${n}"`, `resident${n}@bench.test`, `+852 9${String(n).padStart(7, '0')}`, role, '2024-01-15', ''];
		} else if (roll < 0.7) {
			resident = ['Contact', `contact${n % 500}@company${n % 500}.test`, '', 'renter', '2023-07-01', `Company ${n % 500} Ltd`];
			resident[0] = `Contact ${n % 500}`;
		}
		const [name, email, phone, role, start, companyName] = resident;
		lines.push(
			[
				'BENCH',
				`T${tower}`,
				`Tower ${tower}`,
				floor,
				unitNumber,
				area,
				floor === 1 ? 'retail' : 'residential',
				name,
				email,
				phone,
				role,
				start,
				companyName
			].join(',')
		);
	}
	return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

const { database, dispose } = await freshDatabase(kind);
useDatabase(database);
let failed = false;
try {
	const [company] = await db().insert(schema.managementCompanies).values({ name: 'Bench Property Management' }).returning();
	await db()
		.insert(schema.estates)
		.values({ companyId: company!.id, code: 'BENCH', name: 'Bench Estate', kind: 'residential', timeZone: DEFAULT_TIME_ZONE });
	const [admin] = await db()
		.insert(schema.users)
		.values({ email: 'bench-admin@bench.test', name: 'Bench admin', kind: 'staff' })
		.returning();
	await db().insert(schema.staffRoles).values({ userId: admin!.id, role: 'admin' });
	const actor = (await loadActor(admin!.id, null))!;

	const files = Math.ceil(totalUnits / FILE_UNITS);
	let firstSeconds = 0;
	let firstFile: Uint8Array | null = null;
	for (let f = 0; f < files; f++) {
		const units = Math.min(FILE_UNITS, totalUnits - f * FILE_UNITS);
		const bytes = generateCsv(f, units);
		const started = performance.now();
		const report = await importRegistryCsv(actor, { name: `bench-${f}.csv`, bytes }, { importGoodRows: false });
		const seconds = (performance.now() - started) / 1000;
		if (!report.imported || report.counts?.units.created !== units) {
			throw new Error(
				`import ${f} did not create ${units} units: ${JSON.stringify(report.errors.slice(0, 5))} ${JSON.stringify(report.counts)}`
			);
		}
		if (f === 0) {
			firstSeconds = seconds;
			firstFile = bytes;
			console.log(
				`Imported ${units} units in ${seconds.toFixed(1)} s (${database.kind}; ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV, ` +
					`${report.counts.residents.created} residents, ${report.counts.occupancies.created} occupancies)`
			);
		} else if (f % 5 === 4 || f === files - 1) {
			console.log(`  … ${Math.min(totalUnits, (f + 1) * FILE_UNITS)} units loaded (last file ${seconds.toFixed(1)} s)`);
		}
	}

	const again = performance.now();
	const second = await importRegistryCsv(actor, { name: 'bench-0.csv', bytes: firstFile! }, { importGoodRows: false });
	console.log(
		`Re-imported the same file in ${((performance.now() - again) / 1000).toFixed(1)} s: ` +
			`${second.counts?.units.unchanged} units unchanged, ${second.counts?.units.created} created, ${second.counts?.units.updated} updated`
	);

	if (args.explain) await explainUnitList(actor);

	if (firstSeconds >= LIMIT_SECONDS) {
		console.error(`FAIL: importing ${Math.min(FILE_UNITS, totalUnits)} units took ${firstSeconds.toFixed(1)} s (limit ${LIMIT_SECONDS} s)`);
		failed = true;
	}
} finally {
	// dispose() closes the database (and drops it on PostgreSQL).
	await dispose();
}
process.exit(failed ? 1 : 0);

/** Plans and timings of the staff unit list on the loaded data: first page, deep page, filters, search. */
async function explainUnitList(actor: import('../src/lib/server/auth/actor.ts').Actor) {
	const { sql } = await import('drizzle-orm');
	const { queryRows } = await import('../src/lib/server/db/client.ts');
	const { listUnits, unitPageQuery } = await import('../src/lib/server/property/unit-list.ts');
	const { estateTodays } = await import('../src/lib/server/property/occupancy.ts');
	await db().execute(sql`analyze`);
	const base = { q: '', estateId: null, buildingId: null, use: null, occupancy: null, cursor: null } as const;
	let deep = { ...base } as import('../src/lib/server/property/unit-list.ts').UnitListFilters;
	for (let i = 0; i < 40; i++) deep = { ...deep, cursor: (await listUnits(actor, deep)).nextCursor };
	const cases = {
		'first page': base,
		'page 41 (cursor)': deep,
		'vacant units': { ...base, occupancy: 'vacant' as const },
		'search unit number "12"': { ...base, q: '12' },
		'search name "小明"': { ...base, q: '小明' },
		'search email "resident4242"': { ...base, q: 'resident4242' },
		'search company "company 42 "': { ...base, q: 'Company 42 ' }
	};
	for (const [label, filters] of Object.entries(cases)) {
		const started = performance.now();
		const page = await listUnits(actor, filters);
		const ms = performance.now() - started;
		const plan = await queryRows<Record<string, string>>(
			db(),
			sql`explain (analyze, costs off, timing off, summary on) ${unitPageQuery(actor, filters, await estateTodays(db()))}`
		);
		console.log(`\n== ${label}: ${page.rows.length} rows in ${ms.toFixed(0)} ms`);
		for (const line of plan) console.log(`   ${Object.values(line)[0]}`);
	}
}

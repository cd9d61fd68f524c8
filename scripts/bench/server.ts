// The database a benchmark fills: a database of its own on BENCH_DATABASE_URL's server (else
// DATABASE_URL's, else postgres@127.0.0.1:5432). Only the server is borrowed; the app's client,
// migrator and defaults are pointed at the bench database through DATABASE_URL, so this must run
// before anything imports the app's database client.
import postgres from 'postgres';

/** Creates `name` (dropping it first with `fresh`) and points DATABASE_URL at it; returns its URL. */
export async function openBenchDatabase(name: string, { fresh }: { fresh: boolean }): Promise<URL> {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database must be a plain lower-case name, got ${name}`);
	const serverUrl = new URL(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
	const adminUrl = new URL(serverUrl);
	adminUrl.pathname = '/postgres';
	const benchUrl = new URL(serverUrl);
	benchUrl.pathname = `/${name}`;
	const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
	try {
		if (fresh) await admin.unsafe(`drop database if exists ${name} with (force)`);
		const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
		if (!exists) await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	process.env.DATABASE_URL = benchUrl.toString();
	return benchUrl;
}

/**
 * Prepared statements for the embedded database. drizzle's PGlite driver sends every statement
 * unnamed, so PGlite parses, analyzes and plans it again each time, in six protocol steps through
 * its WebAssembly, on the server's only thread: the resident home's eight statements took ~20 ms of
 * that thread per view under load. A PostgreSQL client keeps statements prepared per connection;
 * this does the same for PGlite: the first use of a statement's text prepares it under a name, and
 * later uses only bind and execute it (PostgreSQL then plans once, or keeps a custom plan when
 * that is cheaper). The messages of a step go into the WebAssembly as one buffer (bind, describe,
 * execute and sync together), as a client pipelines them over a socket. Measured on the demo data with 10 000 units of history: a primary-key lookup
 * 1.1 → 0.2 ms, the amount-due statement 2.1 → 0.4 ms.
 *
 * Results are parsed with PGlite's parsers merged once per set of the caller's (see parsersFor).
 *
 * The client handed to drizzle is the PGlite instance with `query` replaced; everything else
 * (transactions, exec, close, dumps) is PGlite's own. A transaction's statements go through the
 * transaction object and stay unnamed. Results and errors are PGlite's own (parseResults,
 * DatabaseError with its code and constraint).
 */
import type { PGlite, QueryOptions, Results } from '@electric-sql/pglite';

/** Prepared statements kept at most; the least recently used is closed beyond it. */
const CAPACITY = 400;

type Protocol = typeof import('@electric-sql/pglite').protocol;
type Parse = typeof import('@electric-sql/pglite').parse;

export function withPreparedStatements(pg: PGlite, { protocol, parse }: { protocol: Protocol; parse: Parse }): PGlite {
	const { serialize } = protocol;
	/** Statement text → its name and parameter types, least recently used first. */
	const statements = new Map<string, { name: string; types: number[] }>();
	let counter = 0;
	const send = async (message: Uint8Array) => (await pg.execProtocol(message, { syncToFs: false })).messages;
	/** Several protocol messages as one buffer: PGlite's backend reads them all in one call. */
	const batch = (...parts: Uint8Array[]) => {
		const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
		let at = 0;
		for (const part of parts) {
			whole.set(part, at);
			at += part.byteLength;
		}
		return whole;
	};

	async function prepared(text: string): Promise<{ name: string; types: number[] }> {
		const known = statements.get(text);
		if (known) {
			statements.delete(text);
			statements.set(text, known);
			return known;
		}
		const name = `lobby_${++counter}`;
		const evicted = statements.size >= CAPACITY ? statements.entries().next().value : undefined;
		if (evicted) statements.delete(evicted[0]);
		// An error in the parse skips the rest up to the sync, which is in the same batch.
		const messages = await send(
			batch(
				...(evicted ? [serialize.close({ type: 'S', name: evicted[1].name })] : []),
				serialize.parse({ name, text }),
				serialize.describe({ type: 'S', name }),
				serialize.sync()
			)
		);
		const statement = { name, types: parse.parseDescribeStatementResults(messages) };
		statements.set(text, statement);
		return statement;
	}

	/**
	 * PGlite's parsers with the query's own on top. PGlite merges them by copying its ~400 parsers
	 * for every statement (0.6 ms each time), and drizzle passes the same few (dates kept as text)
	 * with every statement: the merge is made once per set of type ids.
	 */
	type Parsers = typeof pg.parsers;
	const merged = new WeakMap<Parsers, Map<string, Parsers>>();
	function parsersFor(options: QueryOptions | undefined): Parsers {
		if (!options?.parsers) return pg.parsers;
		let byKeys = merged.get(pg.parsers);
		if (!byKeys) merged.set(pg.parsers, (byKeys = new Map<string, Parsers>()));
		const keys = Object.keys(options.parsers).join(',');
		let parsers = byKeys.get(keys);
		if (!parsers) byKeys.set(keys, (parsers = { ...pg.parsers, ...options.parsers }));
		return parsers;
	}

	async function query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
		// A blob (COPY) is PGlite's own business.
		if (options?.blob) return pg.query<T>(text, params, options);
		// Like PGlite's own query: wait for any transaction in progress, then run alone.
		return pg._runExclusiveTransaction(() =>
			pg._runExclusiveQuery(async () => {
				const { name, types } = await prepared(text);
				const serializers = pg.serializers as Record<number, ((value: unknown) => string) | undefined>;
				const values = params.map((value, i) => {
					if (value === null || value === undefined) return null;
					const serializer = options?.serializers?.[types[i]!] ?? serializers[types[i]!];
					if (serializer) return serializer(value);
					// A type without a serializer (text, uuid, numbers) is sent as its string, as PGlite's own query does.
					if (typeof value === 'string') return value;
					if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
					return JSON.stringify(value);
				});
				let messages;
				try {
					// One trip into the WebAssembly for the four messages: on an error PostgreSQL skips to the sync.
					messages = await send(
						batch(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync())
					);
				} catch (error) {
					// A data error (a unique violation…) leaves the statement good; one whose table changed shape
					// since it was prepared ("cached plan must not change result type") is prepared anew.
					if ((error as { code?: unknown }).code === '0A000') {
						statements.delete(text);
						await send(batch(serialize.close({ type: 'S', name }), serialize.sync()));
					}
					throw error;
				}
				if (!pg.isInTransaction()) await pg.syncToFs();
				return parse.parseResults(messages, parsersFor(options), { ...options, parsers: undefined })[0] as Results<T>;
			})
		);
	}

	return new Proxy(pg, {
		get(target, property) {
			if (property === 'query') return query;
			const value: unknown = Reflect.get(target, property, target);
			// PGlite's methods use private fields: they must run on the instance itself.
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		}
	});
}

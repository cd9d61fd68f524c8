// What a piece of server code says to the database: every statement it sends, and the shape of each
// one's plan. The test database's own client is wrapped in a second drizzle instance with a logger,
// installed as db() while the code runs.
import { drizzleOptions, useDatabase, database, type Database, type Db } from '../src/lib/server/db/client.ts';

export interface Statement {
	sql: string;
	params: unknown[];
}

/** Runs `work` with db() logging every statement; returns them in the order they were sent. */
export async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
	const original = database();
	const statements: Statement[] = [];
	const logger = { logQuery: (sql: string, params: unknown[]) => void statements.push({ sql, params }) };
	const client = (original.db as unknown as { $client: unknown }).$client;
	let spy: Db;
	if (original.kind === 'pglite') {
		const { drizzle } = await import('drizzle-orm/pglite');
		spy = drizzle(client as never, { ...drizzleOptions, logger });
	} else {
		const { drizzle } = await import('drizzle-orm/postgres-js');
		spy = drizzle(client as never, { ...drizzleOptions, logger });
	}
	useDatabase({ ...original, db: spy } satisfies Database);
	try {
		await work();
	} finally {
		useDatabase(original);
	}
	return statements;
}

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	'Parent Relationship'?: string;
	Plans?: PlanNode[];
}

interface Explained {
	Plan: PlanNode;
	'Planning Time'?: number;
	'Execution Time'?: number;
}

/** EXPLAIN (FORMAT JSON) of a statement on the current database; with `analyze`, it runs it too. */
async function explain(statement: Statement, analyze: boolean): Promise<Explained> {
	const { db, kind } = database();
	const client = (db as unknown as { $client: unknown }).$client;
	const text = `explain (${analyze ? 'analyze, ' : ''}format json) ${statement.sql}`;
	if (kind === 'pglite') {
		const result = await (client as { query(q: string, p: unknown[]): Promise<{ rows: { 'QUERY PLAN': Explained[] }[] }> }).query(
			text,
			statement.params
		);
		return result.rows[0]!['QUERY PLAN'][0]!;
	}
	const rows = await (client as { unsafe(q: string, p: unknown[]): Promise<{ 'QUERY PLAN': Explained[] }[]> }).unsafe(
		text,
		statement.params
	);
	return rows[0]!['QUERY PLAN'][0]!;
}

/**
 * The most tables any one join of the statement reads (EXPLAIN, no ANALYZE: the plan's shape, no
 * timing). Each subquery (SubPlan, InitPlan) counts as a join of its own: a correlated lookup adds
 * little to planning, while every table added to one join multiplies the orders the planner weighs.
 */
export async function widestJoin(statement: Statement): Promise<number> {
	const { Plan: plan } = await explain(statement, false);
	let widest = 0;
	const walk = (node: PlanNode): number => {
		let tables = node['Relation Name'] ? 1 : 0;
		for (const child of node.Plans ?? []) {
			const inner = walk(child);
			if (child['Parent Relationship'] === 'SubPlan' || child['Parent Relationship'] === 'InitPlan') widest = Math.max(widest, inner);
			else tables += inner;
		}
		return tables;
	};
	widest = Math.max(widest, walk(plan));
	return widest;
}

/** The statement's planning and execution time in ms (EXPLAIN ANALYZE: it runs; use it on reads). */
export async function planningAndExecution(statement: Statement): Promise<{ planning: number; execution: number }> {
	const explained = await explain(statement, true);
	return { planning: explained['Planning Time'] ?? NaN, execution: explained['Execution Time'] ?? NaN };
}

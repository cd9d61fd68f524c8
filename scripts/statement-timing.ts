// Planning and execution time of the statements some code sends, printed apart (EXPLAIN (ANALYZE,
// FORMAT JSON) gives both): a statement that takes longer to plan than to run wants a narrower
// shape, or a prepared statement. Used by bench:repairs and bench:bills.
import { planningAndExecution, statementsOf } from '../tests/query-log.ts';

/** Runs `work` once, then EXPLAIN ANALYZEs each statement it sent (reads only) and prints the times. */
export async function printStatementTimes(title: string, work: () => Promise<unknown>): Promise<void> {
	const statements = await statementsOf(work);
	console.log(`\n${title}: ${statements.length} statements`);
	console.log(`${'plan ms'.padStart(8)} ${'exec ms'.padStart(8)}  statement`);
	let planned = 0;
	let executed = 0;
	for (const statement of statements) {
		// The median of three runs: the first of each also fills caches.
		const runs = [];
		for (let i = 0; i < 3; i++) runs.push(await planningAndExecution(statement));
		runs.sort((a, b) => a.planning - b.planning);
		const { planning } = runs[1]!;
		const execution = runs.map((r) => r.execution).sort((a, b) => a - b)[1]!;
		planned += planning;
		executed += execution;
		const text = statement.sql.replace(/\s+/g, ' ');
		console.log(
			`${planning.toFixed(2).padStart(8)} ${execution.toFixed(2).padStart(8)}  ${text.length > 110 ? `${text.slice(0, 107)}…` : text}`
		);
	}
	console.log(
		`${planned.toFixed(2).padStart(8)} ${executed.toFixed(2).padStart(8)}  in all${planned > executed ? ' — planning costs more than execution' : ''}`
	);
}

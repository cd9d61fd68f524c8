/**
 * The age bands of open cases (lib/case-age.ts) as SQL: one condition for a list's filter and one
 * column for a breakdown, on the same bounds.
 */
import { and, gt, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { CaseAge } from '#lib/case-age.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const bounds = (now: Date) => ({ three: new Date(now.getTime() - 3 * DAY_MS), seven: new Date(now.getTime() - 7 * DAY_MS) });

/** The cases of one band at `now`. */
export function caseAgeSql(createdAt: AnyColumn, age: CaseAge, now: Date): SQL {
	const { three, seven } = bounds(now);
	if (age === 'new') return gt(createdAt, three);
	if (age === 'week') return and(lte(createdAt, three), gt(createdAt, seven))!;
	return lte(createdAt, seven);
}

/** Each case's band at `now`, as a column to group by (the same bounds as caseAgeSql). */
export function caseAgeBandSql(createdAt: AnyColumn, now: Date): SQL<CaseAge> {
	const { three, seven } = bounds(now);
	return sql<CaseAge>`case when ${createdAt} > ${three.toISOString()}::timestamptz then 'new' when ${createdAt} > ${seven.toISOString()}::timestamptz then 'week' else 'old' end`;
}

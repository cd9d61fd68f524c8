import { and, asc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { numericDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { complaintKinds, complaints, estates } from '../db/schema/index.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import type { ReportTable } from '../reports/export.ts';
import { inMonth, reportScope } from '../reports/repair-kpis.ts';
import { visibleComplaints } from './access.ts';
import { complaintCallbackBoard } from './queries.ts';
import { complaintReference } from './notices.ts';
import { departmentName, stateName } from '#lib/complaint-labels.ts';

interface Group {
	key: string;
	names: { nameEn: string; nameZhHans: string; nameZhHant: string } | null;
	complaints: number;
	resolved: number;
	/** Average hours from registration to the result, of those resolved. */
	averageHours: number | null;
	answered: number;
	satisfied: number;
}

/** Satisfied, as the complainant said on the link or, failing that, on the callback. */
const satisfiedSql = sql`coalesce(${complaints.satisfied}, ${complaints.callbackSatisfied})`;
const hoursSql = sql<
	number | null
>`avg(extract(epoch from (${complaints.resolvedAt} - ${complaints.createdAt})) / 3600) filter (where ${complaints.resolvedAt} is not null)`;

function groupColumns() {
	return {
		complaints: sql<number>`count(*)::int`,
		resolved: sql<number>`count(${complaints.resolvedAt})::int`,
		averageHours: sql<string | null>`${hoursSql}`,
		answered: sql<number>`(count(*) filter (where ${satisfiedSql} is not null))::int`,
		satisfied: sql<number>`(count(*) filter (where ${satisfiedSql}))::int`
	};
}

const toGroup = (row: { complaints: number; resolved: number; averageHours: string | null; answered: number; satisfied: number }) => ({
	complaints: row.complaints,
	resolved: row.resolved,
	averageHours: row.averageHours === null ? null : Math.round(Number(row.averageHours) * 10) / 10,
	answered: row.answered,
	satisfied: row.satisfied
});

/**
 * Complaint statistics of a month (registered in it, each estate's own month): by kind, by
 * department, time to a result and satisfaction — with the callback board's shares. complaints.read,
 * the actor's estates; an estate not theirs is a 404.
 */
export async function complaintReport(
	actor: Actor | null | undefined,
	query: { estate?: string | null; month?: string | null },
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
) {
	const scope = await reportScope(actor, query, { now, executor, permission: 'complaints.read' });
	const where = and(await visibleComplaints(executor, actor!), inMonth(scope, complaints.estateId, complaints.createdAt));
	const [total, kinds, departments, list, board] = await Promise.all([
		executor.select(groupColumns()).from(complaints).where(where),
		executor
			.select({
				key: complaintKinds.code,
				nameEn: complaintKinds.nameEn,
				nameZhHans: complaintKinds.nameZhHans,
				nameZhHant: complaintKinds.nameZhHant,
				...groupColumns()
			})
			.from(complaints)
			.innerJoin(complaintKinds, eq(complaintKinds.id, complaints.kindId))
			.where(where)
			.groupBy(complaintKinds.code, complaintKinds.nameEn, complaintKinds.nameZhHans, complaintKinds.nameZhHant, complaintKinds.sort)
			.orderBy(asc(complaintKinds.sort)),
		executor
			.select({ key: sql<string>`coalesce(${complaints.department}::text, '')`, ...groupColumns() })
			.from(complaints)
			.where(where)
			.groupBy(complaints.department)
			.orderBy(complaints.department),
		listRows(executor, where),
		complaintCallbackBoard(actor!, scope, executor)
	]);
	return {
		scope,
		total: toGroup(total[0]!),
		byKind: kinds.map((k): Group => ({
			key: k.key,
			names: { nameEn: k.nameEn, nameZhHans: k.nameZhHans, nameZhHant: k.nameZhHant },
			...toGroup(k)
		})),
		byDepartment: departments.map((d): Group => ({ key: d.key, names: null, ...toGroup(d) })),
		list,
		board
	};
}

export type ComplaintReport = Awaited<ReturnType<typeof complaintReport>>;

/** The month's complaints, one line each, for the export (at most 5,000: a month of a large estate). */
function listRows(executor: Executor, where: ReturnType<typeof and>) {
	return executor
		.select({
			seq: complaints.seq,
			createdAt: complaints.createdAt,
			timeZone: estates.timeZone,
			estateName: estates.name,
			kind: { nameEn: complaintKinds.nameEn, nameZhHans: complaintKinds.nameZhHans, nameZhHant: complaintKinds.nameZhHant },
			severity: complaints.severity,
			channel: complaints.channel,
			state: complaints.state,
			department: complaints.department,
			resolvedAt: complaints.resolvedAt,
			malicious: complaints.malicious,
			satisfied: sql<boolean | null>`${satisfiedSql}`,
			callbackMode: complaints.callbackMode
		})
		.from(complaints)
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.innerJoin(complaintKinds, eq(complaintKinds.id, complaints.kindId))
		.where(where)
		.orderBy(asc(complaints.createdAt))
		.limit(5000);
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const yesNo = (value: boolean | null, locale: Locale) =>
	value === null ? '' : value ? m.complaints_yes({}, { locale }) : m.complaints_no({}, { locale });

/** The statistics as plain tables in the reader's language, for the XLSX export. */
export function complaintTables(report: ComplaintReport, locale: Locale): ReportTable[] {
	const t = (fn: (i: Record<string, never>, o: { locale: Locale }) => string) => fn({}, { locale });
	const groupColumns = [
		t(m.complaints_stat_count),
		t(m.complaints_stat_resolved),
		t(m.complaints_stat_hours),
		t(m.complaints_stat_satisfied_pct)
	];
	const groupRow = (g: Omit<Group, 'key' | 'names'>) => [g.complaints, g.resolved, g.averageHours, percent(g.satisfied, g.answered)];
	const { shares } = report.board;
	return [
		{
			title: t(m.complaints_stat_summary),
			columns: [t(m.complaints_stat_month), ...groupColumns, t(m.complaints_stat_called_back_pct), t(m.complaints_stat_in_person_pct)],
			rows: [
				[
					report.scope.month,
					...groupRow(report.total),
					percent(shares.calledBack, shares.resolved),
					percent(shares.inPerson, shares.calledBack)
				]
			]
		},
		{
			title: t(m.complaints_stat_by_kind),
			columns: [t(m.complaints_field_kind), ...groupColumns],
			rows: report.byKind.map((g) => [g.names ? localizedName(g.names, locale) : g.key, ...groupRow(g)])
		},
		{
			title: t(m.complaints_stat_by_department),
			columns: [t(m.complaints_field_department), ...groupColumns],
			rows: report.byDepartment.map((g) => [g.key ? departmentName(g.key, locale) : t(m.complaints_department_none), ...groupRow(g)])
		},
		{
			title: t(m.complaints_stat_list),
			columns: [
				t(m.complaints_field_reference),
				t(m.complaints_field_filed),
				t(m.complaints_field_estate),
				t(m.complaints_field_kind),
				t(m.complaints_field_severity),
				t(m.complaints_field_state),
				t(m.complaints_field_department),
				t(m.complaints_field_resolved),
				t(m.complaints_field_satisfied),
				t(m.complaints_field_callback)
			],
			rows: report.list.map((c) => [
				complaintReference(c),
				numericDateTime(c.createdAt, c.timeZone),
				c.estateName,
				localizedName(c.kind, locale),
				c.severity === 'serious' ? t(m.complaints_severity_serious) : t(m.complaints_severity_normal),
				stateName(c.state, locale) + (c.malicious ? ` (${t(m.complaints_malicious)})` : ''),
				c.department ? departmentName(c.department, locale) : '',
				c.resolvedAt ? numericDateTime(c.resolvedAt, c.timeZone) : '',
				yesNo(c.satisfied, locale),
				c.callbackMode ? (c.callbackMode === 'in_person' ? t(m.complaints_callback_in_person) : t(m.complaints_callback_phone)) : ''
			])
		}
	];
}

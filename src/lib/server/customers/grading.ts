/**
 * Grading every customer (rule 11): for each party — a person or a resident company — with a
 * current occupancy, the figures the rating rules weigh are read in SQL a batch of parties at a
 * time, scored by rating.ts, and kept on the party's customers row (made when missing) with their
 * reasons. A grade that changed (or a first grade) is a 'graded' event on the customer's history;
 * an unchanged one writes only its score, reasons and time. The office's override is never touched.
 *
 * The figures, each read where its domain keeps it:
 * - arrears_history: whole months the party's longest-overdue bill still owing is past its due
 *   date (0 when none is), over its current occupancies — the bills of an occupancy and what a
 *   bill still owes are the fees domain's (parties.ts billOfOccupancy, ledger.ts owedSql);
 * - complaints: complaints filed by any of the party's occupancies in the last 12 months;
 * - area_leased: m² of the units it holds today (each unit once);
 * - tenure: whole months since the earliest start of its current occupancies;
 * - survey_scores: the mean of the satisfaction scores (1–5, ×100) the party gave in its named
 *   responses to the latest survey it answered, whichever of its occupancies (past ones too)
 *   received it; a question counts when the survey's frozen definition says it is a satisfaction
 *   question. Anonymous responses name nobody; a party that answered none has no figure, and the
 *   criterion then counts for nothing in its grade (rating.ts).
 * "Now" is each unit's estate's business day (property/occupancy.ts).
 *
 * Set-based: the parties are listed once, then each batch is four reads, one upsert per kind of
 * party and one insert of events, in one transaction — never a query per party.
 */
import { sql, type SQL } from 'drizzle-orm';
import { db, queryRows, type Db, type Executor } from '../db/client.ts';
import { customers, units } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { recordEvents, type EventInput } from '../events/service.ts';
import { scheduleJob } from '../jobs/queue.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { billOfOccupancy } from '../fees/parties.ts';
import { owedSql } from '../fees/ledger.ts';
import { estateMornings, type EstateMorningPayload } from '../calendar/estate-mornings.ts';
import { estateZones } from '../fees/estate-time.ts';
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import { loadRatingRules, type RatingRuleBook } from './rating-rules.ts';
import { rateCustomer, type RatingFigures } from './rating.ts';

const GRADE_JOB = 'customers.grade';
/** Grades are made before the office opens: 03:30 in each estate. */
const GRADE_AT_MINUTES = 3 * 60 + 30;
const DEFAULT_BATCH = 1000;

export type CustomerGradePayload = EstateMorningPayload;

export interface GradingResult {
	graded: number;
	/** Customers whose grade is new or changed (one event each). */
	changed: number;
	batches: number;
}

interface Party {
	id: string;
	isUser: boolean;
}

/** Whole months from `from` to `to` (SQL dates), as people count them. */
const monthsBetween = (to: SQL, from: SQL) =>
	sql`(extract(year from age(${to}, ${from})) * 12 + extract(month from age(${to}, ${from})))::int`;
const partyOf = sql`coalesce(occupancies.user_id, occupancies.company_id)`;

/**
 * Grades the parties with a current occupancy — in one estate, or everywhere — with the rules in
 * force. Safe to run again: the same figures give the same rows and no new event.
 */
export async function gradeCustomers(
	options: { estateId?: string | null; now?: Date; batchSize?: number; database?: Db } = {}
): Promise<GradingResult> {
	const database = options.database ?? db();
	const now = options.now ?? new Date();
	const batchSize = options.batchSize ?? DEFAULT_BATCH;
	const [book, todays] = await Promise.all([loadRatingRules(database), estateTodays(database, now)]);
	const today = todayInEstateSql(units.estateId, todays);
	const parties = await queryRows<{ id: string; is_user: boolean }>(
		database,
		sql`select distinct ${partyOf} as id, occupancies.user_id is not null as is_user
			from occupancies join units on units.id = occupancies.unit_id
			where ${currentOnSql(today)} ${options.estateId ? sql`and units.estate_id = ${options.estateId}::uuid` : sql``}
			order by 1`
	);
	const result: GradingResult = { graded: 0, changed: 0, batches: 0 };
	for (let start = 0; start < parties.length; start += batchSize) {
		const batch = parties.slice(start, start + batchSize).map((p) => ({ id: p.id, isUser: p.is_user }));
		const changed = await database.transaction((tx) => gradeBatch(tx, batch, book, today, now));
		result.batches++;
		result.graded += batch.length;
		result.changed += changed;
	}
	return result;
}

/** Reads one batch's figures, rates them and keeps the rows; returns how many grades changed. */
async function gradeBatch(tx: Executor, batch: Party[], book: RatingRuleBook, today: SQL, now: Date): Promise<number> {
	const ids = sql`${`{${batch.map((p) => p.id).join(',')}}`}::uuid[]`;
	const ofBatch = sql`(occupancies.user_id = any(${ids}) or occupancies.company_id = any(${ids}))`;
	const [held, arrears, complaints, surveyed, before] = await Promise.all([
		// Each unit held once (a party may hold one unit twice, as owner and renter), then per party.
		queryRows<{ id: string; area: number | string; tenure: number }>(
			tx,
			sql`select party as id, sum(area)::float8 as area, max(months)::int as tenure from (
				select ${partyOf} as party, units.id, max(${units.areaM2}) as area,
					max(${monthsBetween(today, sql`occupancies.starts_on`)}) as months
				from occupancies join units on units.id = occupancies.unit_id
				where ${ofBatch} and ${currentOnSql(today)}
				group by 1, 2
			) held group by party`
		),
		queryRows<{ id: string; months: number }>(
			tx,
			sql`select ${partyOf} as id, max(${monthsBetween(today, sql`b.due_on`)})::int as months
				from occupancies join units on units.id = occupancies.unit_id
				join bills b on ${billOfOccupancy}
				where ${ofBatch} and ${currentOnSql(today)} and b.state = 'open' and b.due_on < ${today} and ${owedSql} > 0
				group by 1`
		),
		queryRows<{ id: string; count: number }>(
			tx,
			sql`select ${partyOf} as id, count(*)::int as count
				from complaints c join occupancies on occupancies.id = c.occupancy_id
				where ${ofBatch} and c.created_at >= ${now.toISOString()}::timestamptz - interval '12 months'
				group by 1`
		),
		queryRows<{ id: string; score: number }>(
			tx,
			sql`with answered as (
					select ${partyOf} as party, r.answers, s.definition,
						rank() over (partition by ${partyOf} order by s.seq desc) as latest
					from survey_responses r
					join survey_recipients sr on sr.id = r.recipient_id
					join occupancies on occupancies.id = sr.occupancy_id
					join surveys s on s.id = r.survey_id
					where ${ofBatch}
				)
				select party as id, round(avg((a.value)::text::numeric) * 100)::int as score
				from answered cross join lateral jsonb_each(answered.answers) a
				where latest = 1 and jsonb_typeof(a.value) = 'number'
					and exists (
						select 1 from jsonb_array_elements(answered.definition -> 'sections') section,
							jsonb_array_elements(section -> 'questions') question
						where question ->> 'id' = a.key and question ->> 'kind' = 'satisfaction'
					)
				group by 1`
		),
		queryRows<{ id: string; party: string; grade: string | null }>(
			tx,
			sql`select id, coalesce(user_id, company_id) as party, grade from customers
				where user_id = any(${ids}) or company_id = any(${ids})`
		)
	]);
	const heldBy = new Map(held.map((r) => [r.id, r]));
	const monthsOverdue = new Map(arrears.map((r) => [r.id, Number(r.months)]));
	const complaintsBy = new Map(complaints.map((r) => [r.id, Number(r.count)]));
	const surveyScoreOf = new Map(surveyed.map((r) => [r.id, Number(r.score)]));
	const existing = new Map(before.map((r) => [r.party, r]));

	const rated = batch.map((party) => {
		const figures: RatingFigures = {
			arrears_history: monthsOverdue.get(party.id) ?? 0,
			complaints: complaintsBy.get(party.id) ?? 0,
			area_leased: Number(heldBy.get(party.id)?.area ?? 0),
			tenure: Number(heldBy.get(party.id)?.tenure ?? 0),
			survey_scores: surveyScoreOf.get(party.id) ?? null
		};
		return { party, rating: rateCustomer(figures, book.rules, book.bands) };
	});

	const saved = new Map<string, string>();
	for (const isUser of [true, false]) {
		const rows = rated
			.filter((r) => r.party.isUser === isUser)
			.map(({ party, rating }) => ({
				userId: isUser ? party.id : null,
				companyId: isUser ? null : party.id,
				grade: rating.grade,
				score: rating.score,
				reasons: rating.reasons,
				gradedAt: now
			}));
		if (!rows.length) continue;
		const column = isUser ? customers.userId : customers.companyId;
		const kept = await tx
			.insert(customers)
			.values(rows)
			.onConflictDoUpdate({
				target: column,
				targetWhere: sql`${column} is not null`,
				set: {
					grade: sql`excluded.grade`,
					score: sql`excluded.score`,
					reasons: sql`excluded.reasons`,
					gradedAt: sql`excluded.graded_at`,
					updatedAt: now
				}
			})
			.returning({ id: customers.id, party: sql<string>`coalesce(${customers.userId}, ${customers.companyId})` });
		for (const row of kept) saved.set(row.party, row.id);
	}

	const events: EventInput[] = [];
	for (const { party, rating } of rated) {
		const was = existing.get(party.id)?.grade ?? null;
		if (was === rating.grade) continue;
		events.push({
			subjectType: 'customer',
			subjectId: saved.get(party.id)!,
			kind: 'graded',
			actor: null,
			from: was,
			to: rating.grade,
			data: { score: rating.score }
		});
	}
	await recordEvents(tx, events);
	return events.length;
}

const mornings = estateMornings(GRADE_JOB, GRADE_AT_MINUTES, (database, estate, _today, now) =>
	gradeCustomers({ database, estateId: estate.id, now })
);
/** At start: each estate's grading of today and tomorrow exists (the daily chain). */
export const ensureGradingScheduled = mornings.ensureScheduled;
/** Job 'customers.grade': schedules the estate's next day, then grades its customers. */
export const runGradingJob = mornings.run;

/**
 * "Recompute now": a grading of each of the actor's estates, run by the job runner at once (a
 * pending one is not asked twice). Returns how many estates were asked for.
 */
export async function requestGrading(actor: Actor, now: Date = new Date()): Promise<number> {
	requireStaff(actor, 'customers.grade');
	const estates = [...(await estateZones(db())).values()].filter((e) => canSeeEstate(actor, e.id));
	for (const estate of estates) {
		const day: BusinessDate = businessToday(estate, now);
		await scheduleJob(db(), {
			kind: GRADE_JOB,
			payload: { day, estateId: estate.id } satisfies CustomerGradePayload,
			runAt: now,
			dedupeKey: `${GRADE_JOB}:now:${estate.id}`
		});
	}
	return estates.length;
}

/**
 * Customer segments (客戶細分, rule 11): saved filters over customers — the parties of occupancies,
 * a person or a resident company — that staff use to look at a group and to address it (notices,
 * surveys). A party is a member when it occupies a unit today (property/occupancy.ts, each
 * estate's own today) in the estates looked at (the filter's, within the staff member's), and
 * every part of the filter holds:
 *
 * - types / grades: its customers row (effective grade: the override, else the computed grade);
 * - arrears: bills of its occupancies (fees/parties.ts billOfOccupancy) open past their due date
 *   that still owe (fees/ledger.ts owedSql) — fees/arrears.ts's arrears — together ≥ the minimum;
 * - area: the m² of the units it occupies today there, summed;
 * - renovation: an application of its occupancies in works now (the machine's states from the
 *   permit to acceptance), or one submitted in the period (dates in the estate's zone);
 * - survey: it answered the survey in its name (a response through its recipient; anonymous
 *   responses name no one), optionally scoring the question below N.
 *
 * One statement, set-based: current occupancies grouped by party, each part a join or an
 * aggregate over the parties, so it runs the same over 100,000 parties.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { segmentFilterSchema, type SegmentFilter, type SegmentForm, filterOfForm, segmentFormSchema } from '#lib/schemas/segments.ts';
import type { BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { mayManage } from '../surveys/access.ts';
import { surveyReference } from '#lib/references.ts';
import { localText, type SurveyDefinition } from '#lib/surveys/definition.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { customerTypes, estates, occupancies, segments, surveys, units } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { owedSql } from '../fees/ledger.ts';
import { feeSettings } from '../fees/settings.ts';
import { billOfOccupancy } from '../fees/parties.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUuid } from '../kernel/ids.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { finishedRenovationStates, renovationStates } from '../renovations/machine.ts';

/** Renovation states with works going on or being accepted: from the permit until it is finished. */
const worksStates = renovationStates.slice(renovationStates.indexOf('in_works')).filter((s) => !finishedRenovationStates.includes(s));

/** The estates looked at: the filter's, within the actor's (null: every estate). */
function segmentEstates(filter: SegmentFilter, actorEstates: readonly string[] | null): readonly string[] | null {
	if (actorEstates === null) return filter.estateIds.length ? filter.estateIds : null;
	return filter.estateIds.length ? filter.estateIds.filter((id) => actorEstates.includes(id)) : actorEstates;
}

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The members of the segment as SQL: one row per party — party_id (the person's or the company's
 * id), user_id, company_id, area_m2, occupancy_ids (its occupancies current today in the estates
 * looked at), overdue_minor (what its overdue bills owe there, 0 when the filter does not ask).
 */
function segmentMembersSql(filter: SegmentFilter, estateIds: readonly string[] | null, todays: ReadonlyMap<string, BusinessDate>): SQL {
	if (estateIds !== null && estateIds.length === 0)
		return sql`select null::uuid as party_id, null::uuid as user_id, null::uuid as company_id, 0::numeric as area_m2, '{}'::uuid[] as occupancy_ids, 0::bigint as overdue_minor where false`;
	const inEstates = (column: SQL) => (estateIds === null ? sql`true` : sql`${column} = any(${uuidArray(estateIds)})`);
	const today = (column: SQL) => todayInEstateSql(column, todays);
	const parts: SQL[] = [];
	const joins: SQL[] = [];
	if (filter.typeIds.length) parts.push(sql`cu.type_id = any(${uuidArray(filter.typeIds)})`);
	if (filter.grades.length) parts.push(sql`coalesce(cu.override_grade, cu.grade) = any(${`{${filter.grades.join(',')}}`}::text[])`);
	if (filter.areaMin !== null) parts.push(sql`p.area_m2 >= ${filter.areaMin}`);
	if (filter.areaMax !== null) parts.push(sql`p.area_m2 <= ${filter.areaMax}`);
	let overdue = sql`0::bigint`;
	if (filter.arrears) {
		joins.push(sql`join (
			select party_id, sum(owed)::bigint as owed from (
				select coalesce(occupancies.user_id, occupancies.company_id) as party_id, ${owedSql} as owed
				from bills b join occupancies on ${billOfOccupancy}
				where b.state = 'open' and b.due_on < ${today(sql`b.estate_id`)} and ${inEstates(sql`b.estate_id`)}
			) x where owed > 0 group by party_id
		) ar on ar.party_id = p.party_id and ar.owed >= ${filter.arrears.minMinor}`);
		overdue = sql`ar.owed`;
	}
	if (filter.renovation) {
		const states = sql`${`{${worksStates.join(',')}}`}::renovation_state[]`;
		const which =
			filter.renovation.kind === 'in_works'
				? sql`r.state = any(${states})`
				: sql`(r.submitted_at at time zone e.time_zone)::date between ${filter.renovation.from}::date and ${filter.renovation.to}::date`;
		parts.push(sql`exists (select 1 from renovation_applications r join occupancies ro on ro.id = r.occupancy_id join estates e on e.id = r.estate_id
			where coalesce(ro.user_id, ro.company_id) = p.party_id and ${inEstates(sql`r.estate_id`)} and ${which})`);
	}
	if (filter.survey) {
		const { surveyId, questionId, below } = filter.survey;
		const scored =
			questionId && below !== null
				? sql`and jsonb_typeof(sr.answers -> ${questionId}::text) = 'number' and (sr.answers ->> ${questionId}::text)::numeric < ${below}`
				: questionId
					? sql`and sr.answers ? ${questionId}::text`
					: sql``;
		parts.push(sql`exists (select 1 from survey_responses sr join survey_recipients rc on rc.id = sr.recipient_id
			join occupancies so on so.id = rc.occupancy_id
			where sr.survey_id = ${surveyId}::uuid and ${inEstates(sql`sr.estate_id`)}
				and (coalesce(rc.user_id, so.user_id, so.company_id) = p.party_id) ${scored})`);
	}
	return sql`select p.party_id, p.user_id, p.company_id, p.area_m2, p.occupancy_ids, ${overdue} as overdue_minor
		from (
			select coalesce(${occupancies.userId}, ${occupancies.companyId}) as party_id, ${occupancies.userId} as user_id,
				${occupancies.companyId} as company_id, sum(${units.areaM2}) as area_m2, array_agg(${occupancies.id} order by ${occupancies.id}) as occupancy_ids
			from ${occupancies} join ${units} on ${units.id} = ${occupancies.unitId}
			where ${inEstates(sql`${units.estateId}`)} and ${currentOnSql(today(sql`${units.estateId}`))}
			group by ${occupancies.userId}, ${occupancies.companyId}
		) p
		left join customers cu on coalesce(cu.user_id, cu.company_id) = p.party_id
		${sql.join(joins, sql` `)}
		where ${parts.length ? sql.join(parts, sql` and `) : sql`true`}`;
}

export interface SegmentMember {
	partyId: string;
	userId: string | null;
	companyId: string | null;
	name: string;
	typeId: string | null;
	/** The type's name in each language (customer_types), null without a type. */
	type: { nameEn: string; nameZhHans: string; nameZhHant: string } | null;
	grade: string | null;
	areaM2: string;
	/** The units it occupies today in the estates looked at ("Block A 12A"). */
	units: string;
	occupancyIds: string[];
	overdueMinor: number;
}

/**
 * The members of a filter today in its estates within `within` (the staff member's; null: every
 * estate), by name: `limit` rows from `offset` (all without a limit), with the total.
 */
export async function segmentMembers(
	executor: Executor,
	filter: SegmentFilter,
	now: Date,
	{ within = null, limit, offset = 0 }: { within?: readonly string[] | null; limit?: number; offset?: number } = {}
): Promise<{ total: number; members: SegmentMember[] }> {
	const todays = await estateTodays(executor, now);
	const members = segmentMembersSql(filter, segmentEstates(filter, within), todays);
	const [counted] = await queryRows<{ n: number }>(executor, sql`select count(*)::int as n from (${members}) m`);
	const rows = await queryRows<{
		party_id: string;
		user_id: string | null;
		company_id: string | null;
		name: string | null;
		type_id: string | null;
		name_en: string | null;
		name_zh_hans: string | null;
		name_zh_hant: string | null;
		grade: string | null;
		area_m2: string;
		units: string | null;
		occupancy_ids: string[] | string;
		overdue_minor: string | number;
	}>(
		executor,
		sql`with m as (${members})
		select m.party_id, m.user_id, m.company_id, coalesce(us.name, rc.name) as name, cu.type_id, ct.name_en, ct.name_zh_hans, ct.name_zh_hant,
			coalesce(cu.override_grade, cu.grade) as grade, m.area_m2::text as area_m2, m.occupancy_ids::text[] as occupancy_ids, m.overdue_minor,
			(select string_agg(b.name || ' ' || u.number, ', ' order by b.name, u.number) from occupancies o join units u on u.id = o.unit_id
				join buildings b on b.id = u.building_id where o.id = any(m.occupancy_ids)) as units
		from m left join users us on us.id = m.user_id left join resident_companies rc on rc.id = m.company_id
			left join customers cu on coalesce(cu.user_id, cu.company_id) = m.party_id left join customer_types ct on ct.id = cu.type_id
		order by coalesce(us.name, rc.name), m.party_id
		${limit === undefined ? sql`` : sql`limit ${limit}::int`} offset ${offset}::int`
	);
	return {
		total: counted?.n ?? 0,
		members: rows.map((r) => ({
			partyId: r.party_id,
			userId: r.user_id,
			companyId: r.company_id,
			name: r.name ?? '',
			typeId: r.type_id,
			type: r.name_en === null ? null : { nameEn: r.name_en, nameZhHans: r.name_zh_hans ?? '', nameZhHant: r.name_zh_hant ?? '' },
			grade: r.grade,
			areaM2: r.area_m2,
			units: r.units ?? '',
			occupancyIds: typeof r.occupancy_ids === 'string' ? r.occupancy_ids.replace(/[{}]/g, '').split(',').filter(Boolean) : r.occupancy_ids,
			overdueMinor: Number(r.overdue_minor)
		}))
	};
}

/**
 * The occupancies of the segments' members current today within these estates (each segment's
 * own estates narrowed to them; null: every estate), as a condition on the
 * occupancies table: a notice's audience (notices/audience.ts) and a survey's (surveys/audience.ts).
 * Archived or unknown segments name no one.
 */
export async function segmentOccupanciesSql(
	executor: Executor,
	segmentIds: readonly string[],
	within: readonly string[] | null,
	todays: ReadonlyMap<string, BusinessDate>
): Promise<SQL> {
	const ids = segmentIds.filter(isUuid);
	const rows = ids.length
		? await executor
				.select({ filter: segments.filter })
				.from(segments)
				.where(and(inArray(segments.id, ids), eq(segments.archived, false)))
		: [];
	if (rows.length === 0) return sql`false`;
	const each = rows.map((row) => {
		const filter = segmentFilterSchema.parse(row.filter);
		return sql`select unnest(occupancy_ids) from (${segmentMembersSql(filter, segmentEstates(filter, within), todays)}) m`;
	});
	return sql`${occupancies.id} in (${sql.join(each, sql` union `)})`;
}

/** The occupancies held by customers of these types, as a condition on the occupancies table (notices). */
export function customerTypeOccupanciesSql(typeIds: readonly string[]): SQL {
	const ids = typeIds.filter(isUuid);
	if (ids.length === 0) return sql`false`;
	return sql`exists (select 1 from customers cu where cu.type_id = any(${uuidArray(ids)})
		and coalesce(cu.user_id, cu.company_id) = coalesce(${occupancies.userId}, ${occupancies.companyId}))`;
}

// ——— Staff: the segments and their pages ———

export type Segment = typeof segments.$inferSelect;

/** The segments staff may use, newest first; archived ones on request. */
export async function segmentList(actor: Actor | null, { archived = false } = {}) {
	requireStaff(actor, 'customers.segments');
	return db()
		.select({
			id: segments.id,
			name: segments.name,
			description: segments.description,
			archived: segments.archived,
			updatedAt: segments.updatedAt
		})
		.from(segments)
		.where(eq(segments.archived, archived))
		.orderBy(asc(segments.name));
}

/** The segments a form may address (notices, surveys): the ones not archived, by name. */
export async function segmentChoices(executor: Executor = db()) {
	return executor
		.select({ id: segments.id, name: segments.name })
		.from(segments)
		.where(eq(segments.archived, false))
		.orderBy(asc(segments.name));
}

/** The customer types a form may address or filter by (active ones), in order, named in the reader's language. */
export async function customerTypeChoices(locale: Locale, executor: Executor = db()) {
	const rows = await executor
		.select({
			id: customerTypes.id,
			nameEn: customerTypes.nameEn,
			nameZhHans: customerTypes.nameZhHans,
			nameZhHant: customerTypes.nameZhHant
		})
		.from(customerTypes)
		.where(eq(customerTypes.active, true))
		.orderBy(asc(customerTypes.sort), asc(customerTypes.code));
	return rows.map((row) => ({ id: row.id, name: localizedName(row, locale) }));
}

const scoreQuestions = (definition: SurveyDefinition) =>
	definition.sections.flatMap((section) => section.questions.filter((q) => q.kind === 'satisfaction' || q.kind === 'nps'));

/**
 * What the segment form offers, in the reader's language: the actor's estates, the customer
 * types, and the surveys it manages that went out, with their scored questions.
 */
export async function segmentFormChoices(actor: Actor | null, locale: Locale) {
	requireStaff(actor, 'customers.segments');
	const [estateRows, types, surveyRows] = await Promise.all([
		db().select({ id: estates.id, name: estates.name }).from(estates).where(inActorEstates(actor, estates.id)).orderBy(asc(estates.code)),
		customerTypeChoices(locale),
		db()
			.select({ id: surveys.id, seq: surveys.seq, title: surveys.title, definition: surveys.definition, audience: surveys.audience })
			.from(surveys)
			.where(ne(surveys.state, 'draft'))
			.orderBy(desc(surveys.seq))
			.limit(100)
	]);
	return {
		estates: estateRows,
		types,
		surveys: surveyRows
			.filter((s) => mayManage(actor, s.audience))
			.map((s) => ({
				id: s.id,
				name: `${surveyReference(s.seq)} ${localText(s.title, locale)}`,
				questions: scoreQuestions(s.definition).map((q) => ({ id: q.id, text: localText(q.text, locale) }))
			}))
	};
}

/** The segment (404 for an unknown id or a mistyped one). */
export async function loadSegment(actor: Actor | null, segmentId: string, executor: Executor = db()): Promise<Segment> {
	requireStaff(actor, 'customers.segments');
	const [row] = isUuid(segmentId) ? await executor.select().from(segments).where(eq(segments.id, segmentId)) : [];
	if (!row) error(404, 'Not found');
	return { ...row, filter: segmentFilterSchema.parse(row.filter) };
}

const MEMBERS_PAGE = 50;

/**
 * A segment's page: the segment, its members in the actor's estates today (the first page, their
 * types named in the reader's language) and their number, the bills' currency, and what its form offers.
 */
export async function segmentPage(actor: Actor | null, segmentId: string, locale: Locale, now = new Date()) {
	const segment = await loadSegment(actor, segmentId);
	const [members, { currency }, choices] = await Promise.all([
		segmentMembers(db(), segment.filter, now, { within: actor!.estateIds, limit: MEMBERS_PAGE }),
		feeSettings(db()),
		segmentFormChoices(actor, locale)
	]);
	return {
		segment,
		total: members.total,
		members: members.members.map((member) => ({ ...member, typeName: member.type ? localizedName(member.type, locale) : '' })),
		currency,
		choices
	};
}

/** Checks a posted filter against the dictionaries and the actor's estates; the stored filter. */
async function checkedFilter(executor: Executor, actor: Actor, form: SegmentForm): Promise<SegmentFilter> {
	const filter = filterOfForm(form);
	if (filter.estateIds.some((id) => actor.estateIds !== null && !actor.estateIds.includes(id)))
		throw new InputError('estateIds', m.segment_estates_outside());
	if (filter.survey) {
		const { surveyId, questionId } = filter.survey;
		const [survey] = await executor.select().from(surveys).where(eq(surveys.id, surveyId));
		if (!survey || survey.state === 'draft' || !mayManage(actor, survey.audience))
			throw new InputError('surveyId', m.segment_survey_unknown());
		if (questionId && !scoreQuestions(survey.definition).some((q) => q.id === questionId))
			throw new InputError('questionId', m.segment_question_unknown());
	}
	if (filter.typeIds.length) {
		const found = await executor.select({ id: customerTypes.id }).from(customerTypes).where(inArray(customerTypes.id, filter.typeIds));
		if (found.length !== filter.typeIds.length) throw new InputError('typeIds', m.segment_types_unknown());
	}
	return filter;
}

/** A new segment (audited); its id. */
export async function createSegment(actor: Actor | null, input: unknown, now = new Date()): Promise<string> {
	requireStaff(actor, 'customers.segments');
	const form = parseInput(segmentFormSchema, input);
	return db().transaction(async (tx) => {
		const filter = await checkedFilter(tx, actor, form);
		const [row] = await tx
			.insert(segments)
			.values({ name: form.name, description: form.description, filter, createdBy: actor.userId, createdAt: now, updatedAt: now })
			.returning({ id: segments.id });
		await recordAudit(tx, {
			actor,
			action: 'segments.create',
			subjectType: 'segment',
			subjectId: row!.id,
			detail: { name: form.name, filter }
		});
		return row!.id;
	});
}

/** The segment's name, description and filter changed (audited, with the filter before and after). */
export async function updateSegment(actor: Actor | null, segmentId: string, input: unknown, now = new Date()): Promise<void> {
	const segment = await loadSegment(actor, segmentId);
	const form = parseInput(segmentFormSchema, input);
	await db().transaction(async (tx) => {
		const filter = await checkedFilter(tx, actor!, form);
		await tx
			.update(segments)
			.set({ name: form.name, description: form.description, filter, updatedAt: now })
			.where(eq(segments.id, segment.id));
		await recordAudit(tx, {
			actor,
			action: 'segments.update',
			subjectType: 'segment',
			subjectId: segment.id,
			detail: { name: form.name, before: segment.filter, filter }
		});
	});
}

/** Archives the segment (or brings it back): it leaves the lists and the audience pickers (audited). */
export async function archiveSegment(actor: Actor | null, segmentId: string, archived: boolean, now = new Date()): Promise<void> {
	const segment = await loadSegment(actor, segmentId);
	if (segment.archived === archived) return;
	await db().transaction(async (tx) => {
		await tx.update(segments).set({ archived, updatedAt: now }).where(eq(segments.id, segment.id));
		await recordAudit(tx, {
			actor,
			action: archived ? 'segments.archive' : 'segments.restore',
			subjectType: 'segment',
			subjectId: segment.id
		});
	});
}

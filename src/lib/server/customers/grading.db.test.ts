// Customers' grades on the demo data (rule 11): the rating rules give each party a grade with its
// reasons, the office's override is kept with its reason until lifted, and staff see only their
// estates' customers.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, db, queryRows } from '../db/client.ts';
import { auditLog, customers, customerTypes, events, jobs, residentCompanies } from '../db/schema/index.ts';
import { loadActor, type Actor } from '../auth/actor.ts';
import { acme } from '../seed/demo-data.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import * as listRoute from '../../../routes/staff/customers/+page.server.ts';
import * as customerRoute from '../../../routes/staff/customers/[id]/+page.server.ts';
import * as rulesRoute from '../../../routes/staff/admin/rating-rules/+page.server.ts';
import * as dictionariesRoute from '../../../routes/staff/admin/dictionaries/+page.server.ts';
import { ensureDefaultRatingRules, loadRatingRules } from './rating-rules.ts';
import { gradeCustomers, runGradingJob } from './grading.ts';
import type { SurveyDefinition } from '#lib/surveys/definition.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

async function actorOf(email: string): Promise<Actor> {
	const [user] = await queryRows<{ id: string }>(database().db, sql`select id from users where email = ${email}`);
	return (await loadActor(user!.id, null))!;
}

/** A party's mean satisfaction score ×100 in its named answers to the latest survey it answered, read off the definition. */
async function satisfactionScoreOf(party: string): Promise<number | null> {
	const rows = await queryRows<{ answers: Record<string, unknown>; definition: SurveyDefinition }>(
		db(),
		sql`select r.answers, s.definition from survey_responses r join survey_recipients sr on sr.id = r.recipient_id
			join occupancies o on o.id = sr.occupancy_id join surveys s on s.id = r.survey_id
			where coalesce(o.user_id, o.company_id) = ${party}::uuid and s.seq = (
				select max(s2.seq) from survey_responses r2 join survey_recipients sr2 on sr2.id = r2.recipient_id
				join occupancies o2 on o2.id = sr2.occupancy_id join surveys s2 on s2.id = r2.survey_id
				where coalesce(o2.user_id, o2.company_id) = ${party}::uuid)`
	);
	const scores = rows.flatMap(({ answers, definition }) =>
		definition.sections
			.flatMap((section) => section.questions)
			.filter((q) => q.kind === 'satisfaction' && typeof answers[q.id] === 'number')
			.map((q) => answers[q.id] as number)
	);
	return scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) : null;
}

let manager: Actor;
let service: Actor;
let engineer: Actor;
let admin: Actor;
let acmeId: string;

const acmeRow = async () => (await db().select().from(customers).where(eq(customers.id, acmeId)))[0]!;
const historyOf = (id: string) =>
	db()
		.select({ kind: events.kind, from: events.fromState, to: events.toState, note: events.note })
		.from(events)
		.where(and(eq(events.subjectType, 'customer'), eq(events.subjectId, id)))
		.orderBy(events.id);

beforeAll(async () => {
	expect((await useDemoData()).seeded).toBe(true);
	await ensureDefaultRatingRules(db());
	manager = await actorOf('manager@lobby.test');
	service = await actorOf('service@lobby.test');
	engineer = await actorOf('engineer@lobby.test');
	admin = await actorOf('admin@lobby.test');
	const [company] = await db().select({ id: residentCompanies.id }).from(residentCompanies).where(eq(residentCompanies.name, acme.name));
	const [row] = await db().select({ id: customers.id }).from(customers).where(eq(customers.companyId, company!.id));
	acmeId = row!.id;
}, 120_000);

describe('grading the demo customers', () => {
	it('Rating rules produce grades with reasons on the demo data', async () => {
		const run = await gradeCustomers();
		expect(run.graded).toBeGreaterThan(10);
		expect(run.changed).toBe(run.graded);

		const acmeCustomer = await acmeRow();
		expect(acmeCustomer.grade).toMatch(/^[ABCD]$/);
		expect(acmeCustomer.score).toBeGreaterThanOrEqual(0);
		expect(acmeCustomer.gradedAt).not.toBeNull();
		// Every criterion with a figure, each with its value, points and the rule's weight.
		const { rules } = await loadRatingRules();
		const criteria = ['arrears_history', 'complaints', 'area_leased', 'tenure'];
		expect(acmeCustomer.reasons!.map((r) => r.criterion)).toEqual(
			(await satisfactionScoreOf(acmeCustomer.companyId!)) === null ? criteria : [...criteria, 'survey_scores']
		);
		// The survey score is the mean of the satisfaction answers the party gave, read off the
		// surveys' own definitions here; customers who answered nothing are graded without it.
		const graded = await db().select().from(customers);
		let withScore = 0;
		for (const customer of graded) {
			const expected = await satisfactionScoreOf((customer.userId ?? customer.companyId)!);
			const reason = customer.reasons?.find((r) => r.criterion === 'survey_scores');
			expect(reason?.value ?? null).toBe(expected);
			if (expected !== null) withScore++;
		}
		expect(withScore).toBeGreaterThan(3);
		for (const reason of acmeCustomer.reasons!) {
			expect(reason.weight).toBe(rules.find((r) => r.criterion === reason.criterion)!.weight);
			expect(reason.points).toBeGreaterThanOrEqual(0);
			expect(reason.points).toBeLessThanOrEqual(100);
		}
		// Acme holds three whole floors: the area is theirs together, each unit once.
		const [held] = await queryRows<{ area: number }>(
			db(),
			sql`select sum(u.area_m_2)::float8 as area from units u where u.id in (
				select o.unit_id from occupancies o where o.company_id = ${acmeCustomer.companyId}::uuid and o.starts_on <= current_date and (o.ends_on is null or o.ends_on >= current_date))`
		);
		expect(acmeCustomer.reasons!.find((r) => r.criterion === 'area_leased')!.value).toBeCloseTo(held!.area, 2);

		// The first grade of each customer is on its history; the same figures again change nothing.
		expect(await historyOf(acmeId)).toEqual([expect.objectContaining({ kind: 'graded', from: null, to: acmeCustomer.grade })]);
		const again = await gradeCustomers({ batchSize: 7 });
		expect(again).toMatchObject({ graded: run.graded, changed: 0 });
		expect(await historyOf(acmeId)).toHaveLength(1);
	});

	it('records a grade that differs from the one kept, once', async () => {
		const before = await acmeRow();
		const other = before.grade === 'D' ? 'A' : 'D';
		await db().update(customers).set({ grade: other }).where(eq(customers.id, acmeId));
		expect((await gradeCustomers()).changed).toBe(1);
		expect((await historyOf(acmeId)).at(-1)).toMatchObject({ kind: 'graded', from: other, to: before.grade });
		expect((await gradeCustomers()).changed).toBe(0);
	});

	it('runs as the daily job of an estate, scheduling the next day first', async () => {
		const [estate] = await queryRows<{ id: string }>(db(), sql`select id from estates order by code limit 1`);
		const [job] = await db().select().from(jobs).limit(1);
		const now = new Date();
		await runGradingJob({ day: '2026-01-01', estateId: estate!.id }, { db: db(), now, job: job! });
		const next = await db()
			.select({ key: jobs.dedupeKey })
			.from(jobs)
			.where(and(eq(jobs.kind, 'customers.grade'), sql`${jobs.dedupeKey} like ${`customers.grade:${estate!.id}:%`}`));
		expect(next.length).toBeGreaterThan(0);
	});
});

describe('the office’s override', () => {
	it('an override is kept with its reason, survives a grading run, and is lifted with a reason', async () => {
		const params = { id: acmeId };
		// A reason is required, said at its field, and nothing changes.
		const refused = failure<{ form: { errors: Record<string, string[]> } }>(
			await customerRoute.actions.override(fakeEvent({ actor: service, params, form: { grade: 'A', reason: '  ' } }))
		);
		expect(refused.status).toBe(400);
		expect(refused.data.form.errors.reason).toHaveLength(1);
		expect((await acmeRow()).overrideGrade).toBeNull();

		const set = await thrown(() =>
			customerRoute.actions.override(fakeEvent({ actor: service, params, form: { grade: 'A', reason: 'Anchor tenant of the tower' } }))
		);
		expect(set).toMatchObject({ status: 303, location: `/staff/customers/${acmeId}?done=override` });
		let row = await acmeRow();
		expect(row).toMatchObject({ overrideGrade: 'A', overrideReason: 'Anchor tenant of the tower', overrideBy: service.userId });
		expect(row.overrideAt).not.toBeNull();

		// The grading job rewrites the computed grade only.
		await gradeCustomers();
		row = await acmeRow();
		expect(row.overrideGrade).toBe('A');
		const page = await customerRoute.load(fakeEvent({ actor: manager, params }));
		expect(page.customer).toMatchObject({ effectiveGrade: 'A', override: { grade: 'A', reason: 'Anchor tenant of the tower' } });
		expect(page.customer.reasons.length).toBeGreaterThan(0);
		const listed = await listRoute.load(fakeEvent({ actor: manager, path: '/staff/customers?grade=A' }));
		expect(listed.customers).toContainEqual(expect.objectContaining({ id: acmeId, grade: 'A', overridden: true }));

		// Lifting needs its reason too, then the computed grade stands again.
		const noReason = failure<{ form: { errors: Record<string, string[]> } }>(
			await customerRoute.actions.lift(fakeEvent({ actor: manager, params, form: { liftReason: '' } }))
		);
		expect(noReason.data.form.errors.liftReason).toHaveLength(1);
		expect(
			await thrown(() => customerRoute.actions.lift(fakeEvent({ actor: manager, params, form: { liftReason: 'Lease renegotiated' } })))
		).toMatchObject({ status: 303 });
		row = await acmeRow();
		expect(row).toMatchObject({ overrideGrade: null, overrideReason: null, overrideBy: null });
		const history = await historyOf(acmeId);
		expect(history.slice(-2)).toEqual([
			expect.objectContaining({ kind: 'override_set', to: 'A', note: 'Anchor tenant of the tower' }),
			expect.objectContaining({ kind: 'override_lifted', from: 'A', to: row.grade, note: 'Lease renegotiated' })
		]);
		// Lifting again: nothing to lift, said at the field.
		const twice = failure<{ form: { errors: Record<string, string[]> } }>(
			await customerRoute.actions.lift(fakeEvent({ actor: manager, params, form: { liftReason: 'Again' } }))
		);
		expect(twice.data.form.errors.liftReason).toHaveLength(1);
	});
});

describe('who may see and grade customers', () => {
	it('refuses staff without the permission, and only customer service and managers override or recompute', async () => {
		expect((await thrown(() => listRoute.load(fakeEvent({ actor: engineer, path: '/staff/customers' })))).status).toBe(403);
		expect((await thrown(() => customerRoute.load(fakeEvent({ actor: engineer, params: { id: acmeId } })))).status).toBe(403);
		expect(
			(
				await thrown(() =>
					customerRoute.actions.override(fakeEvent({ actor: admin, params: { id: acmeId }, form: { grade: 'B', reason: 'x' } }))
				)
			).status
		).toBe(403);
		expect((await thrown(() => listRoute.actions.recompute(fakeEvent({ actor: admin, form: {} })))).status).toBe(403);
		expect((await thrown(() => rulesRoute.load(fakeEvent({ actor: service, path: '/staff/admin/rating-rules' })))).status).toBe(403);
	});

	it('answers 404 for a customer outside the actor’s estates and for an id that is no uuid', async () => {
		const elsewhere: Actor = { ...service, estateIds: [] };
		expect((await thrown(() => customerRoute.load(fakeEvent({ actor: elsewhere, params: { id: acmeId } })))).status).toBe(404);
		expect(
			(
				await thrown(() =>
					customerRoute.actions.override(fakeEvent({ actor: elsewhere, params: { id: acmeId }, form: { grade: 'B', reason: 'x' } }))
				)
			).status
		).toBe(404);
		expect((await listRoute.load(fakeEvent({ actor: elsewhere, path: '/staff/customers' }))).customers).toEqual([]);
		expect((await thrown(() => customerRoute.load(fakeEvent({ actor: manager, params: { id: 'not-a-uuid' } })))).status).toBe(404);
		// Filters typed by hand are read as "all", never a 500.
		const odd = await listRoute.load(fakeEvent({ actor: manager, path: '/staff/customers?estate=x&type=%27&grade=Z&page=-3' }));
		expect(odd.filter).toEqual({ estate: '', type: '', grade: '', page: 1 });
	});

	it('asks for a grading of each of the actor’s estates from “Recompute now”', async () => {
		expect(await thrown(() => listRoute.actions.recompute(fakeEvent({ actor: manager, form: {} })))).toMatchObject({
			status: 303,
			location: '/staff/customers?graded=1'
		});
		const asked = await db()
			.select({ id: jobs.id })
			.from(jobs)
			.where(sql`${jobs.dedupeKey} like 'customers.grade:now:%'`);
		expect(asked.length).toBe(manager.estateIds!.length);
	});
});

describe('the rating rules and customer types the admin edits', () => {
	const rulesForm = (changes: Record<string, string> = {}) => ({
		arrears_history_weight: '30',
		arrears_history_full: '0',
		arrears_history_zero: '3',
		complaints_weight: '20',
		complaints_full: '0',
		complaints_zero: '5',
		area_leased_weight: '20',
		area_leased_full: '500',
		area_leased_zero: '0',
		tenure_weight: '15',
		tenure_full: '60',
		tenure_zero: '0',
		survey_scores_weight: '15',
		survey_scores_full: '500',
		survey_scores_zero: '100',
		band_A: '85',
		band_B: '70',
		band_C: '50',
		band_D: '0',
		...changes
	});

	it('refuses bands that do not fall, weights that are all zero and equal figures, each at its field', async () => {
		const answer = failure<{ form: { errors: Record<string, string[]> } }>(
			await rulesRoute.actions.default(
				fakeEvent({
					actor: admin,
					form: rulesForm({
						band_C: '75',
						tenure_zero: '60',
						arrears_history_weight: '0',
						complaints_weight: '0',
						area_leased_weight: '0',
						tenure_weight: '0',
						survey_scores_weight: '0'
					})
				})
			)
		);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.data.form.errors).sort()).toEqual(['arrears_history_weight', 'band_C', 'tenure_zero']);
	});

	it('saves the rules with an audit row and grades by them', async () => {
		expect(await thrown(() => rulesRoute.actions.default(fakeEvent({ actor: manager, form: rulesForm({ band_A: '90' }) })))).toMatchObject({
			status: 303,
			location: '/staff/admin/rating-rules?saved=1'
		});
		expect((await loadRatingRules()).bands.find((b) => b.grade === 'A')!.minScore).toBe(90);
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'customers.rules.update'));
		expect(audit).toMatchObject({ actorId: manager.userId, subjectType: 'rating_rules' });
	});

	it('adds a customer type marked as a key account in the dictionaries', async () => {
		const answer = await thrown(() =>
			dictionariesRoute.actions.saveCustomerType(
				fakeEvent({
					actor: admin,
					path: '/staff/admin/dictionaries?tab=customers',
					form: {
						id: '',
						code: 'consulate',
						nameEn: 'Consulate',
						nameZhHans: '领事馆',
						nameZhHant: '領事館',
						keyAccount: 'on',
						active: 'on',
						sort: '60'
					}
				})
			)
		);
		expect(answer).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=customers&saved=1' });
		const [type] = await db().select().from(customerTypes).where(eq(customerTypes.code, 'consulate'));
		expect(type).toMatchObject({ keyAccount: true, active: true, nameZhHant: '領事館' });
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'dictionary.customer_type.create'));
		expect(audit).toMatchObject({ subjectId: type!.id });
	});
});

// What the office sends every resident (bench:scale): notices — each month one to every
// occupancy of each estate and one to every occupancy of each tower, published mid-month and
// current for 30 days, each with a delivery row per occupancy as notices/publish writes them — and
// the yearly satisfaction survey (rule 7): last year's, closed, and this year's, open and waiting,
// each with a recipient per occupancy.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../src/lib/server/db/client.ts';
import { BENCH_MANAGER_EMAIL } from './registry.ts';

export async function insertNotices(tx: Tx, { months }: { months: number }): Promise<void> {
	{
		await tx.execute(sql`create temporary table bench_notices on commit drop as
			select gen_random_uuid() as id, a.estate_id, a.kind, a.target_id, a.label,
				date_trunc('month', now()) - (m || ' months')::interval + interval '14 days 9 hours' as published_at
			from (
				select e.id as estate_id, 'estate'::notice_audience_kind as kind, e.id as target_id, e.name as label from estates e
				union all
				select b.estate_id, 'building', b.id, b.name from buildings b
			) a cross join generate_series(0, ${months - 1}::int) m`);
		await tx.execute(sql`insert into notices (id, estate_id, title, body, pinned, state, publish_at, published_at, expires_at, created_by, created_at)
			select n.id, n.estate_id,
				jsonb_build_object('en', 'Notice to ' || n.label || ', ' || to_char(n.published_at, 'YYYY-MM'), 'zh-Hans', '通知 ' || n.label, 'zh-Hant', '通知 ' || n.label),
				jsonb_build_object('en', 'Water will be off on Tuesday from 10:00 to 14:00 for maintenance of the tanks.',
					'zh-Hans', '週二10:00至14:00停水,進行水箱保養。', 'zh-Hant', '週二10:00至14:00停水,進行水箱保養。'),
				n.kind = 'estate' and n.published_at > now() - interval '31 days', 'published', n.published_at, n.published_at,
				n.published_at + interval '30 days', (select id from users where email = ${BENCH_MANAGER_EMAIL}), n.published_at
			from bench_notices n order by n.published_at`);
		await tx.execute(sql`insert into notice_audience (notice_id, kind, target_id) select id, kind, target_id from bench_notices`);
		await tx.execute(sql`insert into notice_deliveries (notice_id, occupancy_id, unit_id, building_id, delivered_at)
			select n.id, o.id, u.id, u.building_id, n.published_at
			from bench_notices n
			join units u on case when n.kind = 'estate' then u.estate_id else u.building_id end = n.target_id
			join occupancies o on o.unit_id = u.id and o.ends_on is null
			order by n.published_at`);
	}
}

export async function insertSurveys(tx: Tx): Promise<void> {
	{
		await tx.execute(sql`create temporary table bench_surveys on commit drop as
			select gen_random_uuid() as id, e.id as estate_id, y.closed, now() - interval '20 days' - (case when y.closed then interval '1 year' else interval '0' end) as opens_at
			from estates e cross join (values (true), (false)) y(closed)`);
		await tx.execute(sql`insert into surveys (id, template_id, title, definition, state, respondent, audience, opens_at, closes_at, created_by,
				sent_at, recipient_count, closed_at, created_at, updated_at)
			select s.id, t.id, t.title, t.definition, case when s.closed then 'closed' else 'open' end::survey_state, 'occupancy',
				jsonb_build_object('estateIds', jsonb_build_array(s.estate_id), 'buildingIds', '[]'::jsonb),
				s.opens_at, s.opens_at + interval '60 days', (select id from users where email = ${BENCH_MANAGER_EMAIL}), s.opens_at,
				(select count(*) from units u where u.estate_id = s.estate_id), case when s.closed then s.opens_at + interval '60 days' end,
				s.opens_at, s.opens_at
			from bench_surveys s cross join lateral (select * from survey_templates order by code limit 1) t
			order by s.opens_at`);
		await tx.execute(sql`insert into survey_recipients (survey_id, occupancy_id, user_id, estate_id, building_id, token_hash, locale, invited_at, created_at)
			select s.id, o.id, o.user_id, u.estate_id, u.building_id, uuid_send(gen_random_uuid()), coalesce(r.locale, 'zh-Hant'), s.opens_at, s.opens_at
			from bench_surveys s
			join units u on u.estate_id = s.estate_id
			join occupancies o on o.unit_id = u.id and o.ends_on is null
			join users r on r.id = o.user_id
			order by s.opens_at`);
	}
}

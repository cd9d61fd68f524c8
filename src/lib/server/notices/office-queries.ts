/** What the office reads about notices: its estates' notices, and one notice's delivery and read counts per building. */
import { asc, countDistinct, desc, eq, sql } from 'drizzle-orm';
import { getLocale, type Locale } from '#lib/paraglide/runtime.js';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, floors, noticeAudience, noticeDeliveries, noticeReads, notices } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { buildingChoices } from '../property/building-choices.ts';
import { loadOfficeNotice } from './access.ts';

/** The notices of the actor's estates, newest first (the last 200: older ones are history). */
export async function officeNotices(actor: Actor | null, executor: Executor = db()) {
	requireStaff(actor, 'notices.manage');
	return executor
		.select({
			id: notices.id,
			seq: notices.seq,
			title: notices.title,
			state: notices.state,
			urgent: notices.urgent,
			pinned: notices.pinned,
			publishAt: notices.publishAt,
			publishedAt: notices.publishedAt,
			expiresAt: notices.expiresAt,
			createdAt: notices.createdAt,
			estateName: estates.name,
			timeZone: estates.timeZone
		})
		.from(notices)
		.innerJoin(estates, eq(estates.id, notices.estateId))
		.where(inActorEstates(actor, notices.estateId))
		.orderBy(desc(notices.createdAt))
		.limit(200);
}

export interface BuildingCount {
	buildingId: string;
	buildingName: string;
	delivered: number;
	read: number;
}

/** Deliveries and the deliveries read (by anyone of the occupancy), per building. */
export async function readCounts(executor: Executor, noticeId: string): Promise<BuildingCount[]> {
	return executor
		.select({
			buildingId: noticeDeliveries.buildingId,
			buildingName: buildings.name,
			delivered: countDistinct(noticeDeliveries.id),
			read: countDistinct(noticeReads.deliveryId)
		})
		.from(noticeDeliveries)
		.innerJoin(buildings, eq(buildings.id, noticeDeliveries.buildingId))
		.leftJoin(noticeReads, eq(noticeReads.deliveryId, noticeDeliveries.id))
		.where(eq(noticeDeliveries.noticeId, noticeId))
		.groupBy(noticeDeliveries.buildingId, buildings.name)
		.orderBy(asc(buildings.name));
}

const typeNameColumn: Record<Locale, string> = { en: 'ct.name_en', 'zh-Hans': 'ct.name_zh_hans', 'zh-Hant': 'ct.name_zh_hant' };

/** The audience's lines with what each names, for the page (written out: one table of names per kind). */
export async function audienceLabels(executor: Executor, noticeId: string) {
	// Qualified by hand: drizzle writes a one-table select's columns bare, which the subqueries' own tables would capture.
	const target = sql.raw('"notice_audience"."target_id"');
	const rows = await executor
		.select({
			kind: noticeAudience.kind,
			targetId: noticeAudience.targetId,
			name: sql<string>`coalesce(
				(select e.name from estates e where e.id = ${target}),
				(select b.name from buildings b where b.id = ${target}),
				(select b.name || ' ' || f.label from floors f join buildings b on b.id = f.building_id where f.id = ${target}),
				(select b.name || ' ' || u.number from units u join buildings b on b.id = u.building_id where u.id = ${target}),
				(select s.name from segments s where s.id = ${target}),
				(select ${sql.raw(typeNameColumn[getLocale()])} from customer_types ct where ct.id = ${target}),
				'')`
		})
		.from(noticeAudience)
		.where(eq(noticeAudience.noticeId, noticeId));
	return rows;
}

/** One notice for the office: itself, its audience, its counts per building and its timeline. */
export async function officeNotice(actor: Actor | null, noticeId: string, executor: Executor = db()) {
	const { notice, capacities } = await loadOfficeNotice(executor, actor, noticeId);
	const [[estate], audience, counts, events] = await Promise.all([
		executor.select({ name: estates.name, timeZone: estates.timeZone }).from(estates).where(eq(estates.id, notice.estateId)),
		audienceLabels(executor, notice.id),
		readCounts(executor, notice.id),
		listEventsWithActors('notice', notice.id, executor)
	]);
	return { notice, capacities, estate: estate!, audience, counts, events };
}

/** The estates of the actor and their buildings: what the form offers as an audience. */
export async function noticeChoices(actor: Actor | null, executor: Executor = db()) {
	requireStaff(actor, 'notices.manage');
	const [estateRows, buildingRows, floorRows] = await Promise.all([
		executor
			.select({ id: estates.id, name: estates.name, timeZone: estates.timeZone })
			.from(estates)
			.where(inActorEstates(actor, estates.id))
			.orderBy(asc(estates.code)),
		buildingChoices(actor, executor),
		executor
			.select({ id: floors.id, label: floors.label, buildingId: floors.buildingId })
			.from(floors)
			.innerJoin(buildings, eq(buildings.id, floors.buildingId))
			.where(inActorEstates(actor, buildings.estateId))
			.orderBy(asc(floors.level))
	]);
	return estateRows.map((estate) => ({
		...estate,
		buildings: buildingRows
			.filter((b) => b.estateId === estate.id)
			.map((b) => ({
				id: b.id,
				name: b.name,
				floors: floorRows.filter((f) => f.buildingId === b.id).map((f) => ({ id: f.id, label: f.label }))
			}))
	}));
}

/**
 * Two months of repair history for the demo, so that the callback board, the rectification
 * notices and the statistics page have something to show on a fresh start: orders of every
 * kind in both estates, most of them done and signed off with their callbacks (created by the
 * real createRepairCallback, so the role shares are the real ones), some callbacks answered,
 * a few problems found and rectified, ratings and residents' evaluations.
 *
 * Chan Tai Man (resident@lobby.test, HVG A-12A) has one repair signed off yesterday whose
 * callback is still open and whose evaluation link was emailed to him (see the outbox).
 * Older orders send no email: their links would only clutter the outbox.
 */
import { and, asc, eq, gt, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
	appointmentBookings,
	appointmentSlots,
	callbackEvaluations,
	estates,
	events,
	notifications,
	occupancies,
	rectificationNotices,
	repairCallbacks,
	repairKinds,
	repairOrders,
	repairRatings,
	units,
	buildings,
	users
} from '../db/schema/index.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { createRepairCallback } from '../callbacks/create.ts';
import type { RepairEventKind } from '../repairs/event-kinds.ts';
import { minutesAfterStart } from '#lib/visit-arrival.ts';
import { demoNeighbour, demoResident } from './demo-data.ts';
import { pick, seededRandom } from './random.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const descriptions = [
	'Water dripping from the ceiling in the bathroom 浴室天花滴水',
	'Kitchen tap leaks at the base 廚房水龍頭底部漏水',
	'Living-room light flickers 客廳燈閃爍',
	'Front door lock is stiff 大門門鎖很緊',
	'Air-conditioner blows warm air 冷氣機只吹暖風',
	'Floor drain smells and drains slowly 地台去水慢有異味',
	'Crack in the bedroom wall 睡房牆身有裂縫',
	'Window does not close properly 窗戶關不緊',
	'Lift lobby light out on this floor 本層升降機大堂燈不亮',
	'Smoke detector beeps 煙霧感應器響'
];

type Order = typeof repairOrders.$inferSelect;

async function staffId(executor: Executor, email: string): Promise<string | null> {
	const [row] = await executor.select({ id: users.id }).from(users).where(eq(users.email, email));
	return row?.id ?? null;
}

async function event(
	executor: Executor,
	order: Pick<Order, 'id'>,
	kind: RepairEventKind,
	at: Date,
	actorId: string | null,
	from: string | null,
	to: string | null,
	note = '',
	data: Record<string, unknown> = {}
) {
	await executor
		.insert(events)
		.values({ subjectType: 'repair', subjectId: order.id, kind, at, actorId, fromState: from, toState: to, note, data });
}

/** Seeds the history; `now` is injectable so a test can pin it. Returns the number of orders. */
export async function seedDemoRepairs(executor: Executor, now = new Date()): Promise<number> {
	await ensureDefaultDictionaries(executor);
	const random = seededRandom(20261122);
	const kinds = await executor.select().from(repairKinds).where(eq(repairKinds.active, true));
	if (kinds.length === 0) return 0;
	const desk = await staffId(executor, 'service@lobby.test');
	const manager = await staffId(executor, 'manager@lobby.test');
	const engineer = await staffId(executor, 'engineer@lobby.test');
	const engineer2 = await staffId(executor, 'engineer2@lobby.test');
	const [chan] = await executor.select({ id: users.id }).from(users).where(eq(users.email, demoResident.email));
	// The named demo accounts get only the history written for them below, so what their home
	// pages show is the same on every machine (the e2e journeys rely on it).
	const named = await executor
		.select({ id: users.id })
		.from(users)
		.where(inArray(users.email, [demoResident.email, demoNeighbour.email]));
	const namedHomes = named.length
		? (
				await executor
					.select({ unitId: occupancies.unitId })
					.from(occupancies)
					.where(
						inArray(
							occupancies.userId,
							named.map((u) => u.id)
						)
					)
			).map((o) => o.unitId)
		: [];
	let count = 0;
	const doneCallbacks: string[] = [];

	for (const estate of await executor.select().from(estates).orderBy(estates.code)) {
		const technicians = estate.code === 'HVG' ? [engineer, engineer2] : [engineer2];
		const homes = await executor
			.select({ unitId: units.id, occupancyId: occupancies.id, userId: occupancies.userId, building: buildings.code, number: units.number })
			.from(units)
			.innerJoin(buildings, eq(buildings.id, units.buildingId))
			.leftJoin(occupancies, and(eq(occupancies.unitId, units.id), isNull(occupancies.endsOn)))
			.where(and(eq(units.estateId, estate.id), namedHomes.length ? notInArray(units.id, namedHomes) : undefined))
			// Unit ids are random per machine; order by address so the seeded picks repeat everywhere.
			.orderBy(buildings.code, units.number, occupancies.userId)
			.limit(300);
		if (homes.length === 0) continue;
		const total = estate.code === 'HVG' ? 46 : 24;
		const starts = Array.from({ length: total }, () => now.getTime() - (2 * HOUR + random() * 62 * DAY)).sort((a, b) => a - b);
		for (const start of starts) {
			const home = pick(random, homes);
			const kind = pick(random, kinds);
			const createdAt = new Date(start);
			const technicianId = pick(random, technicians);
			const order = await placeOrder(executor, { estateId: estate.id, home, kind, createdAt, technicianId, desk, random, now });
			count++;
			if (order.state === 'done' && order.signedOffAt) {
				const callback = await createRepairCallback(executor, { ...order, requesterId: null }, order.signedOffAt);
				const done = await answerCallback(executor, callback.id, order, { random, now, manager });
				if (done) doneCallbacks.push(callback.id);
				if (order.requesterId && random() < 0.6) {
					const score = () => Math.min(5, Math.max(1, Math.round(3.4 + random() * 2.2 - (order.reopenCount ? 1.5 : 0))));
					await executor.insert(repairRatings).values({
						repairId: order.id,
						overall: score(),
						speed: score(),
						technician: score(),
						ratedBy: order.requesterId,
						createdAt: new Date(Math.min(now.getTime() - MINUTE, order.signedOffAt.getTime() + HOUR * (1 + random() * 30)))
					});
				}
			}
		}
		// Chan's repair, signed off yesterday: its callback is open and its evaluation link was emailed.
		if (estate.code === 'HVG' && chan) {
			// His own occupancy of his home: the case is his (privacy inside a unit).
			const [home] = await executor
				.select({
					unitId: units.id,
					occupancyId: occupancies.id,
					userId: occupancies.userId,
					building: buildings.code,
					number: units.number
				})
				.from(units)
				.innerJoin(buildings, eq(buildings.id, units.buildingId))
				.innerJoin(occupancies, and(eq(occupancies.unitId, units.id), eq(occupancies.userId, chan.id)))
				.where(and(eq(units.estateId, estate.id), eq(buildings.code, demoResident.building), eq(units.number, demoResident.unit)));
			const kind = kinds.find((k) => k.code === 'water_leak') ?? kinds[0]!;
			if (home) {
				const createdAt = new Date(now.getTime() - 3 * DAY);
				const order = await placeOrder(executor, {
					estateId: estate.id,
					home,
					kind,
					createdAt,
					technicianId: engineer,
					desk,
					random: () => 0.5,
					now,
					signedOffAt: new Date(now.getTime() - DAY)
				});
				await createRepairCallback(executor, order, order.signedOffAt!);
				count++;
			}
		}
		if (estate.code === 'HVG' && engineer) {
			count += await seedCommonAreaVisits(executor, { estateId: estate.id, homes, kinds, technicianId: engineer, desk, now });
		}
	}
	// The old callbacks' "assigned to you" notices are history, not news.
	if (doneCallbacks.length > 0) {
		await executor
			.update(notifications)
			.set({ readAt: now })
			.where(and(eq(notifications.kind, 'callback.assigned'), inArray(notifications.subjectId, doneCallbacks)));
	}
	return count;
}

interface PlaceInput {
	estateId: string;
	/** The home and, when someone lives there, the occupancy its cases belong to. */
	home: { unitId: string; occupancyId: string | null; userId: string | null; building: string; number: string };
	kind: typeof repairKinds.$inferSelect;
	createdAt: Date;
	technicianId: string | null;
	desk: string | null;
	random: () => number;
	now: Date;
	signedOffAt?: Date;
}

/** One order with believable timings; its fate depends on its age and a roll of the dice. */
export async function placeOrder(executor: Executor, input: PlaceInput): Promise<Order> {
	const { createdAt, kind, random, now } = input;
	const at = (ms: number) => new Date(createdAt.getTime() + ms);
	const responseDueAt = at(kind.responseMinutes * MINUTE);
	// Completion targets count working minutes; about three calendar minutes each.
	const completionDueAt = at(kind.completionMinutes * 3 * MINUTE);
	const firstResponseAt = at(kind.responseMinutes * MINUTE * (0.2 + random() * 1.3));
	const workDoneAt = at((completionDueAt.getTime() - createdAt.getTime()) * (0.15 + random() * 1.1));
	const reopened = random() < 0.1;
	let signedOffAt: Date | null = input.signedOffAt ?? new Date(workDoneAt.getTime() + HOUR * (0.5 + random() * 20));
	const roll = random();
	let state: Order['state'] = 'done';
	if (input.signedOffAt) state = 'done';
	else if (roll < 0.07) state = 'cancelled';
	else if (firstResponseAt > now) state = 'received';
	else if (workDoneAt > now) state = roll < 0.5 ? 'in_progress' : 'scheduled';
	else if (signedOffAt > now) state = 'awaiting_signoff';
	if (state !== 'done') signedOffAt = null;
	const responded = state !== 'received' && !(state === 'cancelled' && roll < 0.03);
	const worked = state === 'done' || state === 'awaiting_signoff';
	const [order] = await executor
		.insert(repairOrders)
		.values({
			estateId: input.estateId,
			unitId: input.home.unitId,
			occupancyId: input.home.occupancyId,
			kindId: kind.id,
			state,
			channel: input.home.userId ? 'portal' : 'phone',
			location: 'unit',
			description: descriptions[Math.floor(random() * descriptions.length)]!,
			contactName: 'Resident 住戶',
			contactPhone: '+852 9000 0000',
			requesterId: input.home.userId,
			createdBy: input.home.userId ?? input.desk,
			ownerId: input.desk,
			technicianId: state === 'received' || state === 'cancelled' ? null : input.technicianId,
			responseDueAt,
			completionDueAt,
			firstResponseAt: responded ? firstResponseAt : null,
			technicianReceivedAt: worked ? firstResponseAt : null,
			onSiteAt: worked ? new Date(workDoneAt.getTime() - HOUR) : null,
			workDoneAt: worked ? workDoneAt : null,
			workSummary: worked ? 'Repaired and tested with the resident. 已修妥並與住戶測試。' : '',
			signedOffAt,
			signedOffName: signedOffAt ? 'Resident 住戶' : null,
			cancelledAt: state === 'cancelled' ? firstResponseAt : null,
			reopenCount: state === 'done' && reopened ? 1 : 0,
			createdAt,
			updatedAt: signedOffAt ?? createdAt
		})
		.returning();
	const o = order!;
	await event(executor, o, 'filed', createdAt, o.createdBy, null, 'received');
	if (state === 'cancelled') {
		await event(executor, o, 'cancel', firstResponseAt, input.desk, 'received', 'cancelled', 'Resident fixed it themselves.');
		return o;
	}
	if (state === 'received') return o;
	await event(executor, o, 'assign', firstResponseAt, input.desk, 'received', 'assigned');
	if (state === 'scheduled' || state === 'in_progress') {
		await event(executor, o, 'schedule', new Date(firstResponseAt.getTime() + HOUR), o.technicianId, 'assigned', 'scheduled');
		if (state === 'in_progress')
			await event(
				executor,
				o,
				'start',
				new Date(Math.min(now.getTime() - MINUTE, firstResponseAt.getTime() + 3 * HOUR)),
				o.technicianId,
				'scheduled',
				'in_progress'
			);
		return o;
	}
	await event(executor, o, 'start', o.onSiteAt!, o.technicianId, 'assigned', 'in_progress');
	await event(executor, o, 'complete', workDoneAt, o.technicianId, 'in_progress', 'awaiting_signoff', o.workSummary);
	if (signedOffAt) await event(executor, o, 'sign_off', signedOffAt, o.requesterId ?? o.technicianId, 'awaiting_signoff', 'done');
	return o;
}

/**
 * Most callbacks that were due are done (a few late, a few forgotten); some found a problem and
 * led to a rectification notice, usually resolved within the day. Returns whether it was done.
 */
export async function answerCallback(
	executor: Executor,
	callbackId: string,
	order: Order,
	{ random, now, manager }: { random: () => number; now: Date; manager: string | null }
): Promise<boolean> {
	const [callback] = await executor.select().from(repairCallbacks).where(eq(repairCallbacks.id, callbackId));
	if (!callback) return false;
	const span = callback.dueAt.getTime() - callback.createdAt.getTime();
	const doneAt = new Date(callback.createdAt.getTime() + span * (0.2 + random() * 1.05));
	if (doneAt > now || random() < 0.06) return false;
	const problem = random() < 0.12;
	const serviceRating = problem ? 2 + Math.floor(random() * 2) : 4 + Math.round(random());
	const doneBy = callback.assigneeId ?? manager;
	if (!doneBy) return false;
	await executor
		.update(repairCallbacks)
		.set({
			state: 'done',
			doneAt,
			doneBy,
			workOk: !problem,
			serviceRating,
			chargesOk: true,
			suggestions: random() < 0.3 ? 'Please call before coming. 上門前請先致電。' : '',
			residentSignedName: 'Resident 住戶',
			problemFound: problem,
			problemNote: problem ? 'Still leaking a little after the repair. 維修後仍輕微滲漏。' : ''
		})
		.where(eq(repairCallbacks.id, callback.id));
	await event(executor, order, 'callback_done', doneAt, doneBy, null, null);
	if (problem) {
		const dueAt = new Date(doneAt.getTime() + DAY);
		const resolvedAt = new Date(doneAt.getTime() + HOUR * (2 + random() * 30));
		const resolved = resolvedAt < now;
		await executor.insert(rectificationNotices).values({
			repairId: order.id,
			callbackId: callback.id,
			technicianId: order.technicianId,
			issue: 'Still leaking a little after the repair. 維修後仍輕微滲漏。',
			dueAt,
			issuedBy: doneBy,
			createdAt: doneAt,
			state: resolved ? 'resolved' : 'open',
			resolvedAt: resolved ? resolvedAt : null,
			resolvedBy: resolved ? order.technicianId : null,
			resolution: resolved ? 'Replaced the washer and resealed. 更換墊圈並重新密封。' : ''
		});
		await event(executor, order, 'rectification_issued', doneAt, doneBy, null, null);
		if (resolved) await event(executor, order, 'rectification_resolved', resolvedAt, order.technicianId, null, null);
	}
	if (random() < 0.35) {
		const submittedAt = new Date(callback.createdAt.getTime() + HOUR * (2 + random() * 60));
		if (submittedAt < now) {
			await executor.insert(callbackEvaluations).values({
				callbackId: callback.id,
				workOk: !problem,
				serviceRating: problem ? 3 : 5,
				chargesOk: true,
				suggestions: '',
				signedName: 'Resident 住戶',
				submittedAt
			});
			await event(executor, order, 'evaluation_submitted', submittedAt, null, null, null);
		}
	}
	return true;
}

const commonAreaJobs = [
	{
		where: 'Lift lobby 12/F 12樓升降機大堂',
		text: 'Lift lobby light out on this floor 本層升降機大堂燈不亮',
		hoursAgo: 50,
		arrivedAfter: -10
	},
	{ where: 'Car park B1 地庫停車場', text: 'Car park light flickers 停車場燈閃爍', hoursAgo: 30, arrivedAfter: 8 },
	{ where: 'Podium garden 平台花園', text: 'Garden tap leaks 花園水龍頭漏水', hoursAgo: 27, arrivedAfter: 40 },
	{ where: 'Main entrance 大堂入口', text: 'Entrance door closer is loose 大門閉門器鬆脫', hoursAgo: 6, arrivedAfter: -5 }
] as const;

/**
 * Common-area repairs of the last days with an appointment and the technician's recorded arrival
 * (early, a few minutes late, well late), so that the statistics show on-time arrival (rule 2),
 * and one visit whose time the technician proposed after missing it, not yet confirmed by the
 * resident — the desk sees it on the staff home. Their slots are past windows of their own; the
 * proposal takes a place in one of the demo's future slots.
 */
async function seedCommonAreaVisits(
	executor: Executor,
	input: {
		estateId: string;
		homes: PlaceInput['home'][];
		kinds: (typeof repairKinds.$inferSelect)[];
		technicianId: string;
		desk: string | null;
		now: Date;
	}
): Promise<number> {
	const { estateId, homes, technicianId, desk, now } = input;
	const kind = input.kinds.find((k) => k.code === 'common_area') ?? input.kinds[0]!;
	const home = homes.find((h) => h.userId) ?? homes[0];
	if (!home) return 0;
	const base = {
		estateId,
		unitId: home.unitId,
		occupancyId: home.occupancyId,
		kindId: kind.id,
		channel: 'portal' as const,
		location: 'common_area' as const,
		contactName: 'Resident 住戶',
		contactPhone: '+852 9000 0000',
		requesterId: home.userId,
		createdBy: home.userId ?? desk,
		ownerId: desk,
		technicianId
	};
	let count = 0;
	for (const job of commonAreaJobs) {
		const createdAt = new Date(now.getTime() - job.hoursAgo * HOUR);
		const startsAt = new Date(createdAt.getTime() + 2 * HOUR);
		const arrivedAt = new Date(startsAt.getTime() + job.arrivedAfter * MINUTE);
		const workDoneAt = new Date(arrivedAt.getTime() + HOUR);
		const done = workDoneAt < now;
		const [slot] = await executor
			.insert(appointmentSlots)
			.values({ estateId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity: 1, bookedCount: 1, createdAt })
			.returning();
		const [order] = await executor
			.insert(repairOrders)
			.values({
				...base,
				state: done ? 'awaiting_signoff' : 'in_progress',
				locationDetail: job.where,
				description: job.text,
				responseDueAt: new Date(createdAt.getTime() + kind.responseMinutes * MINUTE),
				completionDueAt: new Date(createdAt.getTime() + kind.completionMinutes * 3 * MINUTE),
				firstResponseAt: new Date(createdAt.getTime() + 20 * MINUTE),
				technicianReceivedAt: new Date(createdAt.getTime() + 30 * MINUTE),
				onSiteAt: arrivedAt,
				workDoneAt: done ? workDoneAt : null,
				workSummary: done ? 'Replaced and tested. 已更換並測試。' : '',
				createdAt,
				updatedAt: done ? workDoneAt : arrivedAt
			})
			.returning();
		const o = order!;
		await executor
			.insert(appointmentBookings)
			.values({ slotId: slot!.id, subjectType: 'repair', subjectId: o.id, bookedBy: technicianId, createdAt });
		const window = { slotId: slot!.id, startsAt: startsAt.toISOString(), endsAt: slot!.endsAt.toISOString() };
		await event(executor, o, 'filed', createdAt, o.createdBy, null, 'received');
		await event(executor, o, 'assign', new Date(createdAt.getTime() + 20 * MINUTE), desk, 'received', 'assigned');
		await event(executor, o, 'schedule', new Date(createdAt.getTime() + 40 * MINUTE), technicianId, 'assigned', 'scheduled', '', window);
		await event(executor, o, 'start', arrivedAt, technicianId, 'scheduled', 'in_progress', '', {
			appointmentStartsAt: window.startsAt,
			minutesAfterAppointment: minutesAfterStart(arrivedAt, startsAt)
		});
		if (done) await event(executor, o, 'complete', workDoneAt, technicianId, 'in_progress', 'awaiting_signoff', o.workSummary);
		count++;
	}

	// A visit the technician could not keep: the time proposed instead waits for the resident.
	const [free] = await executor
		.select()
		.from(appointmentSlots)
		.where(
			and(
				eq(appointmentSlots.estateId, estateId),
				gt(appointmentSlots.startsAt, new Date(now.getTime() + 2 * DAY)),
				sql`${appointmentSlots.bookedCount} < ${appointmentSlots.capacity}`
			)
		)
		.orderBy(asc(appointmentSlots.startsAt))
		.limit(1);
	if (!free) return count;
	const createdAt = new Date(now.getTime() - 20 * HOUR);
	const [order] = await executor
		.insert(repairOrders)
		.values({
			...base,
			state: 'scheduled',
			appointmentAgreement: 'proposed',
			locationDetail: 'Lift lobby 3/F 3樓升降機大堂',
			description: 'Lift call button stuck 升降機召喚按鈕卡住',
			responseDueAt: new Date(createdAt.getTime() + kind.responseMinutes * MINUTE),
			completionDueAt: new Date(createdAt.getTime() + kind.completionMinutes * 3 * MINUTE),
			firstResponseAt: new Date(createdAt.getTime() + 20 * MINUTE),
			technicianReceivedAt: new Date(createdAt.getTime() + 30 * MINUTE),
			createdAt,
			updatedAt: new Date(createdAt.getTime() + 3 * HOUR)
		})
		.returning();
	const o = order!;
	await executor
		.update(appointmentSlots)
		.set({ bookedCount: sql`${appointmentSlots.bookedCount} + 1` })
		.where(eq(appointmentSlots.id, free.id));
	await executor.insert(appointmentBookings).values({ slotId: free.id, subjectType: 'repair', subjectId: o.id, bookedBy: technicianId });
	await event(executor, o, 'filed', createdAt, o.createdBy, null, 'received');
	await event(executor, o, 'assign', new Date(createdAt.getTime() + 20 * MINUTE), desk, 'received', 'assigned');
	await event(executor, o, 'schedule', new Date(createdAt.getTime() + 40 * MINUTE), technicianId, 'assigned', 'scheduled');
	await event(
		executor,
		o,
		'miss',
		new Date(createdAt.getTime() + 3 * HOUR),
		technicianId,
		'scheduled',
		'scheduled',
		'The replacement part arrives later this week. 替換零件本週稍後才到。',
		{ slotId: free.id, startsAt: free.startsAt.toISOString(), endsAt: free.endsAt.toISOString() }
	);
	return count + 1;
}

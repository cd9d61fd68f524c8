import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { m } from '#lib/paraglide/messages.js';
import {
	appointmentSlots,
	events,
	files,
	jobs,
	notifications,
	repairCallbacks,
	repairKinds,
	repairOrders,
	repairQuotes,
	repairTeamMembers,
	repairTeams,
	archiveEntries
} from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { listPaidServiceItems } from '../dictionaries/service-items.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { file, phoneJpeg } from '../files/test-images.ts';
import { fileRepair } from './intake.ts';
import { assignRepair, claimRepair, handOverRepair } from './desk.ts';
import { completeWork, confirmOnSite, receiveOrder, recordMaterial, scheduleRepair } from './work.ts';
import { decideQuote, requestQuote, reviewQuote } from './quotes.ts';
import { cancelRepair, rateRepair, rejectCompletion, signOffRepair } from './resident.ts';
import { repairDetail, staffQueue } from './queries.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import { checkRepairSla } from './sla.ts';
import { runDueJobs } from '../jobs/queue.ts';
import { jobHandlers } from '../boot/job-handlers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let estateId: string;
let otherEstateId: string;
let unitId: string;
let neighbourUnitId: string;
let resident: Actor;
let neighbour: Actor;
let desk: Actor;
let desk2: Actor;
let tech: Actor;
let tech2: Actor;
let lead: Actor;
let manager: Actor;
let otherTech: Actor;
let kinds: Record<string, { id: string; code: string }>;
let teamId: string;

async function slot(capacity = 3, kinds: string[] = [], estate = estateId) {
	const startsAt = new Date(Date.now() + 2 * DAY);
	const [row] = await db()
		.insert(appointmentSlots)
		.values({ estateId: estate, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity, repairKindCodes: kinds })
		.returning();
	return row!;
}

const request = (overrides: Record<string, unknown> = {}) =>
	({
		unitId,
		kindId: kinds.water_leak!.id,
		location: 'unit',
		locationDetail: 'kitchen sink',
		description: 'Water drips under the kitchen sink',
		contactName: 'Chan Tai Man',
		contactPhone: '+852 9123 4567',
		enterWhenAbsent: false,
		accessNotes: 'Cat at home',
		appointment: 'call',
		slotId: '',
		...overrides
	}) as never;

async function fails(promise: Promise<unknown>) {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeTruthy();
	return err as Error & { field?: string; status?: number };
}

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	kinds = Object.fromEntries((await db().select().from(repairKinds)).map((k) => [k.code, k]));
	const e = await fx.estate();
	estateId = e.id;
	otherEstateId = (await fx.estate()).id;
	const b = await fx.building(estateId, 'A');
	const [u1, u2] = await fx.unitsIn(b, 2);
	unitId = u1!.id;
	neighbourUnitId = u2!.id;
	const r = await fx.residentUser('Chan Tai Man');
	await fx.occupy(unitId, { userId: r.id });
	resident = await fx.actorOf(r.id);
	const n = await fx.residentUser('Wong Siu Ming');
	await fx.occupy(neighbourUnitId, { userId: n.id });
	neighbour = await fx.actorOf(n.id);
	desk = await fx.staffActor(['customer_service'], [estateId]);
	desk2 = await fx.staffActor(['customer_service'], [estateId]);
	tech = await fx.staffActor(['engineering'], [estateId]);
	tech2 = await fx.staffActor(['engineering'], [estateId]);
	lead = await fx.staffActor(['engineering_supervisor'], [estateId]);
	manager = await fx.staffActor(['manager'], [estateId]);
	otherTech = await fx.staffActor(['engineering'], [otherEstateId]);
	const [team] = await db().insert(repairTeams).values({ estateId, name: 'Team 1' }).returning();
	teamId = team!.id;
	await db()
		.insert(repairTeamMembers)
		.values([
			{ teamId, userId: tech.userId },
			{ teamId, userId: tech2.userId }
		]);
});

describe('a repair from filing to a signed-off callback', () => {
	it('runs received → assigned → scheduled → in progress (paid quote accepted) → awaiting sign-off → done, with events, notices and a callback due at completion + 3 days for a leak', async () => {
		const s = await slot();
		const jpeg = await phoneJpeg({ width: 1600, height: 1200 });
		const filed = await fileRepair(resident, request({ appointment: 'slot', slotId: s.id }), [file(jpeg, 'a.jpg'), file(jpeg, 'b.jpg')]);
		expect(filed.reference).toMatch(/^R\d{6}$/);
		// Filed in the unit's file (一戶一檔) with the order, in the resident's occupancy's part.
		const [entry] = await db().select().from(archiveEntries).where(eq(archiveEntries.sourceId, filed.id));
		expect(entry).toMatchObject({ kind: 'repair', sourceType: 'repair', summary: { reference: filed.reference } });
		expect(entry?.occupancyId).not.toBeNull();
		const photos = await db().select().from(files).where(eq(files.subjectId, filed.id));
		expect(photos).toHaveLength(2);
		// SLA checks are durable jobs of the order.
		const sla = await db()
			.select()
			.from(jobs)
			.where(sql`${jobs.dedupeKey} like ${`repair-sla:${filed.id}:%`}`);
		expect(sla).toHaveLength(2);
		// The desk hears of it; the resident is told it was received.
		const deskNotes = await db().select().from(notifications).where(eq(notifications.userId, desk.userId));
		expect(deskNotes.some((n) => n.kind === 'repair.new_request' && n.link === `/staff/repairs/${filed.id}`)).toBe(true);

		await claimRepair(desk, filed.id);
		await expect(claimRepair(desk2, filed.id)).rejects.toBeInstanceOf(StaleStateError);
		await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
		await receiveOrder(tech, filed.id);
		await expect(receiveOrder(tech, filed.id)).rejects.toBeInstanceOf(StaleStateError);
		await scheduleRepair(tech, filed.id, { slotId: s.id });
		await confirmOnSite(tech, filed.id);
		await recordMaterial(tech, filed.id, { name: 'Tap washer', quantity: '2', source: 'resident', accepted: 'yes', note: '' });
		const [paid] = await listPaidServiceItems(db(), { activeOnly: true });
		const { quoteId } = await requestQuote(tech, filed.id, { lines: [{ itemId: paid!.id, quantity: 2 }], workMinutes: 60, note: '' });
		// Work cannot be finished while the quote waits for a decision.
		expect((await fails(completeWork(tech, filed.id, { workSummary: 'Replaced washer' }))).field).toBe('workSummary');
		// Residents do not see a quote before the supervisor approved it.
		expect((await repairDetail(resident, filed.id)).quotes).toHaveLength(0);
		await expect(reviewQuote(tech, filed.id, quoteId, { decision: 'approve', note: '' })).rejects.toMatchObject({ status: 403 });
		await reviewQuote(lead, filed.id, quoteId, { decision: 'approve', note: '' });
		await decideQuote(resident, filed.id, quoteId, { decision: 'accept', note: '' });
		const [quote] = await db().select().from(repairQuotes).where(eq(repairQuotes.id, quoteId));
		expect(quote).toMatchObject({ state: 'accepted', totalMinor: paid!.unitPriceMinor * 2 });
		await completeWork(tech, filed.id, { workSummary: 'Replaced washer and trap' });

		const signedAt = new Date();
		await signOffRepair(resident, filed.id, { signedName: 'Chan Tai Man', signature: '' }, { now: signedAt });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
		expect(order).toMatchObject({ state: 'done', signedOffName: 'Chan Tai Man', reopenCount: 0 });
		expect(order!.technicianReceivedAt).toBeInstanceOf(Date);
		expect(order!.firstResponseAt).toBeInstanceOf(Date);
		const [callback] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.repairId, filed.id));
		expect(callback!.rule).toBe('water_leak');
		expect(callback!.dueAt.getTime()).toBe(signedAt.getTime() + 3 * DAY);

		const kindsSeen = (
			await db()
				.select()
				.from(events)
				.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, filed.id)))
		).map((e) => e.kind);
		expect(kindsSeen).toEqual([
			'filed',
			'claimed',
			'assign',
			'technician_received',
			'schedule',
			'start',
			'material',
			'quote',
			'quote_approved',
			'quote_accepted',
			'complete',
			'sign_off',
			'callback_due'
		]);
		const detail = await repairDetail(resident, filed.id);
		// The resident's timeline leaves out internal steps.
		expect(detail.timeline.map((e) => e.kind)).not.toContain('claimed');
		// Done: the resident may still comment and rate it, once.
		expect(detail.actions).toEqual(['comment', 'rate']);
		await rateRepair(resident, filed.id, { overall: 5, speed: 4, technician: 5, comment: 'Quick' });
		await expect(rateRepair(resident, filed.id, { overall: 1, speed: 1, technician: 1, comment: '' })).rejects.toBeInstanceOf(
			StaleStateError
		);
		expect((await repairDetail(resident, filed.id)).actions).toEqual(['comment']);
	});

	it('reopens on rejected completion with the reason, counting it against first-time fix', async () => {
		const filed = await fileRepair(resident, request(), []);
		await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
		await confirmOnSite(tech, filed.id);
		await completeWork(tech, filed.id, { workSummary: 'Sealed the joint' });
		expect((await fails(rejectCompletion(resident, filed.id, { reason: '' }))).field).toBe('reason');
		await rejectCompletion(resident, filed.id, { reason: 'Still dripping' });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
		expect(order).toMatchObject({ state: 'assigned', reopenCount: 1, workDoneAt: null });
	});

	it('lets the resident cancel before the visit and frees the booked place', async () => {
		const s = await slot(1);
		const filed = await fileRepair(resident, request({ appointment: 'slot', slotId: s.id }), []);
		expect((await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, s.id)))[0]!.bookedCount).toBe(1);
		await cancelRepair(resident, filed.id, { reason: 'Fixed it myself' });
		expect((await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, s.id)))[0]!.bookedCount).toBe(0);
		await expect(cancelRepair(resident, filed.id, { reason: 'again' })).rejects.toBeInstanceOf(StaleStateError);
	});
});

describe('who may do what', () => {
	it('hides a resident’s repair from the neighbour and another estate’s technician (404), and refuses desk actions to residents (403)', async () => {
		const filed = await fileRepair(resident, request(), []);
		await expect(repairDetail(neighbour, filed.id)).rejects.toMatchObject({ status: 404 });
		await expect(repairDetail(otherTech, filed.id)).rejects.toMatchObject({ status: 404 });
		await expect(
			assignRepair(resident, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' })
		).rejects.toMatchObject({ status: 403 });
		// A technician sees only their own orders.
		await expect(repairDetail(tech2, filed.id)).rejects.toMatchObject({ status: 404 });
		expect((await staffQueue(tech2, {})).rows.some((r) => r.id === filed.id)).toBe(false);
		expect((await staffQueue(desk, {})).rows.some((r) => r.id === filed.id)).toBe(true);
	});

	it('refuses another resident’s unit at the unit field and saves nothing', async () => {
		const before = (await db().select({ n: count() }).from(repairOrders))[0]!.n;
		const err = await fails(fileRepair(resident, request({ unitId: neighbourUnitId }), []));
		expect(err).toBeInstanceOf(InputError);
		expect(err.field).toBe('unitId');
		expect((await db().select({ n: count() }).from(repairOrders))[0]!.n).toBe(before);
	});

	it('saves nothing when the fifth photo of six is not an image', async () => {
		const before = (await db().select({ n: count() }).from(files))[0]!.n;
		const jpeg = await phoneJpeg({ width: 800, height: 600 });
		const photos = [1, 2, 3, 4].map((i) => file(jpeg, `${i}.jpg`));
		photos.push(file('<html><script>alert(1)</script></html>', 'evil.jpg'));
		const err = await fails(fileRepair(resident, request(), photos));
		expect(err.field).toBe('photos');
		expect((await db().select({ n: count() }).from(files))[0]!.n).toBe(before);
	});
});

describe('hand-over and assignment', () => {
	it('records a hand-over with its reason; only the owner may hand over', async () => {
		const filed = await fileRepair(resident, request(), []);
		await claimRepair(desk, filed.id);
		await expect(handOverRepair(desk2, filed.id, { toUserId: desk2.userId, reason: 'mine now' })).rejects.toBeInstanceOf(StaleStateError);
		await handOverRepair(desk, filed.id, { toUserId: desk2.userId, reason: 'Shift ends' });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
		expect(order!.ownerId).toBe(desk2.userId);
	});

	it('hands orders round-robin to the team member assigned longest ago, and needs a reason to reassign', async () => {
		const picked: string[] = [];
		for (let i = 0; i < 4; i++) {
			const filed = await fileRepair(resident, request(), []);
			await assignRepair(desk, filed.id, { mode: 'round_robin', technicianId: '', teamId, reason: '' });
			const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
			picked.push(order!.technicianId!);
		}
		expect(picked[0]).not.toBe(picked[1]);
		expect(picked[2]).toBe(picked[0]);
		expect(picked[3]).toBe(picked[1]);
		const filed = await fileRepair(resident, request(), []);
		await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
		const err = await fails(
			assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech2.userId, teamId: '', reason: '' }, { reassign: true })
		);
		expect(err.field).toBe('reason');
		await assignRepair(
			desk,
			filed.id,
			{ mode: 'technician', technicianId: tech2.userId, teamId: '', reason: 'Tang is on leave' },
			{ reassign: true }
		);
	});
});

describe('SLA escalation', () => {
	it('escalates an order with no first response to the estate’s manager once, even when the job runs twice', async () => {
		const filed = await fileRepair(resident, request(), [], { now: new Date(Date.now() - 30 * DAY) });
		await checkRepairSla({ repairId: filed.id, stage: 'response' });
		await checkRepairSla({ repairId: filed.id, stage: 'response' });
		const escalations = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, filed.id), eq(events.kind, 'escalated')));
		expect(escalations).toHaveLength(1);
		const managerNotes = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, manager.userId), eq(notifications.kind, 'repair.overdue')));
		expect(managerNotes.some((n) => n.subjectId === filed.id)).toBe(true);
		expect((await staffQueue(desk, { overdue: true })).rows.some((r) => r.id === filed.id && r.overdue)).toBe(true);
	});

	it('runs due SLA jobs through the durable job runner', async () => {
		const filed = await fileRepair(resident, request(), [], { now: new Date(Date.now() - 30 * DAY) });
		await runDueJobs({ handlers: jobHandlers, workerId: 'test', kinds: ['repair.sla-check'] });
		const escalations = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, filed.id), eq(events.kind, 'escalated')));
		expect(escalations.map((e) => e.data.stage).sort()).toEqual(['completion', 'response']);
	});

	it('does not escalate an order answered in time', async () => {
		const filed = await fileRepair(resident, request(), []);
		await claimRepair(desk, filed.id);
		await checkRepairSla({ repairId: filed.id, stage: 'response' });
		const escalations = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, filed.id), eq(events.kind, 'escalated')));
		expect(escalations).toHaveLength(0);
	});
});

describe('booking the last place while filing', () => {
	it('gives the last place to exactly one of 20 residents filing at once; the others hear "slot just filled" at the slot field and nothing of theirs is saved', async () => {
		const s = await slot(1);
		const before = (await db().select({ n: count() }).from(repairOrders))[0]!.n;
		// On PostgreSQL these run on the pool's parallel connections; the slot row lock decides.
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, () => fileRepair(resident, request({ appointment: 'slot', slotId: s.id }), []))
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(19);
		for (const r of lost) {
			expect(r.reason).toBeInstanceOf(InputError);
			expect(r.reason).toMatchObject({ field: 'slotId', message: m.appointments_slot_full() });
		}
		expect((await db().select({ n: count() }).from(repairOrders))[0]!.n).toBe(before + 1);
		expect((await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, s.id)))[0]!.bookedCount).toBe(1);
	});
});

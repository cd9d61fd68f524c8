import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { appointmentSlots, auditLog, events, jobs, notifications, repairOrders, repairQuotes } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { listPaidServiceItems } from '#lib/server/dictionaries/service-items.ts';
import { actions, load } from './[id]/+page.server.ts';
import { makeWorld, portalRepair, type World } from './testing.ts';

type Result = {
	status?: number;
	data?: { form?: { errors: Record<string, unknown> & { _errors?: string[] } } };
	done?: string;
	form?: { errors: Record<string, unknown> };
};

let w: World;

const open = (actor: Actor, id: string) => load(fakeEvent({ actor, path: `/staff/repairs/${id}`, params: { id } }));

function act(name: keyof typeof actions, actor: Actor, id: string, form?: Record<string, string | string[]>) {
	const action = actions[name] as (event: never) => Promise<unknown>;
	return action(fakeEvent({ actor, path: `/staff/repairs/${id}?/${name}`, params: { id }, form: form ?? {} })) as Promise<Result>;
}

async function order(id: string) {
	const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
	return row!;
}

async function eventsOf(id: string, kind: string) {
	return db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, id), eq(events.kind, kind)));
}

/** A portal request assigned by hand to the technician and confirmed on site by them. */
async function inProgress(technician: Actor = w.tech): Promise<string> {
	const id = await portalRepair(w);
	expect((await act('assign', w.desk, id, { mode: 'technician', technicianId: technician.userId })).done).toBeTruthy();
	expect((await act('start', technician, id)).done).toBeTruthy();
	return id;
}

beforeAll(async () => {
	w = await makeWorld();
});

describe('/staff/repairs/[id] — the desk (首問)', () => {
	it('lets the first desk member claim a request; a second one is told it is taken and nothing changes', async () => {
		const id = await portalRepair(w);
		expect((await open(w.desk, id)).actions).toContain('claim');

		const first = await act('claim', w.desk, id);
		expect(first.done).toBeTruthy();
		expect((await order(id)).ownerId).toBe(w.desk.userId);

		const second = await act('claim', w.desk2, id);
		expect(second.status).toBe(400);
		expect(second.data?.form?.errors._errors?.[0]).toMatch(/already taken/i);
		expect((await order(id)).ownerId).toBe(w.desk.userId);
		expect(await eventsOf(id, 'claimed')).toHaveLength(1);
		expect((await open(w.desk2, id)).actions).not.toContain('claim');
	});

	it('hands the request over on the record: the owner changes and the history names both', async () => {
		const id = await portalRepair(w);
		await act('claim', w.desk, id);
		const page = await open(w.desk, id);
		expect(page.actions).toContain('hand_over');
		expect(page.choices.colleagues.map((c) => c.id)).toContain(w.desk2.userId);
		expect(page.choices.colleagues.map((c) => c.id)).not.toContain(w.desk.userId);

		const result = await act('handOver', w.desk, id, { toUserId: w.desk2.userId, reason: 'Going off shift' });
		expect(result.done).toBeTruthy();
		expect((await order(id)).ownerId).toBe(w.desk2.userId);
		const [handed] = await eventsOf(id, 'handed_over');
		expect(handed!.note).toBe('Going off shift');
		expect(handed!.data).toMatchObject({ fromUserId: w.desk.userId, toUserId: w.desk2.userId });
		// The former owner may no longer hand it on.
		expect((await open(w.desk, id)).actions).not.toContain('hand_over');
	});

	it('promises a reply time read in the estate’s time zone, refusing one in the past at the field', async () => {
		const id = await portalRepair(w);
		const past = await act('promise', w.desk, id, { promisedReplyBy: '2020-01-01T10:00' });
		expect(past.data?.form?.errors.promisedReplyBy).toBeTruthy();
		const result = await act('promise', w.desk, id, { promisedReplyBy: '2099-03-04T10:30' });
		expect(result.done).toBeTruthy();
		const row = await order(id);
		// 10:30 in Hong Kong is 02:30 UTC; promising also makes the promiser the owner.
		expect([row.promisedReplyBy?.toISOString(), row.ownerId]).toEqual(['2099-03-04T02:30:00.000Z', w.desk.userId]);
	});

	it('shows a missing hand-over reason at its field', async () => {
		const id = await portalRepair(w);
		await act('claim', w.desk, id);
		const result = await act('handOver', w.desk, id, { toUserId: w.desk2.userId, reason: '' });
		expect(result.status).toBe(400);
		expect(result.data?.form?.errors.reason).toBeTruthy();
		expect((await order(id)).ownerId).toBe(w.desk.userId);
	});
});

describe('/staff/repairs/[id] — assigning', () => {
	it('assigns by hand to a technician of the estate, who then sees the order', async () => {
		const id = await portalRepair(w);
		const page = await open(w.desk, id);
		expect(page.actions).toContain('assign');
		expect(page.choices.technicians.map((t) => t.id).sort()).toEqual([w.tech.userId, w.tech2.userId].sort());
		expect(page.choices.teams.map((t) => [t.id, t.memberCount])).toEqual([[w.teamId, 2]]);

		const result = await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech2.userId });
		expect(result.done).toBeTruthy();
		const row = await order(id);
		expect([row.state, row.technicianId, row.teamId, row.ownerId]).toEqual(['assigned', w.tech2.userId, w.teamId, w.desk.userId]);
		expect((await open(w.tech2, id)).order.id).toBe(id);
	});

	it('hands out round-robin orders in turn between the two team members', async () => {
		const picks: string[] = [];
		for (let i = 0; i < 4; i++) {
			const id = await portalRepair(w, `Round-robin order ${i}`);
			expect((await act('assign', w.desk, id, { mode: 'round_robin', teamId: w.teamId })).done).toBeTruthy();
			picks.push((await order(id)).technicianId!);
		}
		expect(new Set(picks)).toEqual(new Set([w.tech.userId, w.tech2.userId]));
		expect(picks[0]).not.toBe(picks[1]);
		expect(picks[2]).toBe(picks[0]);
		expect(picks[3]).toBe(picks[1]);
	});

	it('refuses a technician of another estate at the technician field', async () => {
		const id = await portalRepair(w);
		const result = await act('assign', w.desk, id, { mode: 'technician', technicianId: w.otherTech.userId });
		expect(result.status).toBe(400);
		expect(result.data?.form?.errors.technicianId).toBeTruthy();
		expect((await order(id)).state).toBe('received');
	});

	it('asks for a reason when moving an order to another technician', async () => {
		const id = await portalRepair(w);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });

		const without = await act('reassign', w.desk, id, { mode: 'technician', technicianId: w.tech2.userId, reason: '' });
		expect(without.status).toBe(400);
		expect(without.data?.form?.errors.reason).toEqual([expect.stringMatching(/why/i)]);
		expect((await order(id)).technicianId).toBe(w.tech.userId);

		const withReason = await act('reassign', w.desk, id, { mode: 'technician', technicianId: w.tech2.userId, reason: 'Tang is on leave' });
		expect(withReason.done).toBeTruthy();
		expect((await order(id)).technicianId).toBe(w.tech2.userId);
		expect((await eventsOf(id, 'reassign'))[0]!.note).toBe('Tang is on leave');
	});
});

describe('/staff/repairs/[id] — the technician', () => {
	it('writes nothing when anyone opens the order page (a hovered link preloads it)', async () => {
		const id = await portalRepair(w);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });
		const snapshot = async () => ({
			order: await order(id),
			events: (await db().select({ n: count() }).from(events))[0]!.n,
			notifications: (await db().select({ n: count() }).from(notifications))[0]!.n,
			jobs: (await db().select({ n: count() }).from(jobs))[0]!.n,
			audit: (await db().select({ n: count() }).from(auditLog))[0]!.n
		});
		const before = await snapshot();
		for (const actor of [w.tech, w.desk, w.lead, w.tech]) await open(actor, id);
		expect(await snapshot()).toEqual(before);
		expect(before.order.technicianReceivedAt).toBeNull();
	});

	it('records receiving the order (工程部接單) when the assigned technician says so, once', async () => {
		const id = await portalRepair(w);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });
		expect((await open(w.tech, id)).actions).toContain('receive');
		expect((await open(w.desk, id)).actions).not.toContain('receive');
		expect((await thrown(() => act('receive', w.desk, id))).status).toBe(403);

		expect((await act('receive', w.tech, id)).done).toBeTruthy();
		const receivedAt = (await order(id)).technicianReceivedAt;
		expect(receivedAt).toBeInstanceOf(Date);
		const page = await open(w.tech, id);
		expect(page.order.technicianReceivedAt).toEqual(receivedAt);
		expect(page.actions).not.toContain('receive');

		const again = await act('receive', w.tech, id);
		expect(again.status).toBe(400);
		expect(again.data?.form?.errors._errors?.[0]).toBeTruthy();
		expect((await order(id)).technicianReceivedAt).toEqual(receivedAt);
		expect(await eventsOf(id, 'technician_received')).toHaveLength(1);
	});

	it('confirms the slot the resident booked, and moves it with a reason when the visit cannot be kept', async () => {
		const day = 86_400_000;
		const [booked, other] = await db()
			.insert(appointmentSlots)
			.values(
				[2, 3].map((days) => ({
					estateId: w.estateId,
					startsAt: new Date(Date.now() + days * day),
					endsAt: new Date(Date.now() + days * day + 3_600_000),
					capacity: 1
				}))
			)
			.returning();
		const id = await portalRepair(w, 'Leak under the sink, any morning', booked!.id);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });

		const page = await open(w.tech, id);
		expect(page.actions).toContain('schedule');
		// The resident's slot is full (capacity 1, theirs) yet offered and chosen by default.
		expect(page.forms.schedule.data.slotId).toBe(booked!.id);
		expect(page.choices.slots.find((s) => s.id === booked!.id)).toMatchObject({ booked: true });
		expect((await act('schedule', w.tech, id, { slotId: booked!.id })).done).toBeTruthy();
		expect((await order(id)).state).toBe('scheduled');

		const noReason = await act('miss', w.tech, id, { reason: '', slotId: other!.id });
		expect(noReason.data?.form?.errors.reason).toBeTruthy();
		expect((await act('miss', w.tech, id, { reason: 'Van broke down', slotId: other!.id })).done).toBeTruthy();
		expect((await open(w.tech, id)).booking?.slotId).toBe(other!.id);
		expect((await eventsOf(id, 'miss'))[0]!.note).toBe('Van broke down');
	});

	it('confirms on site, records a resident-supplied material only with its verdict, and completes', async () => {
		const id = await inProgress();
		const page = await open(w.tech, id);
		expect(page.actions).toEqual(expect.arrayContaining(['material', 'after_photos', 'quote', 'complete']));

		const missing = await act('material', w.tech, id, { name: 'Washer', quantity: '2', source: 'resident', accepted: '' });
		expect(missing.status).toBe(400);
		expect(missing.data?.form?.errors.accepted).toBeTruthy();

		expect((await act('material', w.tech, id, { name: 'Washer', quantity: '2', source: 'resident', accepted: 'no' })).done).toBeTruthy();
		expect((await open(w.tech, id)).materials.map((row) => [row.name, row.source, row.accepted])).toEqual([['Washer', 'resident', false]]);

		expect((await act('complete', w.tech, id, { workSummary: 'Replaced the washer' })).done).toBeTruthy();
		expect((await order(id)).state).toBe('awaiting_signoff');
	});

	it('lets the resident sign off on the technician’s phone with a typed name', async () => {
		const id = await inProgress();
		await act('complete', w.tech, id, { workSummary: 'Fixed' });
		expect((await open(w.tech, id)).actions).toContain('sign_off');
		const empty = await act('signOff', w.tech, id, { signedName: '', signature: '' });
		expect(empty.data?.form?.errors.signedName).toBeTruthy();
		expect((await act('signOff', w.tech, id, { signedName: 'Chan Tai Man', signature: '' })).done).toBeTruthy();
		const row = await order(id);
		expect([row.state, row.signedOffName]).toEqual(['done', 'Chan Tai Man']);
	});

	it('says above the page when the order moved on, and the page then shows where it stands', async () => {
		const id = await inProgress();
		const again = await act('start', w.tech, id);
		expect(again.status).toBe(400);
		expect(again.data?.form?.errors._errors?.[0]).toMatch(/moved on/);
		const page = await open(w.tech, id);
		expect(page.order.state).toBe('in_progress');
		expect(page.actions).not.toContain('start');
	});
});

describe('/staff/repairs/[id] — paid-service quotes', () => {
	it('goes from the technician to the supervisor; work cannot be completed while the quote is open', async () => {
		const id = await inProgress();
		const [item] = await listPaidServiceItems(db(), { activeOnly: true });

		const noItem = await act('quote', w.tech, id, { itemId: ['', ''], quantity: ['1', '1'], workMinutes: '60', note: '' });
		expect(noItem.status).toBe(400);
		expect(noItem.data?.form?.errors.itemId).toBeTruthy();

		const badQuantity = await act('quote', w.tech, id, { itemId: [item!.id], quantity: ['0'], workMinutes: '60', note: '' });
		expect(badQuantity.status).toBe(400);
		expect((badQuantity.data?.form?.errors.quantity as Record<string, unknown>)[0]).toBeTruthy();

		const quoted = await act('quote', w.tech, id, { itemId: [item!.id, ''], quantity: ['2', '1'], workMinutes: '90', note: 'New tap' });
		expect(quoted.done).toBeTruthy();
		const [quote] = await db().select().from(repairQuotes).where(eq(repairQuotes.repairId, id));
		expect([quote!.state, quote!.totalMinor, quote!.workMinutes]).toEqual(['pending_approval', item!.unitPriceMinor * 2, 90]);

		const blocked = await act('complete', w.tech, id, { workSummary: 'Done anyway' });
		expect(blocked.status).toBe(400);
		expect(blocked.data?.form?.errors.workSummary).toEqual([expect.stringMatching(/quote/i)]);
		expect((await order(id)).state).toBe('in_progress');

		// The technician cannot approve their own quote; the supervisor sees it and approves.
		expect((await thrown(() => act('review', w.tech, id, { quoteId: quote!.id, decision: 'approve', note: '' }))).status).toBe(403);
		const supervisorPage = await open(w.lead, id);
		expect(supervisorPage.quotes.find((q) => q.actions.includes('approve'))?.id).toBe(quote!.id);
		expect((await open(w.tech, id)).quotes[0]!.actions).toEqual([]);
		expect(supervisorPage.quotes[0]!.lines).toEqual([expect.objectContaining({ quantity: 2 })]);
		expect((await act('review', w.lead, id, { quoteId: quote!.id, decision: 'approve', note: 'OK' })).done).toBeTruthy();
		const [approved] = await db().select().from(repairQuotes).where(eq(repairQuotes.id, quote!.id));
		expect([approved!.state, approved!.approvedBy]).toEqual(['awaiting_resident', w.lead.userId]);
		// Still open until the resident decides.
		expect((await act('complete', w.tech, id, { workSummary: 'Done anyway' })).status).toBe(400);
	});
});

describe('/staff/repairs/[id] — access', () => {
	it('is 404 for an engineer of another estate, and for a technician not on the order', async () => {
		const id = await portalRepair(w);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });
		expect((await thrown(() => open(w.otherTech, id))).status).toBe(404);
		expect((await thrown(() => open(w.tech2, id))).status).toBe(404);
		expect((await thrown(() => act('start', w.otherTech, id))).status).toBe(404);
		expect((await thrown(() => open(w.desk, 'not-a-uuid'))).status).toBe(404);
	});

	it('is 403 without repairs.read, before anything is looked up', async () => {
		const id = await portalRepair(w);
		expect((await thrown(() => open(w.finance, id))).status).toBe(403);
		expect((await thrown(() => act('claim', w.finance, id))).status).toBe(403);
		expect((await thrown(() => open(w.resident, id))).status).toBe(403);
	});

	it('does not let a technician take desk actions', async () => {
		const id = await portalRepair(w);
		await act('assign', w.desk, id, { mode: 'technician', technicianId: w.tech.userId });
		const page = await open(w.tech, id);
		expect(page.actions).not.toContain('claim');
		expect(page.actions).not.toContain('reassign');
		expect(
			(await thrown(() => act('reassign', w.tech, id, { mode: 'technician', technicianId: w.tech2.userId, reason: 'x' }))).status
		).toBe(403);
	});
});

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { appointmentSlots } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { bookSlot } from '#lib/server/appointments/bookings.ts';
import { DEFAULT_TIME_ZONE, localDate } from '#lib/time/index.ts';
import { actions, load } from './+page.server.ts';

type Failure = { status: number; data: { form?: { errors: Record<string, string[] | undefined> }; deleteError?: string } };

const DAY = 86_400_000;
const futureDate = (days: number) => localDate(new Date(Date.now() + days * DAY), DEFAULT_TIME_ZONE);

let estateA: { id: string };
let estateB: { id: string };
let engineer: Actor;
let guard: Actor;
let resident: Actor;

const generateForm = (overrides: Record<string, string> = {}) => ({
	estateId: estateA.id,
	date: futureDate(5),
	days: '1',
	from: '09:00',
	to: '12:00',
	lengthMinutes: '60',
	capacity: '2',
	kinds: '',
	note: '',
	...overrides
});

const show = (actor: Actor, estate: string, date: string) =>
	load(fakeEvent({ actor, path: `/staff/appointments?estate=${estate}&date=${date}` }));

beforeAll(async () => {
	estateA = await fx.estate();
	estateB = await fx.estate();
	engineer = await fx.staffActor(['engineering'], [estateA.id]);
	guard = await fx.staffActor(['security'], [estateA.id]);
	resident = await fx.actorOf((await fx.residentUser()).id);
});

describe('/staff/appointments', () => {
	it('generates a day of slots and shows them with booked/capacity in local time', async () => {
		const date = futureDate(5);
		const redirect = await thrown(() =>
			actions.generate(fakeEvent({ actor: engineer, form: generateForm({ date, kinds: 'plumbing, drain' }) }))
		);
		expect(redirect.status).toBe(303);
		expect(redirect.location).toBe(`/staff/appointments?estate=${estateA.id}&date=${date}&created=3`);

		const [first] = await db()
			.select()
			.from(appointmentSlots)
			.where(eq(appointmentSlots.estateId, estateA.id))
			.orderBy(asc(appointmentSlots.startsAt));
		await db().transaction((tx) => bookSlot(tx, { slotId: first!.id, subject: { type: 'repair', id: randomUUID() }, actor: resident }));

		const page = await show(engineer, estateA.id, date);
		expect(page.estates.map((e) => e.id)).toEqual([estateA.id]);
		expect(page.slots.map((s) => [s.time, s.bookedCount, s.capacity, s.kinds.join(), s.deletable])).toEqual([
			['09:00–10:00', 1, 2, 'plumbing,drain', false],
			['10:00–11:00', 0, 2, 'plumbing,drain', true],
			['11:00–12:00', 0, 2, 'plumbing,drain', true]
		]);
	});

	it('shows bad input at the field and saves nothing', async () => {
		const date = futureDate(6);
		const cases: [Record<string, string>, string][] = [
			[{ from: '12:00', to: '09:00' }, 'to'],
			[{ capacity: '0' }, 'capacity'],
			[{ days: '14', from: '00:00', to: '23:55', lengthMinutes: '5' }, 'lengthMinutes'],
			[{ lengthMinutes: 'abc' }, 'lengthMinutes'],
			[{ from: '9am' }, 'from'],
			[{ kinds: 'drain; <script>' }, 'kinds']
		];
		for (const [fields, field] of cases) {
			const result = (await actions.generate(fakeEvent({ actor: engineer, form: generateForm({ date, ...fields }) }))) as Failure;
			expect(result.status, JSON.stringify(fields)).toBe(400);
			expect(result.data.form?.errors[field]?.[0], JSON.stringify(fields)).toBeTruthy();
		}
		expect((await show(engineer, estateA.id, date)).slots).toEqual([]);
	});

	it('reports slots that overlap existing ones at the start time', async () => {
		const date = futureDate(7);
		await thrown(() => actions.generate(fakeEvent({ actor: engineer, form: generateForm({ date }) })));
		const result = (await actions.generate(
			fakeEvent({ actor: engineer, form: generateForm({ date, from: '10:30', to: '11:30' }) })
		)) as Failure;
		expect(result.status).toBe(400);
		expect(result.data.form?.errors.from?.[0]).toMatch(/already exist/);
	});

	it('deletes an empty future slot and explains why a booked one stays', async () => {
		const date = futureDate(8);
		await thrown(() => actions.generate(fakeEvent({ actor: engineer, form: generateForm({ date, to: '11:00' }) })));
		const [a, b] = (await show(engineer, estateA.id, date)).slots;
		expect(await actions.delete(fakeEvent({ actor: engineer, form: { slotId: a!.id } }))).toEqual({ deleted: true });
		await db().transaction((tx) => bookSlot(tx, { slotId: b!.id, subject: { type: 'repair', id: randomUUID() }, actor: resident }));
		const refused = (await actions.delete(fakeEvent({ actor: engineer, form: { slotId: b!.id } }))) as Failure;
		expect(refused.status).toBe(400);
		expect(refused.data.deleteError).toBeTruthy();
		expect((await show(engineer, estateA.id, date)).slots.map((s) => s.id)).toEqual([b!.id]);
	});

	it('is 403 without the permission and 404 for another estate', async () => {
		expect((await thrown(() => show(guard, estateA.id, futureDate(1)))).status).toBe(403);
		expect((await thrown(() => show(resident, estateA.id, futureDate(1)))).status).toBe(403);
		expect((await thrown(() => show(engineer, estateB.id, futureDate(1)))).status).toBe(404);
		expect((await thrown(() => show(engineer, 'nope', futureDate(1)))).status).toBe(404);
		expect((await thrown(() => actions.generate(fakeEvent({ actor: guard, form: generateForm() })))).status).toBe(403);
		expect(
			(await thrown(() => actions.generate(fakeEvent({ actor: engineer, form: generateForm({ estateId: estateB.id }) })))).status
		).toBe(404);
		const other = (
			await db()
				.insert(appointmentSlots)
				.values({ estateId: estateB.id, startsAt: new Date(Date.now() + DAY), endsAt: new Date(Date.now() + DAY + 3_600_000), capacity: 1 })
				.returning()
		)[0]!;
		expect((await thrown(() => actions.delete(fakeEvent({ actor: engineer, form: { slotId: other.id } })))).status).toBe(404);
	});
});

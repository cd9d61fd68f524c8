import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { thrown } from '../../../../tests/request-event.ts';
import type { Actor } from '../auth/actor.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { db } from '../db/client.ts';
import { events, repairKinds, repairOrders, users, widgetRequests } from '../db/schema/index.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import * as fx from '../property/testing/fixtures.ts';
import { fileRepair } from './intake.ts';
import { matchRepair, repairMatchSuggestions } from './match.ts';
import { listMyRepairs, repairDetail, staffQueue } from './queries.ts';
import { cancelRepair } from './resident.ts';

let estateId: string;
let chanUnit: string;
let wongUnit: string;
let vacantUnit: string;
let otherEstateUnit: string;
let chan: Actor;
let wong: Actor;
let chanOccupancy: string;
let wongOccupancy: string;
let desk: Actor;
let lead: Actor;
let tech: Actor;
let otherDesk: Actor;
let kindId: string;

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	const [kind] = await db().select().from(repairKinds).where(eq(repairKinds.code, 'water_leak'));
	kindId = kind!.id;
	const estate = await fx.estate();
	const other = await fx.estate();
	estateId = estate.id;
	const [u1, u2, u3] = await fx.unitsIn(await fx.building(estate.id, 'A'), 3);
	[chanUnit, wongUnit, vacantUnit] = [u1!.id, u2!.id, u3!.id];
	otherEstateUnit = (await fx.unitsIn(await fx.building(other.id, 'Z'), 1))[0]!.id;
	const c = await fx.residentUser('Chan Tai Man');
	await db().update(users).set({ phone: '+852 9123 4567' }).where(eq(users.id, c.id));
	chanOccupancy = (await fx.occupy(chanUnit, { userId: c.id })).id;
	chan = await fx.actorOf(c.id);
	const w = await fx.residentUser('Wong Siu Ming', 'wong.siu.ming@example.test');
	wongOccupancy = (await fx.occupy(wongUnit, { userId: w.id }, 'renter')).id;
	wong = await fx.actorOf(w.id);
	desk = await fx.staffActor(['customer_service'], [estate.id]);
	lead = await fx.staffActor(['engineering_supervisor'], [estate.id]);
	tech = await fx.staffActor(['engineering'], [estate.id]);
	otherDesk = await fx.staffActor(['customer_service', 'engineering_supervisor'], [other.id]);
});

/**
 * A request as the public widget leaves it: the unit the visitor named, nobody's, unverified, and
 * the confirmed widget request holding the sender's email (written directly: the widget's intake
 * is not under test here).
 */
async function widgetRepair(namedUnit: string, contact: { phone: string; email?: string }) {
	const filed = await fileRepair(
		chan,
		{
			unitId: chanUnit,
			kindId,
			location: 'unit',
			locationDetail: 'Bathroom',
			description: 'Water drips from the bathroom ceiling.',
			contactName: 'A visitor',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'call',
			slotId: ''
		} as never,
		[]
	);
	await db()
		.update(repairOrders)
		.set({ channel: 'widget', verified: false, unitId: namedUnit, occupancyId: null, requesterId: null, contactPhone: contact.phone })
		.where(eq(repairOrders.id, filed.id));
	if (contact.email) {
		const at = new Date();
		await db()
			.insert(widgetRequests)
			.values({
				estateId,
				kind: 'repair',
				details: {},
				name: 'A visitor',
				phone: contact.phone,
				email: contact.email,
				locale: 'en',
				codeChannel: 'email',
				codeHash: new Uint8Array(32),
				codeSentAt: at,
				expiresAt: new Date(at.getTime() + 600_000),
				confirmedAt: at,
				caseType: 'repair',
				caseId: filed.id,
				trackingCode: `T${filed.id.slice(0, 8)}`
			});
	}
	return filed.id;
}

const matchedEvents = (id: string) =>
	db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, id), eq(events.kind, 'matched')));

describe('matching a repair request from the public widget to its sender', () => {
	it('shows on the queue’s unverified filter, suggests the named unit’s occupant, and keeps the unit when matched to it', async () => {
		const id = await widgetRepair(chanUnit, { phone: '9123 4567' });
		const unverified = (await staffQueue(desk, { state: '', unverified: true })).rows;
		expect(unverified.map((r) => r.id)).toContain(id);
		expect(unverified.every((r) => !r.verified)).toBe(true);
		const detail = await repairDetail(desk, id);
		expect(detail.actions).toContain('match');
		expect(await repairMatchSuggestions(db(), detail.order)).toMatchObject([{ unitId: chanUnit, userId: chan.userId, via: 'occupant' }]);
		expect(await listMyRepairs(chan)).not.toContainEqual(expect.objectContaining({ id }));

		await matchRepair(desk, id, chanUnit);

		const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(row).toMatchObject({
			state: 'received',
			verified: true,
			unitId: chanUnit,
			occupancyId: chanOccupancy,
			requesterId: chan.userId
		});
		const [event] = await matchedEvents(id);
		expect(event).toMatchObject({ actorId: desk.userId, fromState: 'received', toState: 'received' });
		expect(event!.data).toMatchObject({ unitId: chanUnit, previousUnitId: chanUnit, occupancyId: chanOccupancy, requesterId: chan.userId });
		expect((await listMyRepairs(chan)).map((r) => r.id)).toContain(id);
		expect((await staffQueue(desk, { state: '', unverified: true })).rows.map((r) => r.id)).not.toContain(id);
		// The office's own entry: the resident's timeline does not show it.
		expect((await repairDetail(chan, id)).timeline.map((e) => e.kind)).not.toContain('matched');
	});

	it('moves the request to the unit whose occupant has the sender’s email, when the visitor named another', async () => {
		const id = await widgetRepair(vacantUnit, { phone: '2345 6789', email: 'Wong.Siu.Ming@Example.test' });
		const suggestions = await repairMatchSuggestions(db(), (await repairDetail(lead, id)).order);
		expect(suggestions.map((s) => [s.unitId, s.userId])).toEqual([[wongUnit, wong.userId]]);
		await matchRepair(lead, id, wongUnit);
		const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(row).toMatchObject({ verified: true, unitId: wongUnit, occupancyId: wongOccupancy, requesterId: wong.userId });
		expect((await matchedEvents(id))[0]!.data).toMatchObject({ unitId: wongUnit, previousUnitId: vacantUnit });
	});

	it('refuses a second match, a unit of another estate (at its field), and a cancelled request', async () => {
		const id = await widgetRepair(chanUnit, { phone: '9123 4567' });
		const elsewhere = await thrown(() => matchRepair(desk, id, otherEstateUnit));
		expect(elsewhere).toBeInstanceOf(InputError);
		expect(elsewhere).toMatchObject({ field: 'unitId' });
		expect(await matchedEvents(id)).toEqual([]);
		await matchRepair(desk, id, chanUnit);
		expect(await thrown(() => matchRepair(lead, id, wongUnit))).toBeInstanceOf(StaleStateError);
		expect(await matchedEvents(id)).toHaveLength(1);

		const cancelled = await widgetRepair(chanUnit, { phone: '9123 4567' });
		await cancelRepair(desk, cancelled, { reason: 'Sent twice' });
		expect(await thrown(() => matchRepair(desk, cancelled, chanUnit))).toBeInstanceOf(StaleStateError);
	});

	it('is refused to the desk of another estate and a technician it is not assigned to (404), and to the resident (404)', async () => {
		const id = await widgetRepair(chanUnit, { phone: '9123 4567' });
		expect(await thrown(() => matchRepair(otherDesk, id, chanUnit))).toMatchObject({ status: 404 });
		expect(await thrown(() => matchRepair(tech, id, chanUnit))).toMatchObject({ status: 404 });
		expect(await thrown(() => matchRepair(chan, id, chanUnit))).toMatchObject({ status: 404 });
		const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(row).toMatchObject({ verified: false, occupancyId: null });
	});
});

// A paid-service quote the resident accepts becomes a bill of the unit (有償服務 → 收費), once.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { appointmentSlots, billLines, bills, events, ledgerEntries, repairKinds } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { listPaidServiceItems } from '../dictionaries/service-items.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { fileRepair } from './intake.ts';
import { assignRepair, claimRepair } from './desk.ts';
import { confirmOnSite, receiveOrder, scheduleRepair } from './work.ts';
import { decideQuote, requestQuote, reviewQuote } from './quotes.ts';
import { StaleStateError } from '../kernel/input-error.ts';

let estateId: string;
let unitId: string;
let resident: Actor;
let desk: Actor;
let tech: Actor;
let lead: Actor;
let kindId: string;

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	kindId = (await db().select().from(repairKinds)).find((k) => k.code === 'water_leak')!.id;
	estateId = (await fx.estate()).id;
	const [unit] = await fx.unitsIn(await fx.building(estateId, 'A'), 1);
	unitId = unit!.id;
	const r = await fx.residentUser('Chan Tai Man');
	await fx.occupy(unitId, { userId: r.id });
	resident = await fx.actorOf(r.id);
	desk = await fx.staffActor(['customer_service'], [estateId]);
	tech = await fx.staffActor(['engineering'], [estateId]);
	lead = await fx.staffActor(['engineering_supervisor'], [estateId]);
});

/** A repair in progress with an approved quote of two paid-service items, waiting for the resident. */
async function quoteAwaitingResident() {
	const startsAt = new Date(Date.now() + 2 * 86_400_000);
	const [slot] = await db()
		.insert(appointmentSlots)
		.values({ estateId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 3, repairKindCodes: [] })
		.returning();
	const filed = await fileRepair(
		resident,
		{
			unitId,
			kindId,
			location: 'unit',
			locationDetail: 'kitchen sink',
			description: 'Water drips under the kitchen sink',
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'slot',
			slotId: slot!.id
		} as never,
		[]
	);
	await claimRepair(desk, filed.id);
	await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
	await receiveOrder(tech, filed.id);
	await scheduleRepair(tech, filed.id, { slotId: slot!.id });
	await confirmOnSite(tech, filed.id);
	const [first, second] = await listPaidServiceItems(db(), { activeOnly: true });
	const { quoteId } = await requestQuote(tech, filed.id, {
		lines: [
			{ itemId: first!.id, quantity: 2 },
			{ itemId: second!.id, quantity: 1 }
		],
		workMinutes: 60,
		note: ''
	});
	await reviewQuote(lead, filed.id, quoteId, { decision: 'approve', note: '' });
	return {
		repairId: filed.id,
		quoteId,
		expectedTotal: first!.unitPriceMinor * 2 + second!.unitPriceMinor,
		names: [first!.nameEn, second!.nameEn]
	};
}

const billsOfQuote = (quoteId: string) =>
	db()
		.select()
		.from(bills)
		.where(and(eq(bills.source, 'paid_service'), eq(bills.sourceId, quoteId)));

describe('accepting a paid-service quote', () => {
	it('issues one open bill of the unit for the quoted amount, with its lines and charge', async () => {
		const { repairId, quoteId, expectedTotal, names } = await quoteAwaitingResident();
		await decideQuote(resident, repairId, quoteId, { decision: 'accept', note: '' });
		const issued = await billsOfQuote(quoteId);
		expect(issued).toHaveLength(1);
		expect(issued[0]).toMatchObject({ unitId, estateId, state: 'open', totalMinor: expectedTotal, createdBy: resident.userId });
		const lines = await db().select().from(billLines).where(eq(billLines.billId, issued[0]!.id));
		expect(lines.map((l) => l.nameEn).sort()).toEqual([...names].sort());
		const charges = await db().select().from(ledgerEntries).where(eq(ledgerEntries.billId, issued[0]!.id));
		expect(charges.map((c) => [c.kind, c.amountMinor])).toEqual([['charge', expectedTotal]]);
		// The repair's own timeline names the bill.
		const [accepted] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, repairId), eq(events.kind, 'quote_accepted')));
		expect(accepted!.data).toMatchObject({ quoteId, billId: issued[0]!.id });
	});

	it('accepting again is refused and adds no second bill', async () => {
		const { repairId, quoteId } = await quoteAwaitingResident();
		await decideQuote(resident, repairId, quoteId, { decision: 'accept', note: '' });
		await expect(decideQuote(resident, repairId, quoteId, { decision: 'accept', note: '' })).rejects.toBeInstanceOf(StaleStateError);
		const both = await Promise.allSettled([
			decideQuote(resident, repairId, quoteId, { decision: 'accept', note: '' }),
			decideQuote(resident, repairId, quoteId, { decision: 'accept', note: '' })
		]);
		expect(both.every((r) => r.status === 'rejected')).toBe(true);
		expect(await billsOfQuote(quoteId)).toHaveLength(1);
	});

	it('declining issues no bill', async () => {
		const { repairId, quoteId } = await quoteAwaitingResident();
		await decideQuote(resident, repairId, quoteId, { decision: 'decline', note: 'Too dear' });
		expect(await billsOfQuote(quoteId)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import {
	archiveEntries,
	goodsReleaseSlips,
	billLines,
	bills,
	emergencyContacts,
	events,
	meterReadings,
	notifications,
	occupancies,
	refunds,
	repairKinds,
	repairOrders,
	unitKeys
} from '../db/schema/index.ts';
import { actorOf, occupy, residentUser, staffActor } from '../property/testing/fixtures.ts';
import { billingEstate, feeItemId, fixtureToday, payment, setPrice } from '../fees/test-fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { applyPayment } from '../fees/ledger.ts';
import { runBilling } from '../fees/billing.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { addDays, addMonths, firstDay, lastDay, monthOf } from '#lib/time/index.ts';
import {
	checkMoveInIdentity,
	completeMoveIn,
	confirmInspectionReadings,
	inspectMoveIn,
	issueMoveInKey,
	openMoveIn,
	recordInspectionReadings,
	recordMoveInPapers,
	reportMoveInDefect,
	signMoveInRules,
	uploadMoveDocument
} from './move-in.ts';
import {
	applyMoveOut,
	completeMoveOut,
	inspectMoveOut,
	leaveForwardingAddress,
	priceMoveOutDamage,
	returnMoveOutKey,
	settleMoveOut,
	waiveMoveOutArrears
} from './move-out.ts';
import { moveDetail } from './queries.ts';
import { addMoveInContact, removeMoveInContact } from './contacts.ts';
import { readFileParts } from '../archive/read.ts';
import { myUnitFile } from '../archive/resident.ts';

const today = fixtureToday();
const png = () =>
	new File(
		[
			Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'))
		],
		'id.png',
		{ type: 'image/png' }
	);

async function setUp() {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	const place = await billingEstate();
	const other = await billingEstate();
	const estateIds = [place.estate.id];
	return {
		place,
		desk: await staffActor(['customer_service'], estateIds),
		engineering: await staffActor(['engineering'], estateIds),
		finance: await staffActor(['finance'], estateIds),
		manager: await staffActor(['manager'], estateIds),
		otherDesk: await staffActor(['customer_service', 'manager'], [other.estate.id])
	};
}

const moveEvents = (moveId: string) =>
	db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'move'), eq(events.subjectId, moveId)))
		.orderBy(asc(events.id));

describe('a move-in', () => {
	it('records three-party readings as the first readings for billing, keys in the register, a defect as a repair, and starts the occupancy', async () => {
		const { place, desk, engineering, finance, otherDesk } = await setUp();
		const unit = await place.unit('80.00', 'residential', null);
		const user = await residentUser('New Renter');
		const resident = await actorOf(user.id);
		const { id } = await openMoveIn(desk, unit.id, { partyType: 'person', email: user.email, role: 'renter', startsOn: today });

		// Nobody occupies the unit while the case is open.
		expect(await currentOccupancies(db(), [unit.id])).toEqual([]);
		// Another unit's resident and another estate's staff do not find it.
		const stranger = await actorOf((await residentUser('Stranger')).id);
		expect(await statusOf(() => moveDetail(stranger, id))).toBe(404);
		expect(await statusOf(() => moveDetail(otherDesk, id))).toBe(404);
		expect(await statusOf(() => signMoveInRules(stranger, id, { name: 'X', agree: 'on' }))).toBe(404);

		await checkMoveInIdentity(desk, id, {});
		await uploadMoveDocument(resident, id, 'id_copy', png());
		await recordMoveInPapers(desk, id, {
			archiveForm: 'on',
			signage: 'Renter Co.',
			equipment: 'Air-conditioner: working\nDoor bell: broken'
		});
		await signMoveInRules(resident, id, { name: 'New Renter', agree: 'on' });
		// Completing too early says what is missing.
		expect((await inputErrorOf(() => inspectMoveIn(engineering, id))).field).toBe('');

		await recordInspectionReadings(engineering, id, { water: '100.00', electricity: '2000.50' });
		await confirmInspectionReadings(desk, id);
		expect(await db().select().from(meterReadings).where(eq(meterReadings.unitId, unit.id))).toEqual([]);
		await confirmInspectionReadings(resident, id);
		const opening = await db().select().from(meterReadings).where(eq(meterReadings.unitId, unit.id)).orderBy(asc(meterReadings.meter));
		expect(opening.map((r) => [r.meter, r.value, r.readOn])).toEqual([
			['water', '100.00', today],
			['electricity', '2000.50', today]
		]);

		await issueMoveInKey(desk, id, { number: 'D-01', kind: 'door' });
		await issueMoveInKey(desk, id, { number: 'M-01', kind: 'mailbox' });
		expect((await inputErrorOf(() => issueMoveInKey(desk, id, { number: 'D-01', kind: 'door' }))).field).toBe('number');

		const [kind] = await db().select().from(repairKinds).where(eq(repairKinds.active, true)).limit(1);
		const repair = await reportMoveInDefect(desk, id, {
			kindId: kind!.id,
			description: 'Door bell does not ring',
			contactName: 'New Renter',
			contactPhone: '+85291234567'
		});
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, repair.id));
		expect(order).toMatchObject({ unitId: unit.id, description: 'Door bell does not ring', state: 'received' });

		// The archive registration form's contact persons: the desk records them; a mistake comes off.
		expect((await inputErrorOf(() => addMoveInContact(desk, id, { name: 'Li Na', relation: 'Sister', phone: 'call me' }))).field).toBe(
			'phone'
		);
		expect((await inputErrorOf(() => addMoveInContact(desk, id, { name: '', relation: 'Sister', phone: '+85291110000' }))).field).toBe(
			'name'
		);
		expect(await statusOf(() => addMoveInContact(resident, id, { name: 'Li Na', relation: 'Sister', phone: '+85291110000' }))).toBe(403);
		await addMoveInContact(desk, id, { name: 'Li Na', relation: 'Sister', phone: '+85291110000' });
		const typo = await addMoveInContact(desk, id, { name: 'Wrong Person', relation: 'Friend', phone: '+85291110001' });
		await removeMoveInContact(desk, id, { contactId: typo.checklist.contacts!.find((c) => c.name === 'Wrong Person')!.id });
		expect((await inputErrorOf(() => removeMoveInContact(desk, id, { contactId: crypto.randomUUID() }))).field).toBe('contactId');
		// While the case is open the papers have no occupancy to be in: the unit's own, and no contacts on the unit yet.
		const whileOpen = (await readFileParts(db(), unit.id, today)).parts;
		expect(whileOpen.map((p) => p.occupancyId)).toEqual([null]);
		expect(await db().select().from(emergencyContacts).where(eq(emergencyContacts.unitId, unit.id))).toEqual([]);

		// Engineering may not complete; the desk may not before the inspection.
		expect(await statusOf(() => completeMoveIn(engineering, id))).toBe(403);
		await inspectMoveIn(engineering, id);
		await completeMoveIn(desk, id);

		const [occupancy] = await currentOccupancies(db(), [unit.id]);
		expect(occupancy).toMatchObject({ userId: user.id, role: 'renter', startsOn: today, endsOn: null });
		const keys = await db().select().from(unitKeys).where(eq(unitKeys.unitId, unit.id)).orderBy(asc(unitKeys.number));
		expect(keys.map((k) => [k.number, k.kind, k.holderOccupancyId, k.returnedAt])).toEqual([
			['D-01', 'door', occupancy!.id, null],
			['M-01', 'mailbox', occupancy!.id, null]
		]);
		const filed = await db().select({ kind: archiveEntries.kind }).from(archiveEntries).where(eq(archiveEntries.unitId, unit.id));
		// The defect found at the inspection is filed as the repair it became; the contact person as a contact.
		expect(filed.map((f) => f.kind).sort()).toEqual([
			'contact',
			'document',
			'key',
			'key',
			'meter_reading',
			'meter_reading',
			'move_in',
			'repair'
		]);
		// Everything filed during the move-in is in the new occupancy's part; nothing is the unit's own.
		const { parts, heading } = await readFileParts(db(), unit.id, today);
		expect(heading).toBe('New Renter');
		expect(parts.map((p) => p.occupancyId)).toEqual([occupancy!.id]);
		expect(parts[0]!.entries).toHaveLength(filed.length);
		// The renter sees them in its own part of the file.
		expect((await myUnitFile(resident, unit.id)).parts.flatMap((p) => p.entries)).toHaveLength(filed.length);
		// The contact person is now the occupancy's contact.
		const contacts = await db().select().from(emergencyContacts).where(eq(emergencyContacts.unitId, unit.id));
		expect(contacts.map((c) => [c.name, c.relation, c.phone, c.occupancyId, c.endedAt])).toEqual([
			['Li Na', 'Sister', '+85291110000', occupancy!.id, null]
		]);
		const told = await db().select().from(notifications).where(eq(notifications.userId, finance.userId));
		expect(told.some((n) => n.kind === 'move.in_completed')).toBe(true);
		expect((await moveEvents(id)).map((e) => e.kind)).toContain('completed');

		// The next bill counts consumption from the opening readings.
		await setPrice('water', '5.00', '2020-01-01');
		// A month later: the run charges the period's last reading minus the last one before it — the opening one.
		const period = addMonths(monthOf(today), 1);
		const later = firstDay(period);
		await db().insert(meterReadings).values({ unitId: unit.id, meter: 'water', readOn: later, value: '110.00' });
		await runBilling({ period, actor: null, now: new Date(`${addDays(lastDay(period), 1)}T12:00:00+08:00`), estateId: place.estate.id });
		const rows = await db()
			.select({ q: billLines.quantity })
			.from(billLines)
			.innerJoin(bills, eq(bills.id, billLines.billId))
			.where(and(eq(bills.unitId, unit.id), eq(billLines.feeItemId, await feeItemId('water'))));
		expect(rows.map((r) => r.q)).toEqual(['10.00']);
	});
});

describe('a move-out', () => {
	async function movingOut() {
		const world = await setUp();
		const { place } = world;
		const unit = await place.unit('80.00', 'residential', null);
		const user = await residentUser('Leaving Owner');
		const occupancy = await occupy(unit.id, { userId: user.id }, 'owner', '2024-01-01');
		const resident = await actorOf(user.id);
		// A deposit of 5 000.00 held, two keys out.
		const deposit = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'deposit',
				lines: [{ feeItemId: null, nameEn: 'Deposit', nameZhHans: '押金', nameZhHant: '按金', quantity: '1', priceMicro: 500000 * 10_000 }],
				issuedOn: '2024-01-01',
				actorId: null
			})
		);
		await pay(unit.id, deposit.billId, 500000);
		await db()
			.insert(unitKeys)
			.values([
				{ unitId: unit.id, number: 'D-01', kind: 'door', holderOccupancyId: occupancy.id },
				{ unitId: unit.id, number: 'C-01', kind: 'access_card', holderOccupancyId: occupancy.id }
			]);
		await db().insert(meterReadings).values({ unitId: unit.id, meter: 'water', readOn: '2024-01-01', value: '50.00' });
		const { id } = await applyMoveOut(resident, {
			unitId: unit.id,
			plannedOn: addDays(today, -1),
			forwardingAddress: '',
			forwardingPhone: ''
		});
		return { ...world, unit, user, resident, occupancy, id };
	}

	async function pay(unitId: string, billId: string, amountMinor: number) {
		const p = await payment(unitId, amountMinor);
		await db().transaction((tx) =>
			applyPayment(tx, { unitId, paymentId: p.id, amountMinor, allocations: [{ billId, amountMinor }], effectiveOn: today })
		);
	}

	/** The final energy bill the settlement issued (its id is on the 'settled' event). */
	async function finalBill(moveId: string) {
		const settled = (await moveEvents(moveId)).find((e) => e.kind === 'settled');
		const billId = (settled!.data as { finalBillId: string | null }).finalBillId;
		if (!billId) return null;
		const [bill] = await db().select().from(bills).where(eq(bills.id, billId));
		return bill!;
	}

	async function inspectedAndSettled(w: Awaited<ReturnType<typeof movingOut>>) {
		const keys = await db().select().from(unitKeys).where(eq(unitKeys.unitId, w.unit.id)).orderBy(asc(unitKeys.number));
		await returnMoveOutKey(w.desk, w.id, { keyId: keys.find((k) => k.number === 'D-01')!.id });
		await returnMoveOutKey(w.desk, w.id, { keyId: keys.find((k) => k.number === 'C-01')!.id, missing: 'on', price: '50.00' });
		await priceMoveOutDamage(w.engineering, w.id, { description: 'Scratched floor', amount: '300.00' });
		await recordInspectionReadings(w.engineering, w.id, { water: '80.00', electricity: '10.00' });
		await confirmInspectionReadings(w.desk, w.id);
		await confirmInspectionReadings(w.resident, w.id);
		expect((await inputErrorOf(() => inspectMoveOut(w.engineering, w.id, { powerOff: 'on', airConOff: 'on' }))).field).toBe(
			'extinguishersReturned'
		);
		await inspectMoveOut(w.engineering, w.id, { powerOff: 'on', airConOff: 'on', extinguishersReturned: 'on' });
		await leaveForwardingAddress(w.resident, w.id, { forwardingAddress: '1 New Road', forwardingPhone: '+85291234567' });
		await settleMoveOut(w.finance, w.id);
	}

	it('returns keys, prices damage, requests the deposit refund minus damages, ends the occupancy and leaves the unit vacant', async () => {
		const w = await movingOut();
		await inspectedAndSettled(w);
		const [refund] = await db().select().from(refunds).where(eq(refunds.unitId, w.unit.id));
		expect(refund).toMatchObject({ kind: 'deposit', grossMinor: 500000, payoutMinor: 500000 - 5000 - 30000 });
		const final = await finalBill(w.id);
		await pay(w.unit.id, final!.id, final!.totalMinor);
		await completeMoveOut(w.desk, w.id);
		expect(await currentOccupancies(db(), [w.unit.id])).toEqual([]);
		const keys = await db().select().from(unitKeys).where(eq(unitKeys.unitId, w.unit.id)).orderBy(asc(unitKeys.number));
		expect(keys.map((k) => [k.number, k.returnedAt !== null, k.missingMinor])).toEqual([
			['C-01', true, 5000],
			['D-01', true, null]
		]);
		const detail = await moveDetail(w.desk, w.id);
		expect(detail.move.state).toBe('done');
		// The goods release for the furniture, issued with the completion.
		const slips = await db().select().from(goodsReleaseSlips).where(eq(goodsReleaseSlips.moveOutId, w.id));
		expect(slips).toMatchObject([{ state: 'issued', source: 'move_out', unitId: w.unit.id, occupancyId: w.occupancy.id }]);
		expect(detail.move.forwardingAddress).toBe('1 New Road');
		// The move-out's papers (keys back, closing readings, final bill, refund, release) are all the leaving occupancy's.
		const { parts } = await readFileParts(db(), w.unit.id, today);
		expect(parts.map((p) => p.occupancyId)).toEqual([w.occupancy.id]);
		expect(parts[0]!.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['key', 'meter_reading', 'move_out', 'goods_release']));
	});

	it('shares the day’s reading already on record at the same value (the next party moving in that day), refuses another value', async () => {
		const w = await movingOut();
		await db()
			.insert(meterReadings)
			.values([
				{ unitId: w.unit.id, meter: 'water', readOn: today, value: '80.00' },
				{ unitId: w.unit.id, meter: 'electricity', readOn: today, value: '10.00' }
			]);
		expect((await inputErrorOf(() => recordInspectionReadings(w.engineering, w.id, { water: '81.00', electricity: '10.00' }))).field).toBe(
			'water'
		);
		await recordInspectionReadings(w.engineering, w.id, { water: '80.00', electricity: '10.00' });
		await confirmInspectionReadings(w.desk, w.id);
		await confirmInspectionReadings(w.resident, w.id);
		const onDay = await db()
			.select({ meter: meterReadings.meter, value: meterReadings.value })
			.from(meterReadings)
			.where(and(eq(meterReadings.unitId, w.unit.id), eq(meterReadings.readOn, today)))
			.orderBy(asc(meterReadings.meter));
		expect(onDay).toEqual([
			{ meter: 'water', value: '80.00' },
			{ meter: 'electricity', value: '10.00' }
		]);
		const detail = await moveDetail(w.desk, w.id);
		expect(detail.readings.every((r) => r.recordedAt !== null)).toBe(true);
	});

	it('cannot complete with an unpaid bill, completes after a manager’s recorded waiver', async () => {
		const w = await movingOut();
		await db().transaction((tx) =>
			issueBill(tx, {
				unitId: w.unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费', nameZhHant: '費', quantity: '1', priceMicro: 12000 * 10_000 }],
				issuedOn: today,
				actorId: null
			})
		);
		await inspectedAndSettled(w);
		const refused = await inputErrorOf(() => completeMoveOut(w.desk, w.id));
		const final = await finalBill(w.id);
		expect(refused.message).toContain(((12000 + final!.totalMinor) / 100).toFixed(2));
		expect(await currentOccupancies(db(), [w.unit.id])).toHaveLength(1);
		// Only a manager waives, with a reason.
		expect(await statusOf(() => waiveMoveOutArrears(w.desk, w.id, { reason: 'x' }))).toBe(403);
		expect((await inputErrorOf(() => waiveMoveOutArrears(w.manager, w.id, { reason: '' }))).field).toBe('reason');
		await waiveMoveOutArrears(w.manager, w.id, { reason: 'Landlord settles the last fee privately' });
		await completeMoveOut(w.desk, w.id);
		const waived = (await moveEvents(w.id)).find((e) => e.kind === 'waived');
		expect(waived).toMatchObject({
			note: 'Landlord settles the last fee privately',
			actorId: w.manager.userId,
			data: { owedMinor: 12000 + final!.totalMinor }
		});
		expect(await currentOccupancies(db(), [w.unit.id])).toEqual([]);
	});

	it('completes once the unpaid bill is paid', async () => {
		const w = await movingOut();
		const bill = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: w.unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费', nameZhHant: '費', quantity: '1', priceMicro: 12000 * 10_000 }],
				issuedOn: today,
				actorId: null
			})
		);
		await inspectedAndSettled(w);
		await inputErrorOf(() => completeMoveOut(w.desk, w.id));
		await pay(w.unit.id, bill.billId, 12000);
		await inputErrorOf(() => completeMoveOut(w.desk, w.id));
		const final = await finalBill(w.id);
		await pay(w.unit.id, final!.id, final!.totalMinor);
		await completeMoveOut(w.desk, w.id);
		expect(await currentOccupancies(db(), [w.unit.id])).toEqual([]);
	});

	/** Last month billed by the run (water read at its end, 60.00) and paid: the final bill counts from there. */
	async function billedLastMonth(w: Awaited<ReturnType<typeof movingOut>>) {
		const lastMonth = addMonths(monthOf(today), -1);
		await db()
			.insert(meterReadings)
			.values([
				{ unitId: w.unit.id, meter: 'water', readOn: lastDay(lastMonth), value: '60.00' },
				{ unitId: w.unit.id, meter: 'electricity', readOn: '2024-01-01', value: '2.00' }
			]);
		await runBilling({ estateId: w.place.estate.id, period: lastMonth, actor: null, now: new Date() });
		const [monthly] = await db()
			.select()
			.from(bills)
			.where(and(eq(bills.unitId, w.unit.id), eq(bills.source, 'billing_run')));
		await pay(w.unit.id, monthly!.id, monthly!.totalMinor);
	}

	const energyLines = (billId: string) =>
		db()
			.select({
				feeItemId: billLines.feeItemId,
				quantity: billLines.quantity,
				amountMinor: billLines.amountMinor,
				readings: billLines.readings
			})
			.from(billLines)
			.where(eq(billLines.billId, billId))
			.orderBy(asc(billLines.sort));

	it('settling a move-out bills the energy used since the last bill from the closing readings, and completion is refused until it is paid (or waived)', async () => {
		const w = await movingOut();
		await billedLastMonth(w);
		await inspectedAndSettled(w);
		const final = await finalBill(w.id);
		expect(final).toMatchObject({ party: 'owner', state: 'open', period: monthOf(addDays(today, -1)), unitId: w.unit.id });
		const lines = await energyLines(final!.id);
		const water = await feeItemId('water');
		const electricity = await feeItemId('electricity');
		// Water from the last billed reading (60.00, not the opening 50.00) to the closing 80.00; electricity from 2.00 to 10.00.
		expect(lines.map((l) => [l.feeItemId, l.quantity])).toEqual(
			expect.arrayContaining([
				[water, '20.00'],
				[electricity, '8.00']
			])
		);
		expect(lines).toHaveLength(2);
		expect(lines.find((l) => l.feeItemId === water)!.readings).toMatchObject({
			previous: { on: lastDay(addMonths(monthOf(today), -1)), value: '60.00' },
			current: { on: today, value: '80.00' }
		});
		expect(final!.totalMinor).toBe(lines.reduce((sum, l) => sum + l.amountMinor, 0));
		// Owed, so completion waits for it.
		const refused = await inputErrorOf(() => completeMoveOut(w.desk, w.id));
		expect(refused.message).toContain((final!.totalMinor / 100).toFixed(2));
		expect(await currentOccupancies(db(), [w.unit.id])).toHaveLength(1);
		await pay(w.unit.id, final!.id, final!.totalMinor);
		await completeMoveOut(w.desk, w.id);
		expect(await currentOccupancies(db(), [w.unit.id])).toEqual([]);
	});

	it('bills a party that moved in this month from its move-in readings, never the earlier occupant’s use', async () => {
		const w = await movingOut();
		// The party moved in three days ago, when the opening reading was 70.00 (the earlier one, 50.00, was its predecessor's).
		const movedIn = addDays(today, -3);
		await db().update(occupancies).set({ startsOn: movedIn }).where(eq(occupancies.id, w.occupancy.id));
		await db().insert(meterReadings).values({ unitId: w.unit.id, meter: 'water', readOn: movedIn, value: '70.00' });
		await inspectedAndSettled(w);
		const lines = await energyLines((await finalBill(w.id))!.id);
		const waterItem = await feeItemId('water');
		const water = lines.find((l) => l.feeItemId === waterItem);
		expect(water).toMatchObject({ quantity: '10.00' });
		expect(water!.readings).toMatchObject({ previous: { on: movedIn, value: '70.00' }, current: { on: today, value: '80.00' } });
	});

	it('the next monthly billing run does not bill that consumption again', async () => {
		const w = await movingOut();
		await billedLastMonth(w);
		await inspectedAndSettled(w);
		const final = await finalBill(w.id);
		await waiveMoveOutArrears(w.manager, w.id, { reason: 'Paid at the counter tomorrow' });
		await completeMoveOut(w.desk, w.id);
		// The move-out month's run (the party occupied part of it): management, but no water or electricity again.
		await runBilling({ estateId: w.place.estate.id, period: final!.period!, actor: null, now: new Date() });
		const runBills = await db()
			.select({ id: bills.id })
			.from(bills)
			.where(and(eq(bills.unitId, w.unit.id), eq(bills.source, 'billing_run'), eq(bills.period, final!.period!)));
		const metered = [await feeItemId('water'), await feeItemId('electricity')];
		for (const bill of runBills) {
			expect((await energyLines(bill.id)).filter((l) => metered.includes(l.feeItemId!))).toEqual([]);
		}
		// A move-out with no consumption since the last bill issues no final bill.
		const again = await movingOut();
		await db().insert(meterReadings).values({ unitId: again.unit.id, meter: 'electricity', readOn: '2024-01-01', value: '10.00' });
		await db()
			.update(meterReadings)
			.set({ value: '80.00' })
			.where(and(eq(meterReadings.unitId, again.unit.id), eq(meterReadings.meter, 'water')));
		await inspectedAndSettled(again);
		expect(await finalBill(again.id)).toBeNull();
	});
});

/**
 * The past of Central Plaza 2506, vacant today: Northwind Freight rented it for three years and
 * moved out at the end of the month five months ago, so its part of the unit's file is bound
 * (archive/read.ts) and prints as an index of its own. Its records: an air-conditioning repair
 * (done, signed off, its callback answered), two bills paid at the counter — an after-hours
 * air-conditioning charge and the final water and electricity at the move-out — and the completed
 * move-out case. The dates count back from today, so the story ends before the demo's billing
 * periods (demo-fees.ts bills the last three months: nothing of Northwind's, and the unit stays
 * vacant for the move-in journey).
 *
 * Like the rest of the seed it writes its records directly, with their own times; the repair, its
 * callback, the bills and the payments are filed by archive_file_existing_records afterwards
 * (demo-archive.ts), and the move-out, which that function does not know, through fileInArchive at
 * its own time. Runs after seedDemoRepairs (whose seeded picks it leaves alone) and before
 * seedDemoArchive.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, addMonths, businessToday, firstDay, lastDay, localInstant, monthOf, type BusinessDate } from '#lib/time/index.ts';
import { lineAmount } from '#lib/money/index.ts';
import type { Executor } from '../db/client.ts';
import {
	billLines,
	bills,
	buildings,
	estates,
	events,
	moves,
	notifications,
	occupancies,
	repairKinds,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { fileInArchive } from '../archive/file.ts';
import { createRepairCallback } from '../callbacks/create.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { postEntry } from '../fees/ledger.ts';
import { feeSettings } from '../fees/settings.ts';
import type { MoveEventKind } from '../moves/machine.ts';
import { centralPlaza, northwind, northwindUnit } from './demo-data.ts';
import { answerCallback, placeOrder } from './demo-repairs.ts';
import { payInFull } from './demo-fees.ts';

const DAY = 86_400_000;
const forwardingAddress = 'Unit 9, 3/F, Kwai Chung Logistics Centre, 18 Container Port Road 葵涌貨櫃碼頭路18號葵涌物流中心3樓9室';

export async function seedDemoFormerOccupant(tx: Executor, now = new Date()): Promise<void> {
	const [unit] = await tx
		.select({ id: units.id, estateId: units.estateId, timeZone: estates.timeZone })
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(and(eq(estates.code, centralPlaza.code), eq(buildings.code, northwindUnit.building), eq(units.number, northwindUnit.unit)));
	if (!unit) return;
	const staff = new Map(
		(
			await tx
				.select({ id: users.id, email: users.email })
				.from(users)
				.where(inArray(users.email, ['service@lobby.test', 'engineer2@lobby.test', 'finance@lobby.test', 'manager@lobby.test']))
		).map((u) => [u.email, u.id])
	);
	const desk = staff.get('service@lobby.test') ?? null;
	const engineer = staff.get('engineer2@lobby.test') ?? null;
	const finance = staff.get('finance@lobby.test') ?? null;
	const at = (day: BusinessDate, hour: number) => localInstant(day, hour * 60, unit.timeZone);

	// Three years to the last day of the month five months ago.
	const month = monthOf(businessToday(unit, now));
	const startsOn = firstDay(addMonths(month, -41));
	const endsOn = lastDay(addMonths(month, -5));

	const [company] = await tx
		.insert(residentCompanies)
		.values({ name: northwind.name, registrationNo: northwind.registrationNo, createdAt: at(addDays(startsOn, -14), 10) })
		.returning({ id: residentCompanies.id });
	const [occupancy] = await tx
		.insert(occupancies)
		.values({ unitId: unit.id, companyId: company!.id, role: 'renter', startsOn, endsOn })
		.returning({ id: occupancies.id });
	const occupancyId = occupancy!.id;

	// The air-conditioning repair four months before it left, phoned in, done, its callback answered.
	await ensureDefaultDictionaries(tx);
	const kinds = await tx.select().from(repairKinds).where(eq(repairKinds.active, true));
	const kind = kinds.find((k) => k.code === 'air_con') ?? kinds[0];
	if (kind) {
		const createdAt = at(addDays(endsOn, -120), 9);
		// A steady roll: the order is done, no reopening, its description the air-conditioner's.
		const steady = () => 0.4;
		const order = await placeOrder(tx, {
			estateId: unit.estateId,
			home: { unitId: unit.id, occupancyId, userId: null, building: northwindUnit.building, number: northwindUnit.unit },
			kind,
			createdAt,
			technicianId: engineer,
			desk,
			random: steady,
			now,
			signedOffAt: new Date(createdAt.getTime() + 2 * DAY)
		});
		const callback = await createRepairCallback(tx, { ...order, requesterId: null }, order.signedOffAt!);
		await answerCallback(tx, callback.id, order, { random: steady, now, manager: staff.get('manager@lobby.test') ?? null });
		// Its "assigned to you" notice is history, not news (as seedDemoRepairs does for old callbacks).
		await tx
			.update(notifications)
			.set({ readAt: now })
			.where(and(eq(notifications.kind, 'callback.assigned'), eq(notifications.subjectId, callback.id)));
	}

	// Two bills of its own, each paid at the counter a few days after it was issued.
	const { currency } = await feeSettings(tx);
	const charges = [
		{
			issuedOn: addDays(endsOn, -61),
			paidOn: addDays(endsOn, -55),
			receiptNo: 'DEMO-NW-0001',
			line: {
				nameEn: 'After-hours air-conditioning (12 h)',
				nameZhHans: '加时空调（12 小时）',
				nameZhHant: '加時冷氣（12 小時）',
				quantity: '12',
				major: 180
			}
		},
		{
			issuedOn: endsOn,
			paidOn: endsOn,
			receiptNo: 'DEMO-NW-0002',
			line: { nameEn: 'Final water and electricity', nameZhHans: '最后水电费', nameZhHant: '最後水電費', quantity: '1', major: 1264.5 }
		}
	];
	for (const charge of charges) {
		const priceMicro = Math.round(charge.line.major * 1_000_000);
		const amountMinor = lineAmount(charge.line.quantity, priceMicro);
		const issuedAt = at(charge.issuedOn, 10);
		const [bill] = await tx
			.insert(bills)
			.values({
				estateId: unit.estateId,
				unitId: unit.id,
				party: 'renter',
				occupancyId,
				source: 'manual',
				totalMinor: amountMinor,
				currency,
				issuedOn: charge.issuedOn,
				dueOn: addDays(charge.issuedOn, 14),
				createdBy: finance,
				createdAt: issuedAt
			})
			.returning({ id: bills.id });
		const { nameEn, nameZhHans, nameZhHant, quantity } = charge.line;
		await tx
			.insert(billLines)
			.values({ billId: bill!.id, feeItemId: null, nameEn, nameZhHans, nameZhHant, quantity, priceMicro, amountMinor });
		await postEntry(tx, {
			unitId: unit.id,
			party: 'renter',
			kind: 'charge',
			amountMinor,
			billId: bill!.id,
			currency,
			effectiveOn: charge.issuedOn,
			createdBy: finance
		});
		await tx.insert(events).values({
			subjectType: 'bill',
			subjectId: bill!.id,
			kind: 'issue',
			toState: 'open',
			actorId: finance,
			at: issuedAt,
			data: { source: 'manual', totalMinor: amountMinor, party: 'renter' }
		});
		await payInFull(tx, [{ billId: bill!.id, receivedOn: charge.paidOn, receiptNo: charge.receiptNo, method: 'bank_transfer' }], finance);
	}

	// The move-out: applied a fortnight before, inspected, settled by finance, completed on the day.
	const appliedOn = addDays(endsOn, -14);
	const [move] = await tx
		.insert(moves)
		.values({
			kind: 'out',
			state: 'done',
			estateId: unit.estateId,
			unitId: unit.id,
			occupancyId,
			partyCompanyId: company!.id,
			role: 'renter',
			plannedOn: endsOn,
			doneOn: endsOn,
			checklist: { powerOff: true, airConOff: true, extinguishersReturned: true, passesReturned: true },
			forwardingAddress,
			forwardingPhone: '+852 2480 1618',
			createdBy: desk,
			createdAt: at(appliedOn, 11),
			updatedAt: at(endsOn, 17)
		})
		.returning({ id: moves.id });
	const story: [MoveEventKind, Date, string | null, string | null, string | null][] = [
		['opened', at(appliedOn, 11), desk, null, 'open'],
		['inspected', at(endsOn, 11), engineer, 'open', 'inspected'],
		['settled', at(endsOn, 15), finance, 'inspected', 'settled'],
		['completed', at(endsOn, 17), desk, 'settled', 'done']
	];
	for (const [kind, when, actorId, from, to] of story) {
		await tx.insert(events).values({
			subjectType: 'move',
			subjectId: move!.id,
			kind,
			at: when,
			actorId,
			fromState: from,
			toState: to,
			note: kind === 'opened' ? northwind.name : '',
			data: kind === 'completed' ? { endsOn, owedMinor: 0, waived: false } : {}
		});
	}
	await fileInArchive(tx, {
		unitId: unit.id,
		occupancyId,
		kind: 'move_out',
		sourceType: 'move',
		sourceId: move!.id,
		summary: { movedOutOn: endsOn, party: northwind.name, forwardingAddress, waived: false },
		actor: desk ? { userId: desk } : null,
		at: at(endsOn, 17)
	});
}

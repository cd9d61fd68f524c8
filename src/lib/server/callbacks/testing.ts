// Test data for the callback and statistics integration tests (not used by the app): real rows
// inserted directly, so a test can put repairs in any state at any time without driving the
// whole machine; real actors through loadActor.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { repairKinds, repairOrders, users } from '../db/schema/index.ts';
import type { StaffRole } from '../auth/permissions.ts';
import { actorFor, makeEstate, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';
import { createRepairCallback } from './create.ts';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export async function makeKind(flags: { safety?: boolean; leak?: boolean } = {}, code = `k${randomUUID().slice(0, 8)}`) {
	const [kind] = await db()
		.insert(repairKinds)
		.values({
			code,
			nameEn: `Kind ${code}`,
			nameZhHans: `类别 ${code}`,
			nameZhHant: `類別 ${code}`,
			category: 'other',
			isSafetyFacility: flags.safety ?? false,
			isWaterLeak: flags.leak ?? false,
			responseMinutes: 60,
			completionMinutes: 480
		})
		.returning();
	return kind!;
}

/**
 * An estate with a unit, its resident, and one person in each callback role plus a technician
 * (with a phone, so SMS can be checked).
 */
export async function makeCallbackEstate(
	name = 'Harbour View',
	roles: StaffRole[] = ['manager', 'customer_service', 'engineering_supervisor']
) {
	const place = await makeEstate(name);
	const unit = await makeUnit(place, `${Math.floor(Math.random() * 30) + 1}A`);
	const resident = await makeUser('Chan Tai Man');
	await occupy(unit.id, { userId: resident.id });
	const staff: Partial<Record<StaffRole, Awaited<ReturnType<typeof makeStaff>>>> = {};
	for (const role of roles) staff[role] = await makeStaff(`${role} ${name}`, [role], [place.estate.id]);
	const technician = await makeStaff(`Technician ${name}`, ['engineering'], [place.estate.id]);
	await db().update(users).set({ phone: '+852 9123 4567' }).where(eq(users.id, technician.id));
	return { ...place, unit, resident, staff, technician };
}

export type CallbackEstate = Awaited<ReturnType<typeof makeCallbackEstate>>;

export interface OrderFacts {
	kindId: string;
	state?: (typeof repairOrders.$inferInsert)['state'];
	createdAt?: Date;
	responseDueAt?: Date;
	completionDueAt?: Date;
	firstResponseAt?: Date | null;
	workDoneAt?: Date | null;
	signedOffAt?: Date | null;
	reopenCount?: number;
	technicianId?: string | null;
	requesterId?: string | null;
}

export async function makeOrder(place: Pick<CallbackEstate, 'estate' | 'unit'>, facts: OrderFacts, executor: Executor = db()) {
	const createdAt = facts.createdAt ?? new Date();
	const [order] = await executor
		.insert(repairOrders)
		.values({
			estateId: place.estate.id,
			unitId: place.unit.id,
			kindId: facts.kindId,
			state: facts.state ?? 'received',
			channel: 'phone',
			location: 'unit',
			description: 'The kitchen tap drips.',
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9876 5432',
			requesterId: facts.requesterId ?? null,
			technicianId: facts.technicianId ?? null,
			responseDueAt: facts.responseDueAt ?? new Date(createdAt.getTime() + HOUR),
			completionDueAt: facts.completionDueAt ?? new Date(createdAt.getTime() + DAY),
			firstResponseAt: facts.firstResponseAt ?? null,
			workDoneAt: facts.workDoneAt ?? null,
			signedOffAt: facts.signedOffAt ?? null,
			reopenCount: facts.reopenCount ?? 0,
			createdAt,
			updatedAt: createdAt
		})
		.returning();
	return order!;
}

/** A signed-off order and its callback, as signOffRepair would leave them. */
export async function completedRepair(place: CallbackEstate, kindId: string, completedAt: Date, extra: Partial<OrderFacts> = {}) {
	const order = await makeOrder(place, {
		kindId,
		state: 'done',
		createdAt: new Date(completedAt.getTime() - DAY),
		firstResponseAt: new Date(completedAt.getTime() - DAY + HOUR / 2),
		workDoneAt: new Date(completedAt.getTime() - HOUR),
		signedOffAt: completedAt,
		technicianId: place.technician.id,
		requesterId: place.resident.id,
		...extra
	});
	const callback = await db().transaction((tx) => createRepairCallback(tx, order, completedAt));
	return { order, callback };
}

export { actorFor };

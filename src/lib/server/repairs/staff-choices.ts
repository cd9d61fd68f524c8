import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import type { Permission } from '../auth/permissions.ts';
import { db, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { buildings, estates, repairTeamMembers, repairTeams, units, users } from '../db/schema/index.ts';
import { listOpenSlots } from '../appointments/slots.ts';
import { listRepairKinds, repairKindName } from '../dictionaries/repair-kinds.ts';
import { listPaidServiceItems } from '../dictionaries/service-items.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { money } from '#lib/money/index.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { buildingChoices, type BuildingChoice } from '../property/building-choices.ts';
import { actorEstates } from '../property/estates.ts';
import type { Booking } from '../appointments/bookings.ts';
import type { RepairAction } from './machine.ts';
import { staffInEstate, type StaffChoice } from './people.ts';
import type { RepairOrder } from './access.ts';
import { unitNumberIs } from '../property/unit-number.ts';

/**
 * The small lists the staff repair pages offer to choose from: technicians, desk colleagues,
 * teams, open appointment slots, estates, buildings, occupants. Each is scoped to an estate the
 * caller has already shown the actor may act in (repairDetail, or repairs.intake in the estate).
 */

export interface SlotChoice {
	id: string;
	startsAt: Date;
	endsAt: Date;
	/** Places left (the order's own booking counts as available to it). */
	placesLeft: number;
	/** The order's current appointment. */
	booked: boolean;
}

export interface TeamChoice {
	id: string;
	name: string;
	memberCount: number;
}

/** Technicians who may be given an order of the estate (assignRepair checks the same role). */
function technicianChoices(executor: Executor, estateId: string): Promise<StaffChoice[]> {
	return staffInEstate(executor, estateId, ['engineering']);
}

/** Active teams of the estate, with how many members each has. */
export async function teamChoices(executor: Executor, estateId: string): Promise<TeamChoice[]> {
	return executor
		.select({
			id: repairTeams.id,
			name: repairTeams.name,
			memberCount: sql<number>`(select count(*)::int from ${repairTeamMembers} where ${repairTeamMembers.teamId} = ${repairTeams.id})`
		})
		.from(repairTeams)
		.where(and(eq(repairTeams.estateId, estateId), eq(repairTeams.active, true)))
		.orderBy(asc(repairTeams.name), asc(repairTeams.id));
}

/** Desk colleagues a request may be handed over to (handOverRepair checks the same roles). */
async function deskColleagues(executor: Executor, estateId: string, exceptUserId: string | null): Promise<StaffChoice[]> {
	const people = await staffInEstate(executor, estateId, ['customer_service', 'manager']);
	return people.filter((p) => p.id !== exceptUserId);
}

const SLOT_DAYS = 21;

/**
 * Open slots of the estate for the order's kind over the next three weeks, with the order's own
 * booking (even when its slot is now full) so that "confirm the resident's slot" can pick it.
 */
export async function slotChoices(
	executor: Executor,
	order: { estateId: string; kindCode: string },
	booking: Pick<Booking, 'slotId' | 'startsAt' | 'endsAt'> | null,
	now = new Date()
): Promise<SlotChoice[]> {
	const open = await listOpenSlots(executor, {
		estateId: order.estateId,
		kindCode: order.kindCode,
		now,
		to: new Date(now.getTime() + SLOT_DAYS * 86_400_000)
	});
	const choices: SlotChoice[] = open.map((slot) => ({
		id: slot.id,
		startsAt: slot.startsAt,
		endsAt: slot.endsAt,
		placesLeft: slot.capacity - slot.bookedCount,
		booked: slot.id === booking?.slotId
	}));
	if (booking && booking.startsAt > now && !choices.some((c) => c.booked)) {
		choices.push({ id: booking.slotId, startsAt: booking.startsAt, endsAt: booking.endsAt, placesLeft: 0, booked: true });
		choices.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
	}
	return choices;
}

export interface PaidItemChoice {
	id: string;
	label: string;
	price: string;
}

/** The active paid-service list (有償服務項目) in the reader's language, with prices. */
async function paidItemChoices(executor: Executor, locale: string): Promise<PaidItemChoice[]> {
	const items = await listPaidServiceItems(executor, { activeOnly: true });
	return items.map((item) => ({
		id: item.id,
		label: localizedName(item, locale),
		price: money(item.unitPriceMinor, item.currency, locale)
	}));
}

interface OrderForChoices {
	order: Pick<RepairOrder, 'estateId' | 'ownerId'>;
	kind: { code: string };
	actions: readonly RepairAction[];
	booking: Booking | null;
}

export interface OrderChoices {
	technicians: StaffChoice[];
	teams: TeamChoice[];
	colleagues: StaffChoice[];
	slots: SlotChoice[];
	paidItems: PaidItemChoice[];
}

/** Only the lists the order page will show for the actions open to this actor. */
export async function orderChoices(detail: OrderForChoices, locale: string, executor: Executor = db()): Promise<OrderChoices> {
	const { order, actions } = detail;
	const assigning = actions.includes('assign') || actions.includes('reassign');
	const slotting = ['schedule', 'miss', 'reschedule', 'choose_time'].some((action) => actions.includes(action as RepairAction));
	const [technicians, teams, colleagues, slots, paidItems] = await Promise.all([
		assigning ? technicianChoices(executor, order.estateId) : [],
		assigning ? teamChoices(executor, order.estateId) : [],
		actions.includes('hand_over') ? deskColleagues(executor, order.estateId, order.ownerId) : [],
		slotting ? slotChoices(executor, { estateId: order.estateId, kindCode: detail.kind.code }, detail.booking) : [],
		actions.includes('quote') ? paidItemChoices(executor, locale) : []
	]);
	return { technicians, teams, colleagues, slots, paidItems };
}

/** The queue's filter lists: the actor's estates and every repair kind (retired ones too: old orders have them). */
export async function queueChoices(actor: Actor, locale: string, executor: Executor = db()) {
	requireStaff(actor, 'repairs.read');
	const [estateRows, kinds] = await Promise.all([actorEstates(actor, executor), listRepairKinds(executor)]);
	return {
		estates: estateRows,
		kinds: kinds.map((k) => ({ id: k.id, label: repairKindName(k, locale), active: k.active }))
	};
}

/** Buildings of the actor's estates, for the "which unit" step of a desk request (a repair's, or a complaint's). */
export async function intakeBuildings(
	actor: Actor,
	executor: Executor = db(),
	permission: Permission = 'repairs.intake'
): Promise<BuildingChoice[]> {
	requireStaff(actor, permission);
	return buildingChoices(actor, executor);
}

export interface IntakeUnit {
	id: string;
	number: string;
	estateId: string;
	estateName: string;
	/** The estate's zone: slot times are shown in it. */
	timeZone: string;
	buildingName: string;
	/** Current occupants with an account, who may be named as the requester. */
	occupants: { id: string; name: string; phone: string; role: 'owner' | 'renter' }[];
}

/**
 * The unit with this number in a building of the actor's estates (numbers are matched without
 * regard to case or spaces: "12a" finds 12A), or null.
 */
export async function findIntakeUnit(
	actor: Actor,
	buildingId: string,
	number: string,
	executor: Executor = db(),
	permission: Permission = 'repairs.intake'
): Promise<IntakeUnit | null> {
	requireStaff(actor, permission);
	const numberIs = unitNumberIs(number);
	if (!isUuid(buildingId) || !numberIs) return null;
	const [unit] = await executor
		.select({
			id: units.id,
			number: units.number,
			estateId: units.estateId,
			estateName: estates.name,
			timeZone: estates.timeZone,
			buildingName: buildings.name
		})
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(and(eq(units.buildingId, buildingId), numberIs, inActorEstates(actor, units.estateId)))
		.limit(1);
	if (!unit) return null;
	return { ...unit, occupants: await unitOccupants(executor, unit.id) };
}

/** The unit's occupants today who have an account, by name (a company's occupancy names nobody in person). */
async function unitOccupants(executor: Executor, unitId: string): Promise<IntakeUnit['occupants']> {
	const held = (await currentOccupancies(executor, [unitId])).filter((o) => o.userId !== null);
	if (held.length === 0) return [];
	const people = await executor
		.select({ id: users.id, name: users.name, phone: users.phone })
		.from(users)
		.where(
			and(
				inArray(
					users.id,
					held.map((o) => o.userId!)
				),
				eq(users.disabled, false)
			)
		);
	return people
		.map((person) => ({ ...person, role: held.find((o) => o.userId === person.id)!.role }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The name of the order's team, for the order page. */
export async function teamName(executor: Executor, teamId: string | null): Promise<string | null> {
	if (!teamId) return null;
	const [team] = await executor.select({ name: repairTeams.name }).from(repairTeams).where(eq(repairTeams.id, teamId));
	return team?.name ?? null;
}

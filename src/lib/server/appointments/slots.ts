import { error } from '@sveltejs/kit';
import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { appointmentSlots, estates } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { type AuditContext } from '../property/access.ts';
import { inActorEstates, requireEstate, requireStaff } from '../auth/guards.ts';
import { m } from '#lib/paraglide/messages.js';
import { dayBounds, localDate, parseClock, type BusinessDate } from '#lib/time/index.ts';
import { slotPlanSchema, type SlotPlanInput } from '#lib/schemas/appointments.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { planSlots } from './slot-times.ts';

export interface Slot {
	id: string;
	estateId: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
	bookedCount: number;
	repairKindCodes: string[];
	note: string;
}

const slotColumns = {
	id: appointmentSlots.id,
	estateId: appointmentSlots.estateId,
	startsAt: appointmentSlots.startsAt,
	endsAt: appointmentSlots.endsAt,
	capacity: appointmentSlots.capacity,
	bookedCount: appointmentSlots.bookedCount,
	repairKindCodes: appointmentSlots.repairKindCodes,
	note: appointmentSlots.note
};

/** Offered for this repair kind: the slot names it, or names no kind at all. */
export function slotOffersKind(kindCode: string) {
	return sql`(cardinality(${appointmentSlots.repairKindCodes}) = 0 or ${kindCode}::text = any(${appointmentSlots.repairKindCodes}))`;
}

export interface EstateChoice {
	id: string;
	code: string;
	name: string;
	/** Slots are planned and shown in the estate's own zone. */
	timeZone: string;
}

/** The estates whose slots the actor manages. */
export async function appointmentEstates(actor: Actor, executor: Executor = db()): Promise<EstateChoice[]> {
	requireStaff(actor, 'appointments.manage');
	return executor
		.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(asc(estates.code));
}

/**
 * Generates back-to-back slots over one or more days in the estate's local time. Slots that
 * would already have started are skipped; overlapping existing slots refuses the whole request
 * (so submitting the same form twice does not double the capacity).
 */
export async function createSlots(
	actor: Actor,
	input: SlotPlanInput,
	context: AuditContext = {},
	now: Date = new Date()
): Promise<{ ids: string[] }> {
	requireStaff(actor, 'appointments.manage');
	const data = parseInput(slotPlanSchema, input);
	requireEstate(actor, data.estateId);
	return db().transaction(async (tx) => {
		// Locking the estate row serialises slot planning per estate, so two people submitting at
		// once cannot both pass the overlap check.
		const [estate] = await tx
			.select({ id: estates.id, timeZone: estates.timeZone })
			.from(estates)
			.where(eq(estates.id, data.estateId))
			.for('update');
		if (!estate) error(404, 'Not found');
		const { timeZone } = estate;
		const planned = planSlots(
			{ date: data.date, days: data.days, from: parseClock(data.from)!, to: parseClock(data.to)!, lengthMinutes: data.lengthMinutes },
			timeZone
		).filter((s) => s.startsAt > now);
		if (planned.length === 0) throw new InputError('date', m.appointments_times_passed());
		const first = planned[0]!.startsAt;
		const last = planned[planned.length - 1]!.endsAt;
		const existing = await tx
			.select({ startsAt: appointmentSlots.startsAt, endsAt: appointmentSlots.endsAt })
			.from(appointmentSlots)
			.where(and(eq(appointmentSlots.estateId, estate.id), lt(appointmentSlots.startsAt, last), gt(appointmentSlots.endsAt, first)));
		const clash = planned.find((p) => existing.some((e) => e.startsAt < p.endsAt && e.endsAt > p.startsAt));
		if (clash) {
			throw new InputError('from', m.appointments_slots_overlap({ date: localDate(clash.startsAt, timeZone) }));
		}
		const rows = await tx
			.insert(appointmentSlots)
			.values(
				planned.map((p) => ({
					estateId: estate.id,
					startsAt: p.startsAt,
					endsAt: p.endsAt,
					capacity: data.capacity,
					repairKindCodes: data.kinds,
					note: data.note,
					createdBy: actor.userId
				}))
			)
			.returning({ id: appointmentSlots.id });
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'appointments.slots.create',
			subjectType: 'estate',
			subjectId: estate.id,
			detail: { ...data, count: rows.length }
		});
		return { ids: rows.map((r) => r.id) };
	});
}

export interface OpenSlotQuery {
	estateId: string;
	/** Only slots offered for this repair kind (or for any kind); omit to ignore kinds. */
	kindCode?: string | null;
	/** Slots starting in [from, to). */
	from?: Date;
	to?: Date;
	now?: Date;
}

/**
 * Slots a resident may pick: in the future, with a place left, offered for the kind. The caller
 * has already checked that the actor may file repairs in this estate.
 */
export async function listOpenSlots(executor: Executor, query: OpenSlotQuery): Promise<Slot[]> {
	if (!isUuid(query.estateId)) return [];
	const now = query.now ?? new Date();
	return executor
		.select(slotColumns)
		.from(appointmentSlots)
		.where(
			and(
				eq(appointmentSlots.estateId, query.estateId),
				gt(appointmentSlots.startsAt, now),
				query.from ? gte(appointmentSlots.startsAt, query.from) : undefined,
				query.to ? lt(appointmentSlots.startsAt, query.to) : undefined,
				lt(appointmentSlots.bookedCount, appointmentSlots.capacity),
				query.kindCode ? slotOffersKind(query.kindCode) : undefined
			)
		)
		.orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.id))
		.limit(500);
}

/** Every slot of one local day in an estate (its own zone), for the staff planner; 404 outside the actor's estates. */
export async function listDaySlots(
	actor: Actor,
	query: { estateId: string; date: BusinessDate },
	executor: Executor = db()
): Promise<Slot[]> {
	requireStaff(actor, 'appointments.manage');
	if (!isUuid(query.estateId)) error(404, 'Not found');
	requireEstate(actor, query.estateId);
	const [estate] = await executor.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, query.estateId));
	if (!estate) error(404, 'Not found');
	const day = dayBounds(query.date, estate.timeZone);
	return executor
		.select(slotColumns)
		.from(appointmentSlots)
		.where(
			and(eq(appointmentSlots.estateId, query.estateId), gte(appointmentSlots.startsAt, day.from), lt(appointmentSlots.startsAt, day.to))
		)
		.orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.id));
}

/**
 * Deletes a future slot nobody ever booked. One statement decides, so a booking arriving at the
 * same moment either lands first (and the delete is refused) or finds the slot gone.
 */
export async function deleteSlot(actor: Actor, slotId: string, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'appointments.manage');
	if (!isUuid(slotId)) error(404, 'Not found');
	await db().transaction(async (tx) => {
		const [slot] = await tx.select(slotColumns).from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
		requireEstate(actor, slot?.estateId);
		const deleted = await tx
			.delete(appointmentSlots)
			.where(
				and(
					eq(appointmentSlots.id, slotId),
					eq(appointmentSlots.bookedCount, 0),
					sql`${appointmentSlots.startsAt} > now()`,
					// Spelled out: drizzle leaves a one-table query's columns unqualified, and a bare "id"
					// inside the subquery would mean the booking's own id.
					sql`not exists (select 1 from appointment_bookings b where b.slot_id = appointment_slots.id)`
				)
			)
			.returning({ id: appointmentSlots.id });
		if (deleted.length === 0) throw new InputError('', m.appointments_delete_refused());
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'appointments.slot.delete',
			subjectType: 'appointment_slot',
			subjectId: slotId,
			detail: { estateId: slot.estateId, startsAt: slot.startsAt.toISOString(), capacity: slot.capacity }
		});
	});
}

import { error } from '@sveltejs/kit';
import { and, eq, isNull, or, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { deskRequestSchema, repairRequestSchema, type DeskRequestInput, type RepairRequestInput } from '#lib/schemas/repairs.ts';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import { db, type Tx } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { occupancies, repairOrders, units } from '../db/schema/index.ts';
import { findRepairKind, type RepairKind } from '../dictionaries/repair-kinds.ts';
import { acceptPhotos, type AcceptedPhoto } from '../files/photos.ts';
import { FileInputError } from '../files/errors.ts';
import { storePhoto } from '../files/service.ts';
import { bookSlot } from '../appointments/bookings.ts';
import { AppointmentInputError } from '../appointments/errors.ts';
import { recordEvent } from '../events/service.ts';
import { requireMyUnit } from '../residents/units.ts';
import { RepairInputError } from './errors.ts';
import { slaDeadlines, scheduleSlaChecks } from './sla.ts';
import { staffInEstate } from './people.ts';
import { tellAboutRepair, repairReference } from './notices.ts';

/** Services re-validate what routes checked; the first problem becomes a field message. */
export function parseRepairInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new RepairInputError(String(issue?.path[0] ?? ''), issue?.message ?? 'Invalid input');
}

/** Photos are checked (and re-encoded) before any transaction opens: slow work, no locks held. */
export async function checkPhotos(photos: readonly File[], field = 'photos'): Promise<AcceptedPhoto[]> {
	try {
		return await acceptPhotos(photos);
	} catch (err) {
		if (err instanceof FileInputError) throw new RepairInputError(field, err.message);
		throw err;
	}
}

async function activeKind(kindId: string): Promise<RepairKind> {
	const kind = isUuid(kindId) ? await findRepairKind(db(), kindId) : null;
	if (!kind || !kind.active) throw new RepairInputError('kindId', m.repairs_kind_required());
	return kind;
}

interface NewOrder {
	estateId: string;
	unitId: string;
	kind: RepairKind;
	input: RepairRequestInput;
	channel: 'portal' | 'phone' | 'counter';
	requesterId: string | null;
	/** The desk member who took it by phone or at the counter: first receiver from the start. */
	receiver: Actor | null;
	photos: AcceptedPhoto[];
	now: Date;
}

async function createOrder(tx: Tx, actor: Actor, order: NewOrder) {
	const deadlines = await slaDeadlines(tx, order.estateId, order.kind, order.now);
	const { input } = order;
	const [row] = await tx
		.insert(repairOrders)
		.values({
			estateId: order.estateId,
			unitId: order.unitId,
			kindId: order.kind.id,
			channel: order.channel,
			location: input.location,
			locationDetail: input.locationDetail,
			description: input.description,
			contactName: input.contactName,
			contactPhone: input.contactPhone,
			enterWhenAbsent: input.enterWhenAbsent,
			accessNotes: input.accessNotes,
			callToArrange: input.appointment === 'call',
			requesterId: order.requesterId,
			createdBy: actor.userId,
			ownerId: order.receiver?.userId ?? null,
			firstResponseAt: order.receiver ? order.now : null,
			...deadlines,
			createdAt: order.now,
			updatedAt: order.now
		})
		.returning();
	const repair = row!;
	let appointment: { startsAt: Date; endsAt: Date } | null = null;
	if (input.appointment === 'slot') {
		try {
			appointment = await bookSlot(tx, {
				slotId: input.slotId,
				subject: { type: 'repair', id: repair.id },
				actor,
				estateId: order.estateId,
				kindCode: order.kind.code
			});
		} catch (err) {
			if (err instanceof AppointmentInputError) throw new RepairInputError('slotId', err.message);
			throw err;
		}
	}
	const photoIds: string[] = [];
	for (const photo of order.photos) photoIds.push((await storePhoto(tx, actor, photo, { type: 'repair', id: repair.id })).id);
	await recordEvent(tx, {
		actor,
		subjectType: 'repair',
		subjectId: repair.id,
		kind: 'filed',
		to: 'received',
		data: { channel: order.channel, photoIds, appointment: appointment ? appointment.startsAt.toISOString() : null }
	});
	await scheduleSlaChecks(tx, repair);
	const desk = await staffInEstate(tx, order.estateId, ['customer_service']);
	await tellAboutRepair(tx, repair, 'new_request', {
		userIds: desk.map((s) => s.id).filter((id) => id !== actor.userId),
		audience: 'staff'
	});
	await tellAboutRepair(tx, repair, 'received', { userIds: [order.requesterId], audience: 'resident' });
	return repair;
}

export interface FiledRepair {
	id: string;
	reference: string;
}

/**
 * A resident files a repair for one of the units it holds today. Nothing is saved unless every
 * part is right: the unit, the kind, each photo and the appointment place.
 */
export async function fileRepair(
	actor: Actor,
	raw: RepairRequestInput,
	photos: readonly File[],
	{ now = new Date() }: { now?: Date } = {}
): Promise<FiledRepair> {
	if (actor.kind !== 'resident') error(403, 'Forbidden');
	const input = parseRepairInput(repairRequestSchema, raw);
	const unit = await requireMyUnit(actor, input.unitId).catch(() => {
		throw new RepairInputError('unitId', m.repairs_unit_not_yours());
	});
	const [{ estateId } = { estateId: '' }] = await db().select({ estateId: units.estateId }).from(units).where(eq(units.id, unit.id));
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const repair = await db().transaction((tx) =>
		createOrder(tx, actor, { estateId, unitId: unit.id, kind, input, channel: 'portal', requesterId: actor.userId, receiver: null, photos: accepted, now })
	);
	return { id: repair.id, reference: repairReference(repair) };
}

/**
 * The desk enters a request taken by phone or at the counter; the person entering it is its
 * first receiver (首問). The requester, when named, must be a current occupant of the unit.
 */
export async function enterRepair(
	actor: Actor,
	raw: DeskRequestInput,
	photos: readonly File[],
	{ now = new Date() }: { now?: Date } = {}
): Promise<FiledRepair> {
	if (actor.kind !== 'staff' || !can(actor, 'repairs.intake')) error(403, 'Forbidden');
	const input = parseRepairInput(deskRequestSchema, raw);
	const [unit] = await db().select({ id: units.id, estateId: units.estateId }).from(units).where(eq(units.id, input.unitId));
	if (!unit || !canSeeEstate(actor, unit.estateId)) throw new RepairInputError('unitId', m.repairs_unit_unknown());
	let requesterId: string | null = null;
	if (input.requesterId !== '') {
		const [occupant] = isUuid(input.requesterId)
			? await db()
					.select({ userId: occupancies.userId })
					.from(occupancies)
					.where(
						and(
							eq(occupancies.unitId, unit.id),
							eq(occupancies.userId, input.requesterId),
							or(isNull(occupancies.endsOn), gte(occupancies.endsOn, sql`current_date`))
						)
					)
			: [];
		if (!occupant) throw new RepairInputError('requesterId', m.repairs_requester_not_occupant());
		requesterId = input.requesterId;
	}
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const repair = await db().transaction((tx) =>
		createOrder(tx, actor, { estateId: unit.estateId, unitId: unit.id, kind, input, channel: input.channel, requesterId, receiver: actor, photos: accepted, now })
	);
	return { id: repair.id, reference: repairReference(repair) };
}

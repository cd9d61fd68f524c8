import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { deskRequestSchema, repairRequestSchema, type DeskRequestInput, type RepairRequestInput } from '#lib/schemas/repairs.ts';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireResident, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { repairOrders, units } from '../db/schema/index.ts';
import { findRepairKind, type RepairKind } from '../dictionaries/repair-kinds.ts';
import { type AcceptedPhoto } from '../files/photos.ts';
import { storePhoto } from '../files/service.ts';
import { bookSlot } from '../appointments/bookings.ts';
import { recordEvent } from '../events/service.ts';
import { actingOccupancy, actorOccupancies, currentOccupancies, type Occupancy } from '../property/occupancy.ts';
import { checkPhotos } from './photos.ts';
import { slaDeadlines, scheduleSlaChecks } from './sla.ts';
import { staffInEstate } from './people.ts';
import { tellAboutRepair, repairReference } from './notices.ts';
import { fileInArchive } from '../archive/file.ts';

async function activeKind(kindId: string, executor: Executor = db()): Promise<RepairKind> {
	const kind = isUuid(kindId) ? await findRepairKind(executor, kindId) : null;
	if (!kind || !kind.active) throw new InputError('kindId', m.repairs_kind_required());
	return kind;
}

interface NewOrder {
	estateId: string;
	unitId: string;
	/** The party the case belongs to (privacy inside a unit); null when filed for nobody in the unit. */
	occupancyId: string | null;
	kind: RepairKind;
	input: RepairRequestInput;
	channel: 'portal' | 'phone' | 'counter' | 'widget';
	requesterId: string | null;
	/** False for a public visitor's request until the desk matches its sender to the unit. */
	verified?: boolean;
	/** The desk member who took it by phone or at the counter: first receiver from the start. */
	receiver: Actor | null;
	/** Stores (or moves) the order's photos once it exists; their file ids. */
	attachPhotos: (tx: Tx, repairId: string) => Promise<string[]>;
	now: Date;
	/** The move-in whose joint inspection found the defect: its entry goes in the occupancy that move starts. */
	moveId?: string | null;
}

/** Photos checked before the transaction, stored for the new order by whoever sent them. */
const storePhotos =
	(actor: Actor | null, photos: readonly AcceptedPhoto[]) =>
	async (tx: Tx, repairId: string): Promise<string[]> => {
		const ids: string[] = [];
		for (const photo of photos) ids.push((await storePhoto(tx, actor, photo, { type: 'repair', id: repairId })).id);
		return ids;
	};

async function createOrder(tx: Tx, actor: Actor | null, order: NewOrder) {
	const deadlines = await slaDeadlines(tx, order.estateId, order.kind, order.now);
	const { input } = order;
	const [row] = await tx
		.insert(repairOrders)
		.values({
			estateId: order.estateId,
			unitId: order.unitId,
			occupancyId: order.occupancyId,
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
			verified: order.verified ?? true,
			createdBy: actor?.userId ?? null,
			ownerId: order.receiver?.userId ?? null,
			firstResponseAt: order.receiver ? order.now : null,
			...deadlines,
			createdAt: order.now,
			updatedAt: order.now
		})
		.returning();
	const repair = row!;
	const appointment =
		input.appointment === 'slot' && actor
			? await bookSlot(tx, {
					slotId: input.slotId,
					subject: { type: 'repair', id: repair.id },
					actor,
					estateId: order.estateId,
					kindCode: order.kind.code
				})
			: null;
	const photoIds = await order.attachPhotos(tx, repair.id);
	await recordEvent(tx, {
		actor,
		subjectType: 'repair',
		subjectId: repair.id,
		kind: 'filed',
		to: 'received',
		data: { channel: order.channel, photoIds, appointment: appointment ? appointment.startsAt.toISOString() : null }
	});
	await scheduleSlaChecks(tx, repair);
	await fileInArchive(tx, {
		unitId: repair.unitId,
		occupancyId: repair.occupancyId,
		moveId: order.moveId ?? null,
		kind: 'repair',
		sourceType: 'repair',
		sourceId: repair.id,
		summary: { reference: repairReference(repair) },
		actor
	});
	const desk = await staffInEstate(tx, order.estateId, ['customer_service']);
	await tellAboutRepair(tx, repair, 'new_request', {
		userIds: desk.map((s) => s.id).filter((id) => id !== actor?.userId),
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
 * A resident files a repair for a unit it holds today; the case belongs to that occupancy (the
 * company's, for a member filing for its company). Nothing is saved unless every part is right:
 * the unit, the kind, each photo and the appointment place.
 */
export async function fileRepair(
	actor: Actor,
	raw: RepairRequestInput,
	photos: readonly File[],
	{ now = new Date() }: { now?: Date } = {}
): Promise<FiledRepair> {
	requireResident(actor);
	const input = parseInput(repairRequestSchema, raw);
	const held = (await actorOccupancies(db(), actor, now)).filter((o) => o.unitId === input.unitId);
	const occupancy = actingOccupancy(held);
	if (!occupancy) throw new InputError('unitId', m.repairs_unit_not_yours());
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const repair = await db().transaction((tx) =>
		createOrder(tx, actor, {
			estateId: occupancy.estateId,
			unitId: occupancy.unitId,
			occupancyId: occupancy.id,
			kind,
			input,
			channel: 'portal',
			requesterId: actor.userId,
			receiver: null,
			attachPhotos: storePhotos(actor, accepted),
			now
		})
	);
	return { id: repair.id, reference: repairReference(repair) };
}

/**
 * The desk enters a request taken by phone or at the counter; the person entering it is its
 * first receiver (首問). The requester, when named, must be a current occupant of the unit, and
 * the case belongs to that occupancy; without one it belongs to no party (staff only).
 */
export async function enterRepair(
	actor: Actor,
	raw: DeskRequestInput,
	photos: readonly File[],
	{ now = new Date(), moveId = null }: { now?: Date; moveId?: string | null } = {}
): Promise<FiledRepair> {
	requireStaff(actor, 'repairs.intake');
	const input = parseInput(deskRequestSchema, raw);
	const [unit] = isUuid(input.unitId)
		? await db().select({ id: units.id, estateId: units.estateId }).from(units).where(eq(units.id, input.unitId))
		: [];
	if (!unit || !canSeeEstate(actor, unit.estateId)) throw new InputError('unitId', m.repairs_unit_unknown());
	let occupancy: Occupancy | undefined;
	if (input.requesterId !== '') {
		occupancy = (await currentOccupancies(db(), [unit.id], now)).find((o) => o.userId === input.requesterId);
		if (!occupancy) throw new InputError('requesterId', m.repairs_requester_not_occupant());
	}
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const repair = await db().transaction((tx) =>
		createOrder(tx, actor, {
			estateId: unit.estateId,
			unitId: unit.id,
			occupancyId: occupancy?.id ?? null,
			kind,
			input,
			channel: input.channel,
			requesterId: occupancy?.userId ?? null,
			receiver: actor,
			attachPhotos: storePhotos(actor, accepted),
			now,
			moveId
		})
	);
	return { id: repair.id, reference: repairReference(repair) };
}

/** A public visitor's repair request from the widget, as confirmed by its code (widget/requests.ts). */
export interface PublicRepair {
	estateId: string;
	/** The unit the visitor named; the order belongs to nobody in it until the desk matches the sender. */
	unitId: string;
	kindId: string;
	description: string;
	name: string;
	phone: string;
	attachPhotos: (tx: Tx, repairId: string) => Promise<string[]>;
	now: Date;
}

/**
 * Writes a widget repair request, unverified, to be called back to arrange a visit: the desk
 * matches the sender to the unit's occupancy before anyone goes. Runs in the caller's transaction.
 */
export async function createPublicRepair(tx: Tx, p: PublicRepair): Promise<FiledRepair> {
	const kind = await activeKind(p.kindId, tx);
	const repair = await createOrder(tx, null, {
		estateId: p.estateId,
		unitId: p.unitId,
		occupancyId: null,
		kind,
		input: {
			unitId: p.unitId,
			kindId: kind.id,
			location: 'unit',
			locationDetail: '',
			description: p.description,
			contactName: p.name,
			contactPhone: p.phone,
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'call',
			slotId: ''
		},
		channel: 'widget',
		requesterId: null,
		verified: false,
		receiver: null,
		attachPhotos: p.attachPhotos,
		now: p.now
	});
	return { id: repair.id, reference: repairReference(repair) };
}

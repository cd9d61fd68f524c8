import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { complaintSchema, deskComplaintSchema, type ComplaintInput, type DeskComplaintInput } from '#lib/schemas/complaints.ts';
import { numericDateTime, parseLocalDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, requireResident, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { complaints, estates, units } from '../db/schema/index.ts';
import { activeComplaintKind, type ComplaintKind } from '../dictionaries/complaint-kinds.ts';
import { recordEvent } from '../events/service.ts';
import type { AcceptedPhoto } from '../files/photos.ts';
import { storePhoto } from '../files/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { actingOccupancy, actorOccupancies, currentOccupancies, type Occupancy } from '../property/occupancy.ts';
import { staffInEstate } from '../repairs/people.ts';
import { checkPhotos } from '../repairs/photos.ts';
import type { Complaint } from './access.ts';
import { scheduleDeadlineCheck } from './deadlines.ts';
import { complaintReference, tellComplainant, tellStaff } from './notices.ts';
import { fileInArchive } from '../archive/file.ts';

async function activeKind(kindId: string, executor: Executor = db()): Promise<ComplaintKind> {
	const kind = await activeComplaintKind(executor, kindId);
	if (!kind) throw new InputError('kindId', m.complaints_kind_required());
	return kind;
}

interface NewComplaint {
	estateId: string;
	unitId: string | null;
	buildingId?: string | null;
	occupancyId: string | null;
	input: Omit<ComplaintInput, 'unitId'> & { email?: string };
	kind: ComplaintKind;
	channel: 'portal' | 'widget' | 'phone' | 'counter';
	severity: 'normal' | 'serious';
	requesterId: string | null;
	/** False for a public visitor's complaint until the desk matches it to a unit. */
	verified?: boolean;
	/** The desk member who took it by phone or at the counter owns it from the start (首問), with the reply promised. */
	receiver: { actor: Actor; promisedReplyBy: Date } | null;
	/** Stores (or moves) the complaint's photos once it exists; their file ids. */
	attachPhotos: (tx: Tx, complaintId: string) => Promise<string[]>;
	now: Date;
}

/** Photos checked before the transaction, stored for the new complaint by whoever sent them. */
const storePhotos =
	(actor: Actor | null, photos: readonly AcceptedPhoto[]) =>
	async (tx: Tx, complaintId: string): Promise<string[]> => {
		const ids: string[] = [];
		for (const photo of photos) ids.push((await storePhoto(tx, actor, photo, { type: 'complaint', id: complaintId })).id);
		return ids;
	};

/** Writes a new complaint, its photos and its first event, and tells whoever must act on it. */
async function createComplaint(tx: Tx, actor: Actor | null, c: NewComplaint): Promise<Complaint> {
	const { input } = c;
	const [row] = await tx
		.insert(complaints)
		.values({
			estateId: c.estateId,
			unitId: c.unitId,
			buildingId: c.buildingId ?? null,
			verified: c.verified ?? true,
			locationDetail: input.location === 'common_area' ? input.locationDetail : '',
			kindId: c.kind.id,
			severity: c.severity,
			channel: c.channel,
			content: input.content,
			complainantName: input.complainantName,
			companyName: input.companyName,
			phone: input.phone,
			email: input.email ?? '',
			locale: getLocale(),
			requesterId: c.requesterId,
			occupancyId: c.occupancyId,
			createdBy: actor?.userId ?? null,
			ownerId: c.receiver?.actor.userId ?? null,
			promisedReplyBy: c.receiver?.promisedReplyBy ?? null,
			promiseSetAt: c.receiver ? c.now : null,
			createdAt: c.now,
			updatedAt: c.now
		})
		.returning();
	const complaint = row!;
	const photoIds = await c.attachPhotos(tx, complaint.id);
	await recordEvent(tx, {
		actor,
		subjectType: 'complaint',
		subjectId: complaint.id,
		kind: 'filed',
		to: 'received',
		data: {
			channel: c.channel,
			severity: c.severity,
			photoIds,
			promisedReplyBy: c.receiver?.promisedReplyBy.toISOString() ?? null
		}
	});
	if (c.receiver) await scheduleDeadlineCheck(tx, complaint.id, 'promise', c.receiver.promisedReplyBy);
	// A complaint about a unit is filed in its file; one about a common area belongs to no unit.
	if (complaint.unitId)
		await fileInArchive(tx, {
			unitId: complaint.unitId,
			occupancyId: complaint.occupancyId,
			kind: 'complaint',
			sourceType: 'complaint',
			sourceId: complaint.id,
			summary: { reference: complaintReference(complaint) },
			actor
		});
	const desk = (await staffInEstate(tx, c.estateId, ['customer_service'])).map((s) => s.id).filter((id) => id !== actor?.userId);
	await tellStaff(tx, complaint, 'new_complaint', desk);
	// Rule 4: a serious complaint goes to the manager at once, by every channel.
	if (c.severity === 'serious') {
		const managers = (await staffInEstate(tx, c.estateId, ['manager'])).map((s) => s.id).filter((id) => id !== actor?.userId);
		await tellStaff(tx, complaint, 'serious', managers, {}, ['inbox', 'email', 'sms']);
	}
	const [estate] = await tx.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, c.estateId));
	await tellComplainant(tx, complaint, c.receiver ? 'reply_promised' : 'received', {
		when: c.receiver ? numericDateTime(c.receiver.promisedReplyBy, estate!.timeZone) : ''
	});
	return complaint;
}

export interface FiledComplaint {
	id: string;
	reference: string;
}

/**
 * A resident files a complaint from a unit it holds today; it belongs to that occupancy (the
 * company's, for a member acting for it). Nothing is saved unless every part is right.
 */
export async function fileComplaint(
	actor: Actor,
	raw: ComplaintInput,
	photos: readonly File[],
	{ now = new Date() }: { now?: Date } = {}
): Promise<FiledComplaint> {
	requireResident(actor);
	const input = parseInput(complaintSchema, raw);
	const occupancy = actingOccupancy((await actorOccupancies(db(), actor, now)).filter((o) => o.unitId === input.unitId));
	if (!occupancy) throw new InputError('unitId', m.complaints_unit_not_yours());
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const complaint = await db().transaction((tx) =>
		createComplaint(tx, actor, {
			estateId: occupancy.estateId,
			unitId: occupancy.unitId,
			occupancyId: occupancy.id,
			input,
			kind,
			channel: 'portal',
			severity: 'normal',
			requesterId: actor.userId,
			receiver: null,
			attachPhotos: storePhotos(actor, accepted),
			now
		})
	);
	return { id: complaint.id, reference: complaintReference(complaint) };
}

/**
 * The desk enters a complaint taken by phone or at the counter; whoever enters it is its first
 * receiver (首問) and promises a reply time. The complainant, when named, must be a current
 * occupant of the unit (the complaint is then that occupancy's); otherwise it belongs to no party.
 */
export async function enterComplaint(
	actor: Actor,
	raw: DeskComplaintInput,
	photos: readonly File[],
	{ now = new Date() }: { now?: Date } = {}
): Promise<FiledComplaint> {
	requireStaff(actor, 'complaints.intake');
	const input = parseInput(deskComplaintSchema, raw);
	const [unit] = isUuid(input.unitId)
		? await db()
				.select({ id: units.id, estateId: units.estateId, timeZone: estates.timeZone })
				.from(units)
				.innerJoin(estates, eq(estates.id, units.estateId))
				.where(eq(units.id, input.unitId))
		: [];
	if (!unit || !canSeeEstate(actor, unit.estateId)) throw new InputError('unitId', m.complaints_unit_unknown());
	const promisedReplyBy = parseLocalDateTime(input.promisedReplyBy, unit.timeZone);
	if (!promisedReplyBy || promisedReplyBy <= now) throw new InputError('promisedReplyBy', m.complaints_promise_in_past());
	let occupancy: Occupancy | undefined;
	if (input.requesterId !== '') {
		occupancy = (await currentOccupancies(db(), [unit.id], now)).find((o) => o.userId === input.requesterId);
		if (!occupancy) throw new InputError('requesterId', m.complaints_requester_not_occupant());
	}
	const kind = await activeKind(input.kindId);
	const accepted = await checkPhotos(photos);
	const complaint = await db().transaction((tx) =>
		createComplaint(tx, actor, {
			estateId: unit.estateId,
			unitId: unit.id,
			occupancyId: occupancy?.id ?? null,
			input,
			kind,
			channel: input.channel,
			severity: input.severity,
			requesterId: occupancy?.userId ?? null,
			receiver: { actor, promisedReplyBy },
			attachPhotos: storePhotos(actor, accepted),
			now
		})
	);
	return { id: complaint.id, reference: complaintReference(complaint) };
}

/** A public visitor's complaint from the widget, as confirmed by its code (widget/requests.ts). */
export interface PublicComplaint {
	estateId: string;
	/** The unit the visitor named, if the registry has it; matched to its occupancy only by the desk. */
	unitId: string | null;
	buildingId: string;
	/** The room or place as the visitor typed it. */
	locationDetail: string;
	kindId: string;
	content: string;
	name: string;
	phone: string;
	email: string;
	attachPhotos: (tx: Tx, complaintId: string) => Promise<string[]>;
	now: Date;
}

/**
 * Writes a widget complaint, unverified: it belongs to nobody in the unit (no occupancy, no
 * account) until the desk matches its sender to a unit. Runs in the caller's transaction.
 */
export async function createPublicComplaint(tx: Tx, p: PublicComplaint): Promise<FiledComplaint> {
	const kind = await activeKind(p.kindId, tx);
	const complaint = await createComplaint(tx, null, {
		estateId: p.estateId,
		unitId: p.unitId,
		buildingId: p.buildingId,
		occupancyId: null,
		input: {
			kindId: kind.id,
			location: p.unitId ? 'unit' : 'common_area',
			locationDetail: p.locationDetail,
			content: p.content,
			complainantName: p.name,
			companyName: '',
			phone: p.phone,
			email: p.email
		},
		kind,
		channel: 'widget',
		severity: 'normal',
		requesterId: null,
		verified: false,
		receiver: null,
		attachPhotos: p.attachPhotos,
		now: p.now
	});
	return { id: complaint.id, reference: complaintReference(complaint) };
}

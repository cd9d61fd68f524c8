import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import { callbackFormSchema, reassignCallbackSchema, resolveRectificationSchema, type CallbackFormInput } from '#lib/schemas/callbacks.ts';
import { localDate, localMonth, monthBounds, numericDateTime } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { buildings, estates, rectificationNotices, repairCallbacks, repairKinds, repairOrders, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { storePhoto } from '../files/service.ts';
import { notify } from '../notify/notify.ts';
import { checkSignature } from '../repairs/photos.ts';
import { repairReference } from '../repairs/notices.ts';
import { staffInEstate } from '../repairs/people.ts';
import { callbackCapacities, callbackStaff, loadCallback, rectificationCapacities } from './access.ts';
import { callbackMachine, rectificationMachine } from './machine.ts';
import { nextCallbackRole, type CallbackRole } from './shares.ts';
import { fileInArchive } from '../archive/file.ts';

const HOUR_MS = 60 * 60 * 1000;
/** Rule 3: a problem found on a callback becomes a written notice to the technician within 24 h. */
export const RECTIFICATION_HOURS = 24;
export const CALLBACK_SIGNATURE_FILE_TYPE = 'callback-signature';

/**
 * Records a callback (回訪) once: only its assignee or the estate's director may, and only while it
 * is open. The repair's timeline gets a callback_done event; a problem found issues a
 * rectification notice (整改通知) to the repair's technician, due within 24 hours, who is told in
 * the app and by SMS.
 */
export async function completeCallback(
	actor: Actor,
	callbackId: string,
	raw: unknown,
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ noticeId: string | null }> {
	requireStaff(actor, 'callbacks.do');
	const input: CallbackFormInput = parseInput(callbackFormSchema, raw);
	// The pad's PNG is checked and re-encoded before any lock is taken.
	const drawn = input.signature ? await checkSignature(input.signature) : null;
	return db().transaction(async (tx) => {
		const { callback, timeZone } = await loadCallback(tx, actor, callbackId, { forUpdate: true });
		const next = callbackMachine.take(callback.state, 'complete', callbackCapacities(actor, callback), m.callbacks_already_done());
		const [order] = await tx.select().from(repairOrders).where(eq(repairOrders.id, callback.repairId));
		if (!order) error(404, 'Not found');
		const file = drawn ? await storePhoto(tx, actor, drawn, { type: CALLBACK_SIGNATURE_FILE_TYPE, id: callback.id }) : null;
		const problemFound = input.problemFound === 'yes';
		await tx
			.update(repairCallbacks)
			.set({
				state: next,
				doneAt: now,
				doneBy: actor.userId,
				workOk: input.workOk === 'yes',
				serviceRating: input.serviceRating,
				suggestions: input.suggestions,
				chargesOk: input.chargesOk === 'yes',
				residentSignedName: input.residentSignedName || null,
				signatureFileId: file?.id ?? null,
				problemFound,
				problemNote: problemFound ? input.problemNote : ''
			})
			.where(and(eq(repairCallbacks.id, callback.id), eq(repairCallbacks.state, 'open')));
		await recordEvent(tx, {
			actor,
			subjectType: 'repair',
			subjectId: order.id,
			kind: 'callback_done',
			note: input.suggestions,
			data: {
				callbackId: callback.id,
				workOk: input.workOk === 'yes',
				serviceRating: input.serviceRating,
				chargesOk: input.chargesOk === 'yes',
				problemFound,
				signedName: input.residentSignedName || null,
				signatureFileId: file?.id ?? null
			}
		});
		await fileInArchive(tx, {
			unitId: order.unitId,
			occupancyId: order.occupancyId,
			kind: 'callback',
			sourceType: 'repair',
			sourceId: order.id,
			summary: { reference: repairReference(order), callbackId: callback.id },
			fileId: file?.id ?? null,
			actor
		});
		if (!problemFound) return { noticeId: null };
		const noticeId = await issueRectification(tx, actor, { ...order, timeZone }, callback.id, input.problemNote, now);
		return { noticeId };
	});
}

/**
 * Issues a rectification notice (整改通知) on a repair, due in 24 hours: by whoever did the callback,
 * or — `actor` null — by the resident's own evaluation (evaluation.ts). The technician is told at once.
 */
export async function issueRectification(
	tx: Tx,
	actor: Actor | null,
	order: Pick<typeof repairOrders.$inferSelect, 'id' | 'seq' | 'estateId' | 'technicianId'> & { timeZone: string },
	callbackId: string,
	issue: string,
	now: Date
): Promise<string> {
	const dueAt = new Date(now.getTime() + RECTIFICATION_HOURS * HOUR_MS);
	const [notice] = await tx
		.insert(rectificationNotices)
		.values({
			repairId: order.id,
			callbackId,
			technicianId: order.technicianId,
			issue,
			dueAt,
			issuedBy: actor?.userId ?? null,
			createdAt: now
		})
		.returning({ id: rectificationNotices.id });
	await recordEvent(tx, {
		actor,
		subjectType: 'repair',
		subjectId: order.id,
		kind: 'rectification_issued',
		note: issue,
		data: { noticeId: notice!.id, callbackId, technicianId: order.technicianId, dueAt: dueAt.toISOString(), fromEvaluation: actor === null }
	});
	const reference = repairReference(order);
	const due = numericDateTime(dueAt, order.timeZone);
	// The technician is told at once, in the app and by SMS. An order without a technician (it
	// should not happen for a finished repair) goes to the estate's repair leads instead.
	const recipients = order.technicianId
		? [order.technicianId]
		: (await staffInEstate(tx, order.estateId, ['engineering_supervisor'])).map((s) => s.id);
	await notify(tx, {
		userIds: recipients,
		kind: 'rectification.issued',
		subject: { type: 'rectification', id: notice!.id },
		link: '/staff/callbacks/rectifications',
		message: (locale) => ({
			title: m.callbacks_notice_rectification_title({ reference }, { locale }),
			body: m.callbacks_notice_rectification_body({ due, issue: issue.slice(0, 300) }, { locale })
		}),
		channels: ['inbox', 'sms']
	});
	return notice!.id;
}

/**
 * The director gives an open callback to another director, administrator or repair lead of the
 * estate, with a reason on the repair's record. The callback counts for the role the new person
 * holds (the one furthest below its share this month when they hold several).
 */
export async function reassignCallback(actor: Actor, callbackId: string, raw: unknown): Promise<{ assigneeName: string }> {
	requireStaff(actor, 'callbacks.do');
	const input = parseInput(reassignCallbackSchema, raw);
	return db().transaction(async (tx) => {
		const { callback, timeZone } = await loadCallback(tx, actor, callbackId, { forUpdate: true });
		callbackMachine.take(callback.state, 'reassign', callbackCapacities(actor, callback), m.callbacks_already_done());
		if (input.assigneeId === callback.assigneeId) throw new InputError('assigneeId', m.callbacks_same_assignee());
		const person = (await callbackStaff(tx, callback.estateId)).find((p) => p.id === input.assigneeId);
		if (!person || person.roles.length === 0) throw new InputError('assigneeId', m.callbacks_assignee_required());
		const role = person.roles.includes(callback.assigneeRole)
			? callback.assigneeRole
			: await roleFurthestBelow(tx, callback, timeZone, new Set(person.roles));
		await tx.update(repairCallbacks).set({ assigneeId: person.id, assigneeRole: role }).where(eq(repairCallbacks.id, callback.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'repair',
			subjectId: callback.repairId,
			kind: 'callback_reassigned',
			note: input.reason,
			data: { callbackId: callback.id, from: callback.assigneeId, to: person.id, role }
		});
		const [order] = await tx.select({ seq: repairOrders.seq }).from(repairOrders).where(eq(repairOrders.id, callback.repairId));
		const reference = repairReference(order!);
		const due = localDate(callback.dueAt, timeZone);
		await notify(tx, {
			userIds: [person.id],
			kind: 'callback.assigned',
			subject: { type: 'callback', id: callback.id },
			link: `/staff/callbacks/${callback.id}`,
			message: (locale) => ({
				title: m.callbacks_notice_assigned_title({ reference }, { locale }),
				body: m.callbacks_notice_assigned_body({ due }, { locale })
			}),
			channels: ['inbox']
		});
		return { assigneeName: person.name };
	});
}

async function roleFurthestBelow(
	executor: Executor,
	callback: typeof repairCallbacks.$inferSelect,
	timeZone: string,
	roles: ReadonlySet<CallbackRole>
): Promise<CallbackRole> {
	const month = monthBounds(localMonth(callback.createdAt, timeZone), timeZone);
	const rows = await executor
		.select({ role: repairCallbacks.assigneeRole, n: sql<number>`count(*)::int` })
		.from(repairCallbacks)
		.where(
			and(
				eq(repairCallbacks.estateId, callback.estateId),
				gte(repairCallbacks.createdAt, month.from),
				lt(repairCallbacks.createdAt, month.to),
				ne(repairCallbacks.id, callback.id)
			)
		)
		.groupBy(repairCallbacks.assigneeRole);
	const counts: Record<CallbackRole, number> = { manager: 0, customer_service: 0, engineering_supervisor: 0 };
	for (const row of rows) counts[row.role] = Number(row.n);
	return nextCallbackRole(counts, roles) ?? [...roles][0]!;
}

/** Who may see rectification notices: the callback staff, the repair leads, and technicians (their own). */
export const rectificationReaders = ['callbacks.do', 'repairs.work', 'repairs.supervise'] as const;

/** Whether the actor sees every notice of its estates (callback staff, repair leads) or only its own. */
function seesEstateNotices(actor: Actor): boolean {
	return can(actor, ['callbacks.do', 'repairs.supervise']);
}

export interface RectificationFilter {
	/** Only notices addressed to me. */
	mine?: boolean;
	state?: 'open' | 'resolved';
}

/** The notices a filter lists (a notice's estate is its repair's: join repair_orders). */
function rectificationCondition(actor: Actor, filter: RectificationFilter): SQL | undefined {
	const conditions: (SQL | undefined)[] = [
		eq(rectificationNotices.state, filter.state ?? 'open'),
		inActorEstates(actor, repairOrders.estateId)
	];
	if (!seesEstateNotices(actor) || filter.mine) conditions.push(eq(rectificationNotices.technicianId, actor.userId));
	return and(...conditions);
}

/**
 * A glance at the open notices the actor reads (listRectifications' rows) for the staff home: how
 * many, how many past due, and the few due first, in one statement.
 */
export async function rectificationGlance(
	actor: Actor | null | undefined,
	filter: RectificationFilter = {},
	{ limit = 5, now = new Date(), executor = db() }: { limit?: number; now?: Date; executor?: Executor } = {}
) {
	requireStaff(actor, rectificationReaders);
	const rows = await executor
		.select({
			id: rectificationNotices.id,
			callbackId: rectificationNotices.callbackId,
			repairId: rectificationNotices.repairId,
			seq: repairOrders.seq,
			issue: rectificationNotices.issue,
			dueAt: rectificationNotices.dueAt,
			state: rectificationNotices.state,
			timeZone: sql<string>`(select ${estates.timeZone} from ${estates} where ${estates.id} = ${repairOrders.estateId})`,
			total: sql<number>`count(*) over ()`,
			overdue: sql<number>`count(*) filter (where ${rectificationNotices.state} = 'open' and ${rectificationNotices.dueAt} < ${now.toISOString()}::timestamptz) over ()`
		})
		.from(rectificationNotices)
		.innerJoin(repairOrders, eq(repairOrders.id, rectificationNotices.repairId))
		.where(rectificationCondition(actor, filter))
		.orderBy(asc(rectificationNotices.dueAt), asc(rectificationNotices.id))
		.limit(limit);
	return {
		wide: seesEstateNotices(actor),
		count: Number(rows[0]?.total ?? 0),
		overdue: Number(rows[0]?.overdue ?? 0),
		rows: rows.map(({ total: _total, overdue: _overdue, ...row }) => ({
			...row,
			reference: repairReference(row),
			overdue: row.state === 'open' && row.dueAt < now
		}))
	};
}

const issuer = alias(users, 'issuer');
const noticeTechnician = alias(users, 'notice_technician');

/**
 * Rectification notices: a technician's own (open ones by due time), or for callback staff and
 * repair leads every notice of their estates. Resolved ones are listed newest first.
 */
export async function listRectifications(
	actor: Actor | null | undefined,
	filter: RectificationFilter = {},
	{ now = new Date(), executor = db() } = {}
) {
	requireStaff(actor, rectificationReaders);
	const state = filter.state ?? 'open';
	const wide = seesEstateNotices(actor);
	const rows = await executor
		.select({
			id: rectificationNotices.id,
			repairId: rectificationNotices.repairId,
			callbackId: rectificationNotices.callbackId,
			seq: repairOrders.seq,
			estateId: repairOrders.estateId,
			timeZone: estates.timeZone,
			buildingName: buildings.name,
			unitNumber: units.number,
			contactName: repairOrders.contactName,
			contactPhone: repairOrders.contactPhone,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			issue: rectificationNotices.issue,
			dueAt: rectificationNotices.dueAt,
			state: rectificationNotices.state,
			createdAt: rectificationNotices.createdAt,
			resolvedAt: rectificationNotices.resolvedAt,
			resolution: rectificationNotices.resolution,
			technicianId: rectificationNotices.technicianId,
			technicianName: noticeTechnician.name,
			issuedBy: rectificationNotices.issuedBy,
			issuedByName: issuer.name
		})
		.from(rectificationNotices)
		.innerJoin(repairOrders, eq(repairOrders.id, rectificationNotices.repairId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(units, eq(units.id, repairOrders.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.leftJoin(noticeTechnician, eq(noticeTechnician.id, rectificationNotices.technicianId))
		.leftJoin(issuer, eq(issuer.id, rectificationNotices.issuedBy))
		.where(rectificationCondition(actor, filter))
		.orderBy(state === 'open' ? asc(rectificationNotices.dueAt) : desc(rectificationNotices.resolvedAt), asc(rectificationNotices.id))
		.limit(200);
	return {
		wide,
		rows: rows.map((row) => ({
			...row,
			reference: repairReference(row),
			overdue: row.state === 'open' && row.dueAt < now,
			resolvedOnTime: row.resolvedAt ? row.resolvedAt <= row.dueAt : null,
			actions: rectificationMachine.open(row.state, rectificationCapacities(actor, row))
		}))
	};
}

/**
 * The technician (or a repair lead of the estate) records what was done about a notice; the
 * repair's timeline gets a rectification_resolved event and whoever issued it is told.
 */
export async function resolveRectification(
	actor: Actor | null | undefined,
	raw: unknown,
	{ now = new Date() }: { now?: Date } = {}
): Promise<void> {
	requireStaff(actor, rectificationReaders);
	const input = parseInput(resolveRectificationSchema, raw);
	await db().transaction(async (tx) => {
		const [row] = await tx
			.select({ notice: rectificationNotices, estateId: repairOrders.estateId, seq: repairOrders.seq })
			.from(rectificationNotices)
			.innerJoin(repairOrders, eq(repairOrders.id, rectificationNotices.repairId))
			.where(
				and(
					eq(rectificationNotices.id, input.noticeId),
					inActorEstates(actor, repairOrders.estateId),
					seesEstateNotices(actor) ? undefined : eq(rectificationNotices.technicianId, actor.userId)
				)
			)
			.for('update', { of: rectificationNotices });
		if (!row) error(404, 'Not found');
		const capacities = rectificationCapacities(actor, { technicianId: row.notice.technicianId, estateId: row.estateId });
		const next = rectificationMachine.take(row.notice.state, 'resolve', capacities, m.callbacks_rectification_already_resolved());
		await tx
			.update(rectificationNotices)
			.set({ state: next, resolvedAt: now, resolvedBy: actor.userId, resolution: input.resolution })
			.where(eq(rectificationNotices.id, row.notice.id));
		const onTime = now <= row.notice.dueAt;
		await recordEvent(tx, {
			actor,
			subjectType: 'repair',
			subjectId: row.notice.repairId,
			kind: 'rectification_resolved',
			note: input.resolution,
			data: { noticeId: row.notice.id, callbackId: row.notice.callbackId, onTime }
		});
		const reference = repairReference(row);
		await notify(tx, {
			// A notice the resident's evaluation opened has no issuer: the repair leads were told of it.
			userIds: [row.notice.issuedBy].filter((id): id is string => !!id && id !== actor.userId),
			kind: 'rectification.resolved',
			subject: { type: 'rectification', id: row.notice.id },
			link: `/staff/callbacks/${row.notice.callbackId}`,
			message: (locale) => ({
				title: m.callbacks_notice_resolved_title({ reference }, { locale }),
				body: m.callbacks_notice_resolved_body({ who: actor.name, resolution: input.resolution.slice(0, 300) }, { locale })
			}),
			channels: ['inbox']
		});
	});
}

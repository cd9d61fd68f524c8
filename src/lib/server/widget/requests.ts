/**
 * A public visitor's request through the widget: sent (checked, throttled, held with its photos,
 * a 6-digit code mailed or texted), then confirmed with that code — only then does it become a
 * repair order or a complaint in the staff queue, unverified, with a tracking code for the visitor.
 * An address or a phone that never confirms files nothing.
 */
import { randomInt } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { phoneKey } from '#lib/phone.ts';
import { widgetCodeSchema, widgetRequestSchema, type WidgetRequestInput } from '#lib/schemas/widget.ts';
import { minutesLocked, recordFailure } from '../accounts/throttle.ts';
import { hashSecret, secretMatches } from '../auth/tokens.ts';
import { config } from '../config.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { buildings, files, units, widgetRequests } from '../db/schema/index.ts';
import { createPublicComplaint } from '../complaints/intake.ts';
import { activeComplaintKind } from '../dictionaries/complaint-kinds.ts';
import { findRepairKind } from '../dictionaries/repair-kinds.ts';
import { storePhoto } from '../files/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { scheduleEmail } from '../notify/mail-job.ts';
import { scheduleSms } from '../notify/sms-job.ts';
import { unitNumberIs } from '../property/unit-number.ts';
import { createPublicRepair } from '../repairs/intake.ts';
import { checkPhotos } from '../repairs/photos.ts';
import { checkFormToken } from './form-token.ts';
import type { PublicWidget } from './settings.ts';
import { formatTrackingCode, newTrackingCode, trackingPath } from './tracking-code.ts';

export type WidgetRequestKind = 'repair' | 'complaint';
type WidgetRequest = typeof widgetRequests.$inferSelect;

/** How long a code works, how often it may be mistyped, and how soon another may be sent. */
const CODE_TTL_MS = 30 * 60 * 1000;
const CODE_ATTEMPTS = 5;
const RESEND_AFTER_MS = 60 * 1000;
/** Unconfirmed requests (and their photos) are dropped a day after their code expired. */
const KEEP_UNCONFIRMED_MS = 24 * 60 * 60 * 1000;

/**
 * Sending is throttled per client address, per email and per phone over 15 minutes. An office
 * behind one address may send 20 (a shared IP's first burst passes); one address or phone may
 * ask for 3 codes. Past that the visitor is told how long to wait, with the form kept.
 */
const sendLimits = () => ({ ...config().login, windowMs: 15 * 60 * 1000 });
const MAX_PER_IP = 20;
const MAX_PER_CONTACT = 3;

const sendKeys = (input: Pick<WidgetRequestInput, 'email' | 'phone'>, ip: string) => [
	{ key: `widget-ip:${ip}`, max: MAX_PER_IP },
	...(input.email ? [{ key: `widget-email:${input.email.toLowerCase()}`, max: MAX_PER_CONTACT }] : []),
	...(input.phone ? [{ key: `widget-phone:${phoneKey(input.phone)}`, max: MAX_PER_CONTACT }] : [])
];

async function throttle(keys: { key: string; max: number }[], now: Date): Promise<void> {
	const minutes = await minutesLocked(keys, now, sendLimits());
	if (minutes !== null) throw new InputError('', m.widget_slow_down({ minutes: String(minutes) }));
	await recordFailure(
		keys.map((k) => k.key),
		now,
		sendLimits()
	);
}

/** Where the request is: a building of the widget's estate, and the unit in it when one was named. */
async function place(widget: PublicWidget, kind: WidgetRequestKind, input: WidgetRequestInput) {
	const [building] = isUuid(input.buildingId)
		? await db()
				.select({ id: buildings.id, name: buildings.name })
				.from(buildings)
				.where(and(eq(buildings.id, input.buildingId), eq(buildings.estateId, widget.estateId)))
		: [];
	if (!building) throw new InputError('buildingId', m.widget_building_required());
	if (kind === 'complaint' && input.location === 'common_area') return { buildingId: building.id, unitId: null };
	const numberIs = unitNumberIs(input.room);
	const [unit] = numberIs
		? await db()
				.select({ id: units.id })
				.from(units)
				.where(and(eq(units.buildingId, building.id), numberIs))
				.limit(1)
		: [];
	if (!unit) throw new InputError('room', m.widget_room_unknown({ room: input.room, building: building.name }));
	return { buildingId: building.id, unitId: unit.id };
}

async function checkKind(kind: WidgetRequestKind, kindId: string): Promise<void> {
	const found =
		kind === 'repair'
			? await findRepairKind(db(), kindId).then((k) => k?.active === true)
			: await activeComplaintKind(db(), kindId).then((k) => !!k);
	if (!found) throw new InputError('kindId', m.widget_kind_required());
}

function newCode(): string {
	return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Mails or texts the code, in the visitor's language, inside the transaction that saved it. */
async function sendCode(
	executor: Executor,
	request: Pick<WidgetRequest, 'email' | 'phone' | 'codeChannel'>,
	code: string,
	estateName: string
) {
	const text = m.widget_code_message({ code, estate: estateName, minutes: String(CODE_TTL_MS / 60_000) });
	if (request.codeChannel === 'email')
		await scheduleEmail(executor, { to: request.email, subject: m.widget_code_subject({ estate: estateName }), text });
	else await scheduleSms(executor, { to: request.phone, text });
}

/** Drops requests that were never confirmed, a day after their code expired, with their photos. */
async function dropUnconfirmed(tx: Tx, now: Date): Promise<void> {
	const stale = await tx
		.delete(widgetRequests)
		.where(and(isNull(widgetRequests.confirmedAt), lt(widgetRequests.expiresAt, new Date(now.getTime() - KEEP_UNCONFIRMED_MS))))
		.returning({ id: widgetRequests.id });
	if (stale.length)
		await tx.delete(files).where(
			and(
				eq(files.subjectType, 'widget_request'),
				inArray(
					files.subjectId,
					stale.map((r) => r.id)
				)
			)
		);
}

/**
 * A visitor sends a repair or complaint: everything is checked (the form, the honeypot, the time
 * token, the place, the kind, each photo, the rate limits) before anything is kept; then the
 * request and its photos are held and the code goes out. Returns the request's id for the code page.
 */
export async function sendWidgetRequest(
	widget: PublicWidget,
	kind: WidgetRequestKind,
	raw: unknown,
	photos: readonly File[],
	{ ip, now = new Date() }: { ip: string; now?: Date }
): Promise<string> {
	if (!widget.actions.includes(kind)) error(404, 'Not found');
	const input = parseInput(widgetRequestSchema, raw);
	// The honeypot is labelled "leave empty" for the rare person who sees it; a bot fills it in.
	if (input.website !== '') throw new InputError('website', m.widget_leave_empty());
	const token = checkFormToken(widget, input.token, now);
	if (token !== 'ok') throw new InputError('', token === 'too_fast' ? m.widget_too_fast() : m.widget_form_expired());
	const where = await place(widget, kind, input);
	await checkKind(kind, input.kindId);
	const accepted = await checkPhotos(photos);
	await throttle(sendKeys(input, ip), now);
	const code = newCode();
	return db().transaction(async (tx) => {
		await dropUnconfirmed(tx, now);
		const { website: _website, token: _token, ...details } = input;
		const [request] = await tx
			.insert(widgetRequests)
			.values({
				estateId: widget.estateId,
				kind,
				details: { ...details, ...where },
				name: input.name,
				phone: input.phone,
				email: input.email,
				locale: getLocale(),
				codeChannel: input.email ? 'email' : 'sms',
				codeHash: hashSecret(code),
				codeSentAt: now,
				expiresAt: new Date(now.getTime() + CODE_TTL_MS),
				createdAt: now
			})
			.returning();
		for (const photo of accepted) await storePhoto(tx, null, photo, { type: 'widget_request', id: request!.id });
		await sendCode(tx, request!, code, widget.estateName);
		return request!.id;
	});
}

/** A request of this widget's estate, or 404 (another estate's id, a malformed one, one dropped). */
async function loadRequest(executor: Executor, widget: PublicWidget, requestId: string, lock = false): Promise<WidgetRequest> {
	if (!isUuid(requestId)) error(404, 'Not found');
	const query = executor
		.select()
		.from(widgetRequests)
		.where(and(eq(widgetRequests.id, requestId), eq(widgetRequests.estateId, widget.estateId)));
	const [request] = lock ? await query.for('update') : await query;
	if (!request) error(404, 'Not found');
	return request;
}

export interface WidgetRequestStatus {
	id: string;
	kind: WidgetRequestKind;
	codeChannel: 'email' | 'sms';
	/** Where the code went, partly hidden: "c•••@example.com", "•••• 5678". */
	sentTo: string;
	confirmed: boolean;
	trackingCode: string | null;
	reference: string | null;
}

function hiddenAddress(request: Pick<WidgetRequest, 'codeChannel' | 'email' | 'phone'>): string {
	if (request.codeChannel === 'sms') return `•••• ${phoneKey(request.phone).slice(-4)}`;
	const [name = '', domain = ''] = request.email.split('@');
	return `${name.slice(0, 1)}•••@${domain}`;
}

/** What the code page shows: where the code went, and once confirmed, the tracking code. */
export async function widgetRequestStatus(widget: PublicWidget, requestId: string): Promise<WidgetRequestStatus> {
	const request = await loadRequest(db(), widget, requestId);
	const details = request.details as { reference?: string };
	return {
		id: request.id,
		kind: request.kind,
		codeChannel: request.codeChannel,
		sentTo: hiddenAddress(request),
		confirmed: request.confirmedAt !== null,
		trackingCode: request.trackingCode && formatTrackingCode(request.trackingCode),
		reference: details.reference ?? null
	};
}

interface HeldDetails extends Omit<WidgetRequestInput, 'website' | 'token'> {
	buildingId: string;
	unitId: string | null;
}

/** Turns the held request into its case, in the transaction that confirms it. */
async function createCase(tx: Tx, widget: PublicWidget, request: WidgetRequest, now: Date) {
	const details = request.details as HeldDetails;
	const held = { type: 'widget_request', id: request.id };
	const moveFiles = (type: string) => async (inner: Tx, caseId: string) => {
		const moved = await inner
			.update(files)
			.set({ subjectType: type, subjectId: caseId })
			.where(and(eq(files.subjectType, held.type), eq(files.subjectId, held.id)))
			.returning({ id: files.id });
		return moved.map((f) => f.id);
	};
	if (request.kind === 'repair') {
		if (!details.unitId) throw new InputError('', m.widget_form_expired());
		return createPublicRepair(tx, {
			estateId: widget.estateId,
			unitId: details.unitId,
			kindId: details.kindId,
			description: details.description,
			name: request.name,
			phone: request.phone,
			attachPhotos: moveFiles('repair'),
			now
		});
	}
	return createPublicComplaint(tx, {
		estateId: widget.estateId,
		unitId: details.unitId,
		buildingId: details.buildingId,
		locationDetail: details.unitId ? '' : details.room,
		kindId: details.kindId,
		content: details.description,
		name: request.name,
		phone: request.phone,
		email: request.email,
		attachPhotos: moveFiles('complaint'),
		now
	});
}

/**
 * The visitor types the code: a wrong one counts against the request (5 tries), an expired one
 * asks for a new code; the right one files the case and gives the tracking code, mailed or texted
 * too. Confirming again changes nothing.
 */
export async function confirmWidgetRequest(widget: PublicWidget, requestId: string, raw: unknown, now = new Date()): Promise<void> {
	// Another estate's request, or none, is 404 before anything typed is looked at.
	await loadRequest(db(), widget, requestId);
	const { code } = parseInput(widgetCodeSchema, raw);
	const outcome = await db().transaction(async (tx) => {
		const request = await loadRequest(tx, widget, requestId, true);
		if (request.confirmedAt) return 'confirmed' as const;
		if (request.expiresAt <= now || request.codeAttempts >= CODE_ATTEMPTS) return 'expired' as const;
		if (!secretMatches(code, request.codeHash)) {
			await tx
				.update(widgetRequests)
				.set({ codeAttempts: request.codeAttempts + 1 })
				.where(eq(widgetRequests.id, request.id));
			return CODE_ATTEMPTS - request.codeAttempts - 1;
		}
		const filed = await createCase(tx, widget, request, now);
		const trackingCode = newTrackingCode();
		await tx
			.update(widgetRequests)
			.set({
				confirmedAt: now,
				caseType: request.kind,
				caseId: filed.id,
				trackingCode,
				details: { ...(request.details as object), reference: filed.reference }
			})
			.where(eq(widgetRequests.id, request.id));
		const text = m.widget_tracking_message({
			reference: filed.reference,
			code: formatTrackingCode(trackingCode),
			estate: widget.estateName,
			link: trackingPath(widget, getLocale())
		});
		if (request.codeChannel === 'email')
			await scheduleEmail(tx, { to: request.email, subject: m.widget_tracking_subject({ reference: filed.reference }), text });
		else await scheduleSms(tx, { to: request.phone, text });
		return 'confirmed' as const;
	});
	if (outcome === 'expired') throw new InputError('code', m.widget_code_expired());
	if (typeof outcome === 'number')
		throw new InputError('code', outcome > 0 ? m.widget_code_wrong({ left: String(outcome) }) : m.widget_code_expired());
}

/** Another code for a request not yet confirmed, at most once a minute and within the sending limits. */
export async function resendWidgetCode(
	widget: PublicWidget,
	requestId: string,
	{ ip, now = new Date() }: { ip: string; now?: Date }
): Promise<void> {
	const request = await loadRequest(db(), widget, requestId);
	if (request.confirmedAt) return;
	if (now.getTime() - request.codeSentAt.getTime() < RESEND_AFTER_MS) throw new InputError('', m.widget_resend_wait());
	await throttle(sendKeys(request, ip), now);
	const code = newCode();
	await db().transaction(async (tx) => {
		await tx
			.update(widgetRequests)
			.set({ codeHash: hashSecret(code), codeSentAt: now, codeAttempts: 0, expiresAt: new Date(now.getTime() + CODE_TTL_MS) })
			.where(and(eq(widgetRequests.id, request.id), isNull(widgetRequests.confirmedAt)));
		await sendCode(tx, request, code, widget.estateName);
	});
}

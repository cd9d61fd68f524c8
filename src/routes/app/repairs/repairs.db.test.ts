// The resident's repair pages through their real load functions and form actions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '#lib/server/db/client.ts';
import {
	appointmentBookings,
	appointmentSlots,
	files,
	repairCallbacks,
	repairKinds,
	repairOrders,
	repairRatings
} from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { ensureDefaultCalendar } from '#lib/server/calendar/store.ts';
import { ensureDefaultDictionaries } from '#lib/server/dictionaries/defaults.ts';
import { fakeHeic, file, phoneJpeg, pngClaiming, smallPng } from '#lib/server/files/test-images.ts';
import { localDirectoryStorage } from '#lib/server/storage/local-directory.ts';
import { useStorage } from '#lib/server/storage/configured.ts';
import { assignRepair } from '#lib/server/repairs/desk.ts';
import { completeWork, confirmOnSite } from '#lib/server/repairs/work.ts';
import * as fx from '#lib/server/residents/test-fixtures.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import { load as listLoad } from './+page.server.ts';
import { actions as newActions, load as newLoad } from './new/+page.server.ts';
import { actions as pageActions, load as caseLoad } from './[id]/+page.server.ts';
import { actions as signOffActions, load as signOffLoad } from './[id]/sign-off/+page.server.ts';
import { actions as commentActions, load as commentLoad } from './[id]/comment/+page.server.ts';
import { GET as getPhoto } from '../../files/repair/[id]/+server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-repair-routes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let resident: Actor;
let neighbour: Actor;
let desk: Actor;
let technician: Actor;
let unitId: string;
let neighbourUnitId: string;
let leakKindId: string;
let liftKindId: string;
let slotId: string;
let liftOnlySlotId: string;
let camera: Uint8Array;

const HOUR = 3_600_000;

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	const place = await fx.makeEstate('Harbour View');
	const unit = await fx.makeUnit(place, '12A');
	const other = await fx.makeUnit(place, '8C');
	unitId = unit.id;
	neighbourUnitId = other.id;
	const residentUser = await fx.makeUser('Chan Tai Man');
	const neighbourUser = await fx.makeUser('Wong Siu Ming');
	await fx.occupy(unit.id, { userId: residentUser.id });
	await fx.occupy(other.id, { userId: neighbourUser.id }, 'renter');
	resident = await fx.actorFor(residentUser.id);
	neighbour = await fx.actorFor(neighbourUser.id);
	desk = await fx.actorFor((await fx.makeStaff('Desk Daisy', ['customer_service'], [place.estate.id])).id);
	technician = await fx.actorFor((await fx.makeStaff('Tech Tony', ['engineering'], [place.estate.id])).id);
	const kinds = await db().select().from(repairKinds);
	leakKindId = kinds.find((k) => k.code === 'water_leak')!.id;
	liftKindId = kinds.find((k) => k.code === 'lift')!.id;
	const startsAt = new Date(Date.now() + 48 * HOUR);
	const [slot, liftSlot] = await db()
		.insert(appointmentSlots)
		.values([
			{ estateId: place.estate.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity: 100 },
			{
				estateId: place.estate.id,
				startsAt: new Date(startsAt.getTime() + 2 * HOUR),
				endsAt: new Date(startsAt.getTime() + 4 * HOUR),
				capacity: 5,
				repairKindCodes: ['lift']
			}
		])
		.returning();
	slotId = slot!.id;
	liftOnlySlotId = liftSlot!.id;
	camera = await phoneJpeg();
});

beforeEach(() => useStorage(localDirectoryStorage(dir)));

const filing = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
	unitId,
	kindId: leakKindId,
	location: 'unit',
	locationDetail: 'Kitchen sink',
	description: 'Water drips from the pipe under the sink.',
	contactName: 'Chan Tai Man',
	contactPhone: '+852 9123 4567',
	enterWhenAbsent: 'on',
	accessNotes: 'A small dog at home',
	slotId,
	...overrides
});

async function tableCounts() {
	const [orders] = await db().select({ n: count() }).from(repairOrders);
	const [stored] = await db().select({ n: count() }).from(files);
	return { orders: orders!.n, files: stored!.n };
}

/** A form post carrying several photos under one name. */
function postWithPhotos(
	actor: Actor,
	pathname: string,
	fields: Record<string, string | string[]>,
	photos: File[],
	params: Record<string, string> = {}
) {
	return fakeEvent({ actor, path: pathname, params, form: { ...fields, photos } });
}

/** Posts the filing form: the failure it answers, or the redirect it throws. */
async function file_(actor: Actor, form: Record<string, string | string[]>, photos: File[] = []) {
	try {
		return { result: failure(await newActions.default(postWithPhotos(actor, '/app/repairs/new', form, photos))), redirect: null };
	} catch (err) {
		const thrownValue = err as { status?: number; location?: string };
		if (thrownValue.status === 303) return { result: null, redirect: thrownValue.location! };
		throw err;
	}
}

/** Posts the filing form and expects it refused: the failure it answers. */
async function fileRefused(actor: Actor, form: Record<string, string | string[]>, photos: File[] = []) {
	return failure(await newActions.default(postWithPhotos(actor, '/app/repairs/new', form, photos)));
}

async function fileOne(photos: File[] = []): Promise<string> {
	const { result, redirect } = await file_(resident, filing(), photos);
	expect(result?.data.form.errors).toBeUndefined();
	expect(redirect).toMatch(/^\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/);
	return redirect!.slice('/app/repairs/'.length, '/app/repairs/'.length + 36);
}

describe('filing a repair (/app/repairs/new)', () => {
	it('offers my unit preselected, the active kinds, my name and phone, and the open times', async () => {
		const data = await newLoad(fakeEvent({ actor: resident, path: '/app/repairs/new' }));
		expect(data.form.data.unitId).toBe(unitId);
		expect(data.form.data.contactName).toBe('Chan Tai Man');
		expect(data.kinds.map((k) => k.code)).toContain('water_leak');
		expect(data.estates).toHaveLength(1);
		expect(data.estates[0]!.slots.map((s) => s.id)).toEqual([slotId, liftOnlySlotId]);
		expect(data.estates[0]!.slots[1]!.kindCodes).toEqual(['lift']);
	});

	it('files with two photos, stores them re-encoded without GPS, books the time and goes to the case page', async () => {
		const before = await tableCounts();
		const id = await fileOne([file(camera, 'IMG_0001.JPG'), file(await smallPng(), 'crack.png', 'image/png')]);
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(order).toMatchObject({
			unitId,
			state: 'received',
			channel: 'portal',
			enterWhenAbsent: true,
			callToArrange: false,
			locationDetail: 'Kitchen sink'
		});
		const stored = await db()
			.select()
			.from(files)
			.where(and(eq(files.subjectType, 'repair'), eq(files.subjectId, id)));
		expect(stored).toHaveLength(2);
		expect(stored.every((f) => f.contentType === 'image/jpeg')).toBe(true);
		expect(Math.max(stored[0]!.width!, stored[0]!.height!)).toBe(2048);
		const [booking] = await db().select().from(appointmentBookings).where(eq(appointmentBookings.subjectId, id));
		expect(booking?.slotId).toBe(slotId);
		expect(await tableCounts()).toEqual({ orders: before.orders + 1, files: before.files + 2 });
		const served = await getPhoto(fakeEvent({ actor: resident, params: { id: stored[0]!.id } }));
		const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
		expect(metadata.exif).toBeUndefined();
	});

	it('"call me" files without a time', async () => {
		const { redirect } = await file_(resident, filing({ slotId: 'call' }));
		const id = redirect!.split('/')[3]!.split('?')[0]!;
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(order!.callToArrange).toBe(true);
		expect(await db().select().from(appointmentBookings).where(eq(appointmentBookings.subjectId, id))).toHaveLength(0);
	});

	it('missing fields come back with a message at each field, typed values kept, nothing saved', async () => {
		const before = await tableCounts();
		const result = await fileRefused(
			resident,
			filing({ kindId: '', description: 'x', contactPhone: '12', location: 'common_area', locationDetail: '', slotId: [] }),
			[file(camera, 'IMG_0002.JPG')]
		);
		expect(result.status).toBe(400);
		const { errors, data } = result.data.form;
		expect(errors.kindId).toEqual(['Choose what needs repairing.']);
		expect(errors.description).toEqual(['Describe the problem in a few words (at least 5 characters).']);
		expect(errors.contactPhone?.[0]).toMatch(/valid phone number/);
		expect(errors.locationDetail).toEqual(['Say where in the common area (e.g. lift lobby, 12/F).']);
		expect(errors.slotId).toEqual(['Choose a time, or ask us to call you.']);
		expect(data.accessNotes).toBe('A small dog at home');
		// The photo has to be chosen again: the page says how many were lost.
		expect(result.data.photosPosted).toBe(1);
		expect(await tableCounts()).toEqual(before);
	});

	it.each([
		['an empty file', () => [file(new Uint8Array(), 'empty.jpg')], /is empty \(0 bytes\)/],
		['an HTML page named .jpg', () => [file('<html><script>alert(1)</script></html>', 'photo.jpg')], /is not a photo/],
		['seven photos', () => Array.from({ length: 7 }, (_, i) => file(camera, `IMG_${i}.JPG`)), /at most 6 photos; you chose 7/],
		['an HEIC photo the server cannot read', () => [file(fakeHeic(), 'IMG_0003.HEIC', 'image/heic')], /HEIC photo/],
		['a 30000×30000 PNG', () => [file(pngClaiming(30000, 30000), 'huge.png', 'image/png')], /too large an image \(30000 × 30000 pixels\)/],
		['a 30 MB file', () => [file(new Uint8Array(30 * 1024 * 1024).fill(0xff), 'IMG_9999.JPG')], /is 30\.0 MB/]
	])('refuses %s with a message at the photo field and saves nothing', async (_name, photos, message) => {
		const before = await tableCounts();
		const result = await fileRefused(resident, filing(), photos());
		expect(result.status).toBe(400);
		// Photos travel beside the schema, so their messages sit at a field the form's type does not list.
		expect((result.data.form.errors as Record<string, string[] | undefined>).photos?.[0]).toMatch(message);
		expect(await tableCounts()).toEqual(before);
	});

	it("refuses another resident's unit at the unit field and saves nothing", async () => {
		const before = await tableCounts();
		const result = await fileRefused(resident, filing({ unitId: neighbourUnitId }), [file(camera, 'IMG_0004.JPG')]);
		expect(result.status).toBe(400);
		expect(result.data.form.errors.unitId).toEqual(['Choose one of your units.']);
		expect(await tableCounts()).toEqual(before);
	});

	it('refuses a time offered only for another kind at the time field', async () => {
		const before = await tableCounts();
		const result = await fileRefused(resident, filing({ slotId: liftOnlySlotId }));
		expect(result.status).toBe(400);
		expect(result.data.form.errors.slotId?.[0]).toBeTruthy();
		expect(await tableCounts()).toEqual(before);
		const { redirect } = await file_(resident, filing({ slotId: liftOnlySlotId, kindId: liftKindId }));
		expect(redirect).toMatch(/\?filed=1$/);
	});
});

/** Every action on a case, wherever its form lives (the case page, or its sign-off and comment pages). */
const caseActions = { ...pageActions, signOff: signOffActions.default, comment: commentActions.default };

describe('my repairs and one repair (/app/repairs, /app/repairs/[id])', () => {
	it('lists my repairs with reference, kind name and state, and not the neighbour’s', async () => {
		const id = await fileOne();
		const mine = await listLoad(fakeEvent({ actor: resident }));
		const row = mine.repairs.find((r) => r.id === id)!;
		expect(row).toMatchObject({ kindName: 'Water pipes / leak', state: 'received', unitNumber: '12A' });
		expect(row.reference).toMatch(/^R\d{6}$/);
		const theirs = await listLoad(fakeEvent({ actor: neighbour }));
		expect(theirs.repairs.some((r) => r.id === id)).toBe(false);
	});

	it('shows the owner the timeline, the photos and the actions open now', async () => {
		const id = await fileOne([file(camera, 'IMG_0005.JPG')]);
		const data = await caseLoad(fakeEvent({ actor: resident, params: { id } }));
		expect(data.repair.state).toBe('received');
		expect(data.timeline.map((e) => e.kind)).toEqual(['filed']);
		expect(data.photos).toHaveLength(1);
		expect(data.actions).toEqual(expect.arrayContaining(['reschedule', 'cancel']));
		expect(data.slots?.slots.map((s) => s.id)).toContain(slotId);
		expect(data.booking).not.toBeNull();
	});

	it('gives the neighbour 404 for the page, every action and the photos', async () => {
		const id = await fileOne([file(camera, 'IMG_0006.JPG')]);
		const [photo] = await db().select().from(files).where(eq(files.subjectId, id));
		for (const load of [caseLoad, signOffLoad, commentLoad]) {
			expect(await thrown(() => load(fakeEvent({ actor: neighbour, params: { id } })))).toMatchObject({ status: 404 });
		}
		for (const [name, form] of [
			['cancel', { reason: 'not mine' }],
			['comment', { comment: 'hello' }],
			['reschedule', { slotId }],
			['signOff', { signedName: 'Wong' }],
			['reject', { reason: 'no' }],
			['rate', { overall: '5', speed: '5', technician: '5' }]
		] as const) {
			const action = caseActions[name];
			expect(await thrown(() => action(fakeEvent({ actor: neighbour, params: { id }, form }))), name).toMatchObject({ status: 404 });
		}
		expect(await thrown(() => getPhoto(fakeEvent({ actor: neighbour, params: { id: photo!.id } })))).toMatchObject({ status: 404 });
		expect(await thrown(() => getPhoto(fakeEvent({ actor: null, params: { id: photo!.id } })))).toMatchObject({ status: 404 });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(order!.state).toBe('received');
	});

	it('serves the owner the photo as a JPEG with nosniff', async () => {
		const id = await fileOne([file(camera, 'IMG_0007.JPG')]);
		const [photo] = await db().select().from(files).where(eq(files.subjectId, id));
		const response = await getPhoto(fakeEvent({ actor: resident, params: { id: photo!.id } }));
		expect(response.status).toBe(200);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-type')).toBe('image/jpeg');
	});

	it('moves the visit, takes a comment with a photo, and cancels with a reason; a second cancel is told the order moved on', async () => {
		const id = await fileOne();
		const [later] = await db()
			.insert(appointmentSlots)
			.values({
				estateId: (await db().select().from(repairOrders).where(eq(repairOrders.id, id)))[0]!.estateId,
				startsAt: new Date(Date.now() + 96 * HOUR),
				endsAt: new Date(Date.now() + 98 * HOUR),
				capacity: 1
			})
			.returning();
		expect(
			await thrown(() => caseActions.reschedule(fakeEvent({ actor: resident, params: { id }, form: { slotId: later!.id } })))
		).toMatchObject({
			status: 303,
			location: `/app/repairs/${id}?done=reschedule`
		});
		const [booking] = await db()
			.select()
			.from(appointmentBookings)
			.where(and(eq(appointmentBookings.subjectId, id), isNull(appointmentBookings.cancelledAt)));
		expect(booking?.slotId).toBe(later!.id);

		const empty = failure(await caseActions.comment(fakeEvent({ actor: resident, params: { id }, form: { comment: '' } })));
		expect(empty.status).toBe(400);
		expect(empty.data.form.errors.comment).toEqual(['Write a comment or add a photo.']);
		expect(
			await thrown(() =>
				caseActions.comment(
					postWithPhotos(resident, `/app/repairs/${id}`, { comment: 'It got worse' }, [file(camera, 'IMG_0008.JPG')], { id })
				)
			)
		).toMatchObject({ status: 303 });
		expect(await db().select().from(files).where(eq(files.subjectId, id))).toHaveLength(1);

		const noReason = failure(await caseActions.cancel(fakeEvent({ actor: resident, params: { id }, form: { reason: ' ' } })));
		expect(noReason.status).toBe(400);
		expect(noReason.data.form.errors.reason).toEqual(['This field is required.']);
		expect(
			await thrown(() => caseActions.cancel(fakeEvent({ actor: resident, params: { id }, form: { reason: 'Fixed it myself' } })))
		).toMatchObject({ status: 303 });
		const again = failure(await caseActions.cancel(fakeEvent({ actor: resident, params: { id }, form: { reason: 'again' } })));
		expect(again.status).toBe(400);
		expect(again.data.form.errors._errors).toEqual(['This repair has moved on since you opened the page; here is where it stands now.']);
		const data = await caseLoad(fakeEvent({ actor: resident, params: { id } }));
		expect(data.repair.state).toBe('cancelled');
		expect(data.timeline.map((e) => e.kind)).toEqual(['filed', 'reschedule', 'comment', 'cancel']);
	});

	it('signs off a finished repair with a typed name or a drawn signature, then rates it once', async () => {
		const id = await fileOne();
		await assignRepair(desk, id, { mode: 'technician', technicianId: technician.userId, teamId: '', reason: '' });
		await confirmOnSite(technician, id);
		await completeWork(technician, id, { workSummary: 'Replaced the washer.' });
		// The sign-off page shows what was done, and the form while the machine offers it.
		expect(await signOffLoad(fakeEvent({ actor: resident, params: { id } }))).toMatchObject({
			open: true,
			repair: { id, workSummary: 'Replaced the washer.' }
		});

		const blank = failure(
			await caseActions.signOff(fakeEvent({ actor: resident, params: { id }, form: { signedName: '', signature: '' } }))
		);
		expect(blank.data.form.errors.signedName).toEqual(['Type your full name or sign in the box.']);
		const forged = failure(
			await caseActions.signOff(fakeEvent({ actor: resident, params: { id }, form: { signature: 'data:text/html;base64,PGI+' } }))
		);
		expect(forged.data.form.errors.signature).toEqual(['The signature could not be read; sign again or type your name.']);

		const drawn = `data:image/png;base64,${Buffer.from(await smallPng({ alpha: true })).toString('base64')}`;
		expect(
			await thrown(() =>
				caseActions.signOff(fakeEvent({ actor: resident, params: { id }, form: { signedName: 'Chan Tai Man', signature: drawn } }))
			)
		).toMatchObject({
			status: 303,
			location: `/app/repairs/${id}?done=signOff`
		});
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(order).toMatchObject({ state: 'done', signedOffName: 'Chan Tai Man' });
		expect(order!.signatureFileId).not.toBeNull();
		// Opened again (another tab), it says the repair moved on instead of offering the form.
		expect(await signOffLoad(fakeEvent({ actor: resident, params: { id } }))).toMatchObject({ open: false });
		expect(await db().select().from(repairCallbacks).where(eq(repairCallbacks.repairId, id))).toHaveLength(1);

		const bad = failure(
			await caseActions.rate(fakeEvent({ actor: resident, params: { id }, form: { overall: '6', speed: '4', technician: '5' } }))
		);
		expect(bad.data.form.errors.overall).toEqual(['Choose 1 to 5 stars.']);
		expect(
			await thrown(() =>
				caseActions.rate(
					fakeEvent({ actor: resident, params: { id }, form: { overall: '5', speed: '4', technician: '5', comment: 'Quick' } })
				)
			)
		).toMatchObject({ status: 303 });
		const twice = failure(
			await caseActions.rate(fakeEvent({ actor: resident, params: { id }, form: { overall: '1', speed: '1', technician: '1' } }))
		);
		expect(twice.data.form.errors._errors).toEqual(['You have already rated this repair.']);
		expect(await db().select().from(repairRatings).where(eq(repairRatings.repairId, id))).toHaveLength(1);

		const data = await caseLoad(fakeEvent({ actor: resident, params: { id } }));
		expect(data.callback).not.toBeNull();
		expect(data.rating).toMatchObject({ overall: 5, speed: 4 });
		expect(data.photos.map((p) => p.type)).toEqual(['repair-signature']);
	});

	it('reopens a finished repair when the resident rejects it with a reason', async () => {
		const id = await fileOne();
		await assignRepair(desk, id, { mode: 'technician', technicianId: technician.userId, teamId: '', reason: '' });
		await confirmOnSite(technician, id);
		await completeWork(technician, id, { workSummary: 'Tightened the tap.' });
		expect(
			await thrown(() => caseActions.reject(fakeEvent({ actor: resident, params: { id }, form: { reason: 'Still dripping' } })))
		).toMatchObject({ status: 303 });
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(order).toMatchObject({ state: 'assigned', reopenCount: 1 });
	});
});

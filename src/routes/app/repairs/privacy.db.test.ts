// Privacy inside a unit: a repair belongs to the occupancy that filed it. Through the real pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, businessToday } from '#lib/time/index.ts';
import type { RepairRequestInput } from '#lib/schemas/repairs.ts';
import { db } from '#lib/server/db/client.ts';
import { files, notifications, repairKinds, repairOrders } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { ensureDefaultCalendar } from '#lib/server/calendar/store.ts';
import { ensureDefaultDictionaries } from '#lib/server/dictionaries/defaults.ts';
import { file, phoneJpeg } from '#lib/server/files/test-images.ts';
import { listPaidServiceItems } from '#lib/server/dictionaries/service-items.ts';
import { localDirectoryStorage } from '#lib/server/storage/local-directory.ts';
import { useStorage } from '#lib/server/storage/configured.ts';
import { assignRepair, claimRepair, handOverRepair } from '#lib/server/repairs/desk.ts';
import { enterRepair, fileRepair } from '#lib/server/repairs/intake.ts';
import { requestQuote, reviewQuote } from '#lib/server/repairs/quotes.ts';
import { commentOnRepair } from '#lib/server/repairs/resident.ts';
import { confirmOnSite } from '#lib/server/repairs/work.ts';
import * as fx from '#lib/server/residents/test-fixtures.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { load as listLoad } from './+page.server.ts';
import { load as caseLoad } from './[id]/+page.server.ts';
import { actions as commentActions } from './[id]/comment/+page.server.ts';
import { load as staffLoad } from '../../staff/repairs/[id]/+page.server.ts';
import { GET as getPhoto } from '../../files/repair/[id]/+server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-repair-privacy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => useStorage(localDirectoryStorage(dir)));

let place: Awaited<ReturnType<typeof fx.makeEstate>>;
let letFlat: string;
let renterOccupancyId: string;
let landlord: Actor;
let renter: Actor;
let desk: Actor;
let lead: Actor;
let tech: Actor;
let kindId: string;

const request = (unitId: string, description = 'Water drips under the kitchen sink'): RepairRequestInput => ({
	unitId,
	kindId,
	location: 'unit',
	locationDetail: 'kitchen',
	description,
	contactName: 'Wong Siu Ming',
	contactPhone: '+852 9123 4567',
	enterWhenAbsent: false,
	accessNotes: '',
	appointment: 'call',
	slotId: ''
});

const openCase = (actor: Actor, id: string) => caseLoad(fakeEvent({ actor, path: `/app/repairs/${id}`, params: { id } }));
const openStaff = (actor: Actor, id: string) => staffLoad(fakeEvent({ actor, path: `/staff/repairs/${id}`, params: { id } }));
const myList = async (actor: Actor) =>
	((await listLoad(fakeEvent({ actor, path: '/app/repairs' }))) as { repairs: { id: string }[] }).repairs.map((r) => r.id);

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	kindId = (await db().select().from(repairKinds).where(eq(repairKinds.code, 'water_leak')))[0]!.id;
	place = await fx.makeEstate('Block B');
	letFlat = (await fx.makeUnit(place, '8C')).id;
	const owner = await fx.makeUser('Owner Lee');
	const tenant = await fx.makeUser('Wong Siu Ming');
	// The owner still holds the flat (an owner's occupancy) and lets it to the renter.
	await fx.occupy(letFlat, { userId: owner.id }, 'owner', '2020-01-01');
	renterOccupancyId = (await fx.occupy(letFlat, { userId: tenant.id }, 'renter', '2025-01-01')).id;
	landlord = await fx.actorFor(owner.id);
	renter = await fx.actorFor(tenant.id);
	desk = await fx.actorFor((await fx.makeStaff('Desk Daisy', ['customer_service'], [place.estate.id])).id);
	lead = await fx.actorFor((await fx.makeStaff('Lead Lam', ['engineering_supervisor'], [place.estate.id])).id);
	tech = await fx.actorFor((await fx.makeStaff('Tech Tony', ['engineering'], [place.estate.id])).id);
});

describe('the landlord of a let flat', () => {
	it('cannot open the renter’s repair, its photo or its timeline, nor act on it: 404 as for a stranger', async () => {
		const filed = await fileRepair(renter, request(letFlat), [file(await phoneJpeg(), 'leak.jpg')]);
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
		expect(order!.occupancyId).toBe(renterOccupancyId);
		const [photo] = await db()
			.select()
			.from(files)
			.where(and(eq(files.subjectType, 'repair'), eq(files.subjectId, filed.id)));

		// The renter sees it all.
		expect((await openCase(renter, filed.id)).photos.map((p) => p.id)).toEqual([photo!.id]);
		expect((await getPhoto(fakeEvent({ actor: renter, params: { id: photo!.id } }))).status).toBe(200);
		expect(await myList(renter)).toContain(filed.id);

		expect((await thrown(() => openCase(landlord, filed.id))).status).toBe(404);
		expect((await thrown(() => getPhoto(fakeEvent({ actor: landlord, params: { id: photo!.id } })))).status).toBe(404);
		expect(await myList(landlord)).not.toContain(filed.id);
		const comment = await thrown(() =>
			commentActions.default(
				fakeEvent({ actor: landlord, path: `/app/repairs/${filed.id}/comment`, params: { id: filed.id }, form: { comment: 'Mine?' } })
			)
		);
		expect(comment.status).toBe(404);
	});

	it('files its own case for the flat, which the renter does not see', async () => {
		const filed = await fileRepair(landlord, request(letFlat, 'Owner asks to check the window frames'), []);
		expect(await myList(landlord)).toContain(filed.id);
		expect(await myList(renter)).not.toContain(filed.id);
		expect((await thrown(() => openCase(renter, filed.id))).status).toBe(404);
	});
});

describe('a new occupant', () => {
	it('whose occupancy starts today sees no case filed before it, and the one who left hears nothing more of it', async () => {
		const unit = await fx.makeUnit(place, '9D');
		const today = businessToday(place.estate);
		const before = await fx.makeUser('Leaving Leung');
		const after = await fx.makeUser('New Ng');
		await fx.occupy(unit.id, { userId: before.id }, 'renter', '2023-01-01', addDays(today, -1));
		await fx.occupy(unit.id, { userId: after.id }, 'renter', today);
		const leaving = await fx.actorFor(before.id);
		const arriving = await fx.actorFor(after.id);
		// Filed last week, while the previous renter lived there.
		const old = await fileRepair(leaving, request(unit.id, 'Bathroom fan is noisy'), [], { now: new Date(Date.now() - 7 * 86_400_000) });

		expect(await myList(arriving)).toEqual([]);
		expect((await thrown(() => openCase(arriving, old.id))).status).toBe(404);
		// The leaver no longer sees it either, and a staff comment tells nobody on the resident side.
		expect((await thrown(() => openCase(leaving, old.id))).status).toBe(404);
		await commentOnRepair(desk, old.id, { comment: 'Fan replaced.' });
		const told = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.subjectId, old.id), eq(notifications.kind, 'repair.comment')));
		expect(told).toEqual([]);
		// The new renter's own case is theirs.
		const mine = await fileRepair(arriving, request(unit.id, 'Front door lock is stiff'), []);
		expect(await myList(arriving)).toEqual([mine.id]);
	});
});

describe('a company’s members and the desk', () => {
	it('files for the company’s occupancy, which every member of the company sees', async () => {
		const unit = await fx.makeUnit(place, '10E');
		const [first, second] = [await fx.makeUser('Member One'), await fx.makeUser('Member Two')];
		const company = await fx.makeCompany('Harbour Trading', [{ userId: first.id, role: 'admin' }, { userId: second.id }]);
		const occupancy = await fx.occupy(unit.id, { companyId: company.id }, 'renter', '2024-01-01');
		const filed = await fileRepair(await fx.actorFor(first.id), request(unit.id), []);
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, filed.id));
		expect(order!.occupancyId).toBe(occupancy.id);
		expect(await myList(await fx.actorFor(second.id))).toContain(filed.id);
	});

	it('enters a request for the resident who called (their case), or for nobody in the unit (staff only)', async () => {
		const forRenter = await enterRepair(
			desk,
			{ ...request(letFlat, 'Called about a leak'), channel: 'phone', requesterId: renter.userId },
			[]
		);
		const forNobody = await enterRepair(desk, { ...request(letFlat, 'Seen on patrol'), channel: 'counter', requesterId: '' }, []);
		const rows = await db().select().from(repairOrders).where(eq(repairOrders.unitId, letFlat));
		expect(rows.find((r) => r.id === forRenter.id)?.occupancyId).toBe(renterOccupancyId);
		expect(rows.find((r) => r.id === forNobody.id)?.occupancyId).toBeNull();
		expect(await myList(renter)).toContain(forRenter.id);
		expect(await myList(renter)).not.toContain(forNobody.id);
		expect(await myList(landlord)).not.toContain(forNobody.id);
	});
});

describe('staff-only notes', () => {
	it('never reach the resident’s timeline but stay on the staff one', async () => {
		const filed = await fileRepair(renter, request(letFlat, 'Tap leaks behind the cabinet'), []);
		const desk2 = await fx.actorFor((await fx.makeStaff('Desk Dora', ['customer_service'], [place.estate.id])).id);
		await claimRepair(desk, filed.id);
		await handOverRepair(desk, filed.id, { toUserId: desk2.userId, reason: 'Handing over: tenant was rude on the phone' });
		await assignRepair(desk2, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
		await confirmOnSite(tech, filed.id);
		const [item] = await listPaidServiceItems(db(), { activeOnly: true });
		const { quoteId } = await requestQuote(tech, filed.id, { lines: [{ itemId: item!.id, quantity: 1 }], workMinutes: 30, note: '' });
		await reviewQuote(lead, filed.id, quoteId, { decision: 'approve', note: 'Supervisor: margin is thin, approve anyway' });

		const staffSide = await openStaff(desk2, filed.id);
		expect(staffSide.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['claimed', 'handed_over', 'quote', 'quote_approved']));
		expect(staffSide.timeline.map((e) => e.note)).toEqual(
			expect.arrayContaining(['Handing over: tenant was rude on the phone', 'Supervisor: margin is thin, approve anyway'])
		);

		const residentSide = await openCase(renter, filed.id);
		const kinds = residentSide.timeline.map((e) => e.kind);
		for (const internal of ['claimed', 'handed_over', 'quote', 'quote_approved']) expect(kinds).not.toContain(internal);
		expect(JSON.stringify(residentSide.timeline)).not.toMatch(/rude|margin/);
		// The approved quote itself is the resident's to decide.
		expect(residentSide.quotes.map((q) => q.actions)).toEqual([['accept', 'decline']]);
	});
});

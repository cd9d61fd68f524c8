import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { addDays, businessToday, DEFAULT_TIME_ZONE, localDateTimeValue } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import {
	archiveEntries,
	events,
	floors,
	jobs,
	noticeDeliveries,
	noticeReads,
	notifications,
	notices,
	occupancies,
	outbox
} from '../db/schema/index.ts';
import { actorOf, building, estate, occupy, residentUser } from '../property/testing/fixtures.ts';
import { noticeForm, noticeWorld, runNoticeJobs } from './testing/fixtures.ts';
import { officeNotice, readCounts } from './office-queries.ts';
import { createNotice, remindUnread, withdrawNotice } from './office.ts';
import { myNotice, myNotices, recordNoticeRead } from './resident.ts';
import { publicNotices } from './public.ts';
import { noticeFileFor } from './files.ts';
import { file } from '../files/test-images.ts';

const today = () => businessToday({ timeZone: DEFAULT_TIME_ZONE });
describe('notices', () => {
	it('reaches the occupants of the buildings it names today, and nobody else', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { pinned: 'on' }));
		expect((await myNotices(s.residentA.actor)).map((n) => n.id)).toEqual([id]);
		expect((await myNotices(s.renterA.actor)).map((n) => n.id)).toEqual([id]);
		expect(await myNotices(s.residentB.actor)).toEqual([]);
		expect(await statusOf(() => myNotice(s.residentB.actor, id))).toBe(404);
		const seen = await myNotice(s.residentA.actor, id);
		expect(seen).toMatchObject({ pinned: true, read: false, timeZone: DEFAULT_TIME_ZONE });
		// Inbox only: not urgent.
		const told = await db().select().from(notifications).where(eq(notifications.subjectId, id));
		expect(told.map((n) => n.userId).sort()).toEqual([s.residentA.user.id, s.renterA.user.id].sort());
		expect(told[0]!.title).toBe('Notice: Water cut on Friday');
		const kinds = await db().select({ kind: events.kind }).from(events).where(eq(events.subjectId, id)).orderBy(events.id);
		expect(kinds.map((k) => k.kind)).toEqual(['created', 'published']);
	});

	it('files the notice in the file of each unit it reached, with its delivery', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s));
		const filed = await db().select().from(archiveEntries).where(eq(archiveEntries.sourceId, id));
		expect(filed.map((e) => e.unitId).sort()).toEqual([s.a1.id, s.a2.id].sort());
		const mine = filed.find((e) => e.unitId === s.a1.id)!;
		expect(mine).toMatchObject({ kind: 'notice', sourceType: 'notice', occupancyId: s.residentA.occupancy.id });
		expect(mine.summary).toMatchObject({
			reference: expect.stringMatching(/^N\d{6}$/),
			delivery: [{ name: 'Mei Lin', channels: ['inbox'] }]
		});
	});

	it('is not a later occupant’s: a unit’s next occupancy does not inherit what the last one was sent', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s));
		await db()
			.update(occupancies)
			.set({ endsOn: addDays(today(), -1) })
			.where(eq(occupancies.id, s.residentA.occupancy.id));
		const next = await residentUser('Next');
		await occupy(s.a1.id, { userId: next.id }, 'owner', today());
		expect(await myNotices(await actorOf(next.id))).toEqual([]);
		expect(await statusOf(() => myNotice(s.residentA.actor, id))).toBe(404);
	});

	it('goes to the party it names: renters only leaves the owners out', async () => {
		const s = await noticeWorld();
		await createNotice(s.office, noticeForm(s, { party: 'renter' }));
		expect(await myNotices(s.residentA.actor)).toEqual([]);
		expect(await myNotices(s.renterA.actor)).toHaveLength(1);
	});

	it('counts delivery and reads per building, records a reading once, and keeps the reads append-only', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { targets: [`estate:${s.place.id}`] }));
		await recordNoticeRead(s.residentA.actor, id);
		await recordNoticeRead(s.residentA.actor, id);
		expect(await statusOf(() => recordNoticeRead(s.office, id))).toBe(404);
		const counts = await readCounts(db(), id);
		expect(counts.map((c) => [c.buildingName, c.delivered, c.read])).toEqual([
			['Block A', 2, 1],
			['Block B', 1, 0]
		]);
		expect((await myNotice(s.residentA.actor, id)).read).toBe(true);
		expect((await myNotices(s.renterA.actor))[0]!.read).toBe(false);
		await expect(db().execute(sql`update notice_reads set at = now()`)).rejects.toThrow();
		expect(await db().select().from(noticeReads)).toHaveLength(1);
	});

	it('reminds only the unread, as an event and a notice, and refuses when all have read it', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s));
		await recordNoticeRead(s.residentA.actor, id);
		expect(await remindUnread(s.office, id)).toBe(1);
		const reminded = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.subjectId, id), eq(notifications.kind, 'notice.reminded')));
		expect(reminded.map((n) => n.userId)).toEqual([s.renterA.user.id]);
		const [event] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'reminded')));
		expect(event!.data).toEqual({ deliveries: 1 });
		await recordNoticeRead(s.renterA.actor, id);
		expect((await inputErrorOf(() => remindUnread(s.office, id))).message).toMatch(/has read it/);
	});

	it('sends an urgent notice by email and SMS through the outbox', async () => {
		const s = await noticeWorld();
		await createNotice(s.office, noticeForm(s, { urgent: 'on', targets: [`unit:${s.a1.id}`] }));
		await runNoticeJobs();
		await runNoticeJobs();
		const sent = await db().select().from(outbox);
		expect(sent.filter((o) => o.channel === 'email').map((o) => [o.recipient, o.subject])).toEqual([
			[s.residentA.user.email, 'Urgent notice: Water cut on Friday']
		]);
		expect(sent.filter((o) => o.channel === 'sms').map((o) => o.recipient)).toEqual(['+852 9123 4567']);
		const [filed] = await db().select().from(archiveEntries).where(eq(archiveEntries.unitId, s.a1.id));
		expect(filed!.summary).toMatchObject({ delivery: [{ name: 'Mei Lin', channels: ['inbox', 'email', 'sms'] }] });
	});

	it('publishes a scheduled notice by the job at its time, not before', async () => {
		const s = await noticeWorld();
		const at = new Date(Date.now() + 2 * 3600_000);
		const id = await createNotice(s.office, noticeForm(s, { when: 'later', publishAt: localDateTimeValue(at, DEFAULT_TIME_ZONE) }));
		const [scheduled] = await db().select().from(notices).where(eq(notices.id, id));
		expect(scheduled!.state).toBe('scheduled');
		expect(await myNotices(s.residentA.actor)).toEqual([]);
		await runNoticeJobs(new Date());
		expect((await db().select().from(notices).where(eq(notices.id, id)))[0]!.state).toBe('scheduled');
		await runNoticeJobs(new Date(at.getTime() + 60_000));
		const [published] = await db().select().from(notices).where(eq(notices.id, id));
		expect(published!.state).toBe('published');
		expect(await db().select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, id))).toHaveLength(2);
		expect(await db().select().from(jobs).where(eq(jobs.kind, 'notices.publish'))).toHaveLength(1);
	});

	it('stops showing a notice after its expiry and once withdrawn', async () => {
		const s = await noticeWorld();
		const expires = new Date(Date.now() + 3600_000);
		const id = await createNotice(s.office, noticeForm(s, { expiresAt: localDateTimeValue(expires, DEFAULT_TIME_ZONE) }));
		expect(await myNotices(s.residentA.actor)).toHaveLength(1);
		expect(await myNotices(s.residentA.actor, {}, db(), new Date(expires.getTime() + 60_000))).toEqual([]);
		await withdrawNotice(s.office, id);
		expect(await myNotices(s.residentA.actor)).toEqual([]);
	});

	it('keeps to the office of the estate: other estates get 404, other departments 403, places outside the estate are refused', async () => {
		const s = await noticeWorld();
		const id = await createNotice(
			s.office,
			noticeForm(s, { targets: [`building:${s.blockA.id}`, `floor:${s.b1.floorId}`, `unit:${s.a1.id}`] })
		);
		const seen = await officeNotice(s.office, id);
		expect(seen.audience.map((a) => [a.kind, a.name]).sort()).toEqual([
			['building', 'Block A'],
			['floor', `Block B ${(await db().select().from(floors).where(eq(floors.id, s.b1.floorId)))[0]!.label}`],
			['unit', `Block A ${s.a1.number}`]
		]);
		expect(seen.counts.map((c) => [c.buildingName, c.delivered, c.read])).toEqual([
			['Block A', 2, 0],
			['Block B', 1, 0]
		]);
		expect(await statusOf(() => officeNotice(s.otherOffice, id))).toBe(404);
		expect(await statusOf(() => officeNotice(s.finance, id))).toBe(403);
		expect(await statusOf(() => createNotice(s.finance, noticeForm(s)))).toBe(403);
		const other = await estate();
		const far = await building(other.id, 'Z');
		expect((await inputErrorOf(() => createNotice(s.office, noticeForm(s, { targets: [`building:${far.id}`] })))).field).toBe('targets');
		expect((await inputErrorOf(() => createNotice(s.office, noticeForm(s, { titleEn: '', titleHant: '' })))).field).toBe('titleEn');
		expect((await inputErrorOf(() => createNotice(s.office, noticeForm(s, { when: 'later', publishAt: '2020-01-01T10:00' })))).field).toBe(
			'publishAt'
		);
	});

	it('shows in the estate’s widget only what the office marked public', async () => {
		const s = await noticeWorld();
		const shown = await createNotice(s.office, noticeForm(s, { public: 'on', titleEn: 'Lift maintenance' }));
		await createNotice(s.office, noticeForm(s));
		await createNotice(s.office, noticeForm(s, { public: 'on', when: 'draft' }));
		expect((await publicNotices(s.place.id)).map((n) => n.id)).toEqual([shown]);
		await withdrawNotice(s.office, shown);
		expect(await publicNotices(s.place.id)).toEqual([]);
	});

	it('carries PDF and image files, checked by their bytes, for those who may read the notice', async () => {
		const s = await noticeWorld();
		const pdf = file(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'plan.pdf', 'application/pdf');
		const id = await createNotice(s.office, noticeForm(s, { urgent: 'on', targets: [`unit:${s.a1.id}`] }), new Date(), [pdf]);
		const [notice] = await db().select().from(notices).where(eq(notices.id, id));
		expect(notice!.attachments).toEqual([{ fileId: expect.any(String), name: 'plan.pdf', contentType: 'application/pdf' }]);
		const fileId = notice!.attachments[0]!.fileId;
		expect((await noticeFileFor(s.residentA.actor, fileId)).id).toBe(fileId);
		expect((await noticeFileFor(s.office, fileId)).id).toBe(fileId);
		expect(await statusOf(() => noticeFileFor(s.residentB.actor, fileId))).toBe(404);
		expect(await statusOf(() => noticeFileFor(s.otherOffice, fileId))).toBe(404);
		expect((await myNotice(s.residentA.actor, id)).attachments).toHaveLength(1);
		// A program is refused at the field, whatever its name says.
		const program = file(new TextEncoder().encode('MZ\x90\x00 not a pdf'), 'notice.pdf', 'application/pdf');
		expect((await inputErrorOf(() => createNotice(s.office, noticeForm(s), new Date(), [program]))).field).toBe('attachments');
		const many = [pdf, pdf, pdf, pdf];
		expect((await inputErrorOf(() => createNotice(s.office, noticeForm(s), new Date(), many))).field).toBe('attachments');
	});

	it('reaches single units typed by building code and number, and answers a unit it does not know at the field', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { targets: [], units: `a ${s.a2.number.toLowerCase()}\nB-${s.b1.number}` }));
		expect((await myNotices(s.renterA.actor)).map((n) => n.id)).toEqual([id]);
		expect((await myNotices(s.residentB.actor)).map((n) => n.id)).toEqual([id]);
		expect(await myNotices(s.residentA.actor)).toEqual([]);
		const unknown = await inputErrorOf(() => createNotice(s.office, noticeForm(s, { units: 'A 99Z' })));
		expect([unknown.field, unknown.message]).toEqual(['units', 'No such unit in this estate: A 99Z']);
	});
});

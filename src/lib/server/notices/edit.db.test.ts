import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { DEFAULT_TIME_ZONE, localDateTimeValue } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { events, files, jobs, noticeAudience, notices } from '../db/schema/index.ts';
import { file, smallPng } from '../files/test-images.ts';
import { building, estate } from '../property/testing/fixtures.ts';
import { editNotice } from './edit.ts';
import { noticeEditForm } from './form.ts';
import { createNotice, publishNotice, withdrawNotice } from './office.ts';
import { myNotices } from './resident.ts';
import { noticeForm, noticeWorld, type NoticeWorld } from './testing/fixtures.ts';

const hours = (n: number) => new Date(Date.now() + n * 3600_000);
const local = (at: Date) => localDateTimeValue(at, DEFAULT_TIME_ZONE);
const pdf = () => file(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'plan.pdf', 'application/pdf');

/** The edit form as the page would post it for this world: Block A, the texts of noticeForm. */
const editForm = (s: NoticeWorld, extra: Record<string, unknown> = {}) => {
	const { estateId: _estate, ...content } = noticeForm(s);
	return { ...content, ...extra };
};

const noticeRow = async (id: string) => (await db().select().from(notices).where(eq(notices.id, id)))[0]!;
const eventsOf = (id: string) => db().select().from(events).where(eq(events.subjectId, id)).orderBy(events.id);
const linesOf = async (id: string) =>
	(await db().select().from(noticeAudience).where(eq(noticeAudience.noticeId, id))).map((l) => `${l.kind}:${l.targetId}`).sort();

describe('editing a notice', () => {
	it('changes a draft in place — texts, audience, options, expiry — keeps its id and records what changed', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { when: 'draft' }));
		const expires = hours(48);
		await editNotice(
			s.office,
			id,
			editForm(s, { titleEn: 'Water cut on Saturday', targets: [`building:${s.blockB.id}`], urgent: 'on', expiresAt: local(expires) })
		);
		const edited = await noticeRow(id);
		expect(edited).toMatchObject({ state: 'draft', urgent: true, title: { en: 'Water cut on Saturday', 'zh-Hant': '星期五停水' } });
		expect(edited.expiresAt!.getTime()).toBe(Math.floor(expires.getTime() / 60_000) * 60_000);
		expect(await linesOf(id)).toEqual([`building:${s.blockB.id}`]);
		const history = await eventsOf(id);
		expect(history.map((e) => [e.kind, e.fromState, e.toState])).toEqual([
			['created', null, 'draft'],
			['edited', 'draft', 'draft']
		]);
		expect(history[1]!.data).toEqual({ changed: ['texts', 'audience', 'options', 'expiry'] });
		// Published, it goes to the audience it has now.
		await publishNotice(s.office, id);
		expect((await myNotices(s.residentB.actor)).map((n) => n.id)).toEqual([id]);
		expect(await myNotices(s.residentA.actor)).toEqual([]);
	});

	it('keeps a scheduled notice scheduled, at its time, with its one job; its expiry must still come after that time', async () => {
		const s = await noticeWorld();
		const at = hours(3);
		const id = await createNotice(s.office, noticeForm(s, { when: 'later', publishAt: local(at) }));
		const before = await noticeRow(id);
		await editNotice(s.office, id, editForm(s, { party: 'owner' }));
		const after = await noticeRow(id);
		expect(after).toMatchObject({ state: 'scheduled', party: 'owner', publishAt: before.publishAt });
		expect((await eventsOf(id)).at(-1)!.data).toEqual({ changed: ['audience'] });
		const pending = await db()
			.select()
			.from(jobs)
			.where(and(eq(jobs.kind, 'notices.publish'), isNull(jobs.doneAt)));
		expect(pending.filter((j) => (j.payload as { noticeId: string }).noticeId === id)).toHaveLength(1);
		const early = await inputErrorOf(() => editNotice(s.office, id, editForm(s, { expiresAt: local(hours(2)) })));
		expect(early.field).toBe('expiresAt');
	});

	it('refuses a published or withdrawn notice with a message, and changes nothing', async () => {
		const s = await noticeWorld();
		const published = await createNotice(s.office, noticeForm(s));
		const withdrawn = await createNotice(s.office, noticeForm(s, { when: 'draft' }));
		await withdrawNotice(s.office, withdrawn);
		for (const id of [published, withdrawn]) {
			const before = await noticeRow(id);
			const refused = await inputErrorOf(() => editNotice(s.office, id, editForm(s, { titleEn: 'Changed after sending' })));
			expect([refused.field, refused.message]).toEqual(['', 'This notice has been published or withdrawn: it can no longer be changed.']);
			expect(await noticeRow(id)).toEqual(before);
			expect((await eventsOf(id)).map((e) => e.kind)).not.toContain('edited');
		}
		expect((await noticeEditForm(s.office, published)).editable).toBe(false);
	});

	it('keeps to the office of the estate, and to places of the estate', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { when: 'draft' }));
		expect(await statusOf(() => editNotice(s.otherOffice, id, editForm(s)))).toBe(404);
		expect(await statusOf(() => editNotice(s.finance, id, editForm(s)))).toBe(403);
		expect(await statusOf(() => noticeEditForm(s.otherOffice, id))).toBe(404);
		const far = await building((await estate()).id, 'Z');
		expect((await inputErrorOf(() => editNotice(s.office, id, editForm(s, { targets: [`building:${far.id}`] })))).field).toBe('targets');
		expect((await inputErrorOf(() => editNotice(s.office, id, editForm(s, { targets: [], units: 'A 99Z' })))).field).toBe('units');
		expect((await inputErrorOf(() => editNotice(s.office, id, editForm(s, { titleEn: '', titleHant: '' })))).field).toBe('titleEn');
		expect(await linesOf(id)).toEqual([`building:${s.blockA.id}`]);
	});

	it('takes files off and adds new ones, three at most in all', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { when: 'draft' }), new Date(), [pdf()]);
		const [old] = (await noticeRow(id)).attachments;
		const png = file(await smallPng(), 'map.png', 'image/png');
		await editNotice(s.office, id, editForm(s, { removeAttachments: [old!.fileId] }), new Date(), [png]);
		const { attachments } = await noticeRow(id);
		expect(attachments.map((a) => [a.name, a.contentType])).toEqual([['map.png', 'image/png']]);
		expect(await db().select().from(files).where(eq(files.id, old!.fileId))).toEqual([]);
		expect((await eventsOf(id)).at(-1)!.data).toEqual({ changed: ['files'] });
		const many = await inputErrorOf(() => editNotice(s.office, id, editForm(s), new Date(), [pdf(), pdf(), pdf()]));
		expect(many.field).toBe('attachments');
		expect((await noticeRow(id)).attachments).toEqual(attachments);
	});

	it('fills the form with the notice as it is, ticking its floors and listing the units the form has no box for', async () => {
		const s = await noticeWorld();
		const targets = [`building:${s.blockA.id}`, `floor:${s.b1.floorId}`, `unit:${s.b1.id}`];
		const id = await createNotice(s.office, noticeForm(s, { when: 'draft', pinned: 'on', targets, expiresAt: local(hours(30)) }));
		const page = await noticeEditForm(s.office, id);
		expect(page.editable).toBe(true);
		expect(page.estate.id).toBe(s.place.id);
		expect(page.values).toMatchObject({ titleEn: 'Water cut on Friday', titleHant: '星期五停水', pinned: 'on', urgent: '', party: 'all' });
		expect([...(page.values.targets as string[])].sort()).toEqual([...targets].sort());
		expect(page.estate.buildings.flatMap((b) => b.floors.map((f) => f.id))).toContain(s.b1.floorId);
		expect(page.values.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
		expect(page.otherTargets).toEqual([{ value: `unit:${s.b1.id}`, kind: 'unit', name: `Block B ${s.b1.number}` }]);
		// Posted back unchanged, the edit changes nothing but is on record.
		await editNotice(s.office, id, page.values);
		expect((await eventsOf(id)).at(-1)!.data).toEqual({ changed: [] });
	});
});

import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { complaints, events, jobs, notifications, outbox } from '../db/schema/index.ts';
import { runDueJobs } from '../jobs/queue.ts';
import { jobHandlers } from '../boot/job-handlers.ts';
import { StaleStateError } from '../kernel/input-error.ts';
import { localDateTimeValue } from '#lib/time/index.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { fileComplaint, enterComplaint } from './intake.ts';
import {
	assignComplaint,
	claimComplaint,
	closeComplaint,
	directComplaint,
	escalateComplaint,
	markMalicious,
	reopenComplaint,
	replyToComplainant,
	resolveComplaint
} from './desk.ts';
import { recordComplaintCallback } from './callback.ts';
import { answerSatisfaction, satisfactionLink } from './satisfaction.ts';
import { complaintDetail, complaintGlance, complaintQueue, listMyComplaints } from './queries.ts';
import { complaintInput, makeComplaintEstate } from './testing.ts';

const HOUR = 3_600_000;
const local = (at: Date, place: { estate: { timeZone: string } }) => localDateTimeValue(at, place.estate.timeZone);
const inboxOf = (userId: string, kind: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
const eventKinds = async (id: string) =>
	(
		await db()
			.select({ kind: events.kind })
			.from(events)
			.where(and(eq(events.subjectType, 'complaint'), eq(events.subjectId, id)))
	).map((e) => e.kind);
const runJobs = (now: Date) => runDueJobs({ handlers: jobHandlers, workerId: 'test', now, limit: 100 });
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('a complaint from the portal to the complainant’s satisfaction (rule 4 with 首問)', () => {
	it('is taken up with a promised reply, passed to a department, resolved and signed, and answered on the personal link', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const filed = await fileComplaint(actors.resident, complaintInput(place), []);
		expect(filed.reference).toMatch(/^C\d{6}$/);
		// The desk hears of it; the resident sees it in the portal.
		expect(await inboxOf(place.desk.id, 'complaint.new_complaint')).toHaveLength(1);
		expect((await listMyComplaints(actors.resident)).map((c) => c.id)).toEqual([filed.id]);

		const now = new Date();
		await claimComplaint(actors.desk, filed.id, { promisedReplyBy: local(new Date(now.getTime() + 4 * HOUR), place) });
		// 首問: a colleague cannot take it up a second time.
		const second = await thrown(() =>
			claimComplaint(actors.colleague, filed.id, { promisedReplyBy: local(new Date(now.getTime() + 4 * HOUR), place) })
		);
		expect(second).toBeInstanceOf(StaleStateError);

		await assignComplaint(actors.desk, filed.id, {
			department: 'security',
			dueAt: local(new Date(now.getTime() + 48 * HOUR), place),
			responsibleId: '',
			note: ''
		});
		expect(await inboxOf(place.guard.id, 'complaint.for_department')).toHaveLength(1);
		// The engineer is of another department: the complaint is not theirs to see.
		expect(await thrown(() => complaintDetail(actors.engineer, filed.id))).toMatchObject({ status: 404 });

		await resolveComplaint(actors.guard, filed.id, {
			resolution: 'Apologised; the guard was retrained.',
			outsideParty: '',
			signedName: 'Guard Harbour View'
		});
		const [resolved] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
		expect(resolved).toMatchObject({ state: 'resolved', resolverSignedName: 'Guard Harbour View' });
		// The satisfaction link went by email only (a secret is not kept in the inbox).
		const mail = await db()
			.select({ id: jobs.id, payload: jobs.payload })
			.from(jobs)
			.where(and(eq(jobs.kind, 'notify.deliver'), sql`${jobs.payload}::text like '%/s/%'`));
		expect(mail).toHaveLength(1);
		const token = /\/s\/([a-z2-9]{26})/.exec(JSON.stringify(mail[0]!.payload))![1]!;
		expect(await satisfactionLink(token)).toMatchObject({ status: 'open', reference: filed.reference });
		expect(await answerSatisfaction(token, { satisfied: 'yes', comment: 'Thank you.' })).toBe('saved');
		expect(await answerSatisfaction(token, { satisfied: 'no', comment: '' })).toBe('answered');
		await closeComplaint(actors.desk, filed.id);
		expect(await eventKinds(filed.id)).toEqual(['filed', 'claimed', 'assigned', 'resolved', 'satisfaction_answered', 'closed']);
	});

	it('sends a serious complaint to the manager at once, who directs the fix and the person responsible', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const now = new Date();
		const entered = await enterComplaint(
			actors.desk,
			{
				...complaintInput(place),
				channel: 'phone',
				severity: 'serious',
				requesterId: place.resident.id,
				email: '',
				promisedReplyBy: local(new Date(now.getTime() + 2 * HOUR), place)
			},
			[]
		);
		const [notice] = await inboxOf(place.manager.id, 'complaint.serious');
		expect(notice).toBeDefined();
		// The desk cannot pass a serious complaint on itself: it is the manager's to direct.
		const refused = await thrown(() =>
			assignComplaint(actors.desk, entered.id, {
				department: 'security',
				dueAt: local(new Date(now.getTime() + 24 * HOUR), place),
				responsibleId: '',
				note: ''
			})
		);
		expect(refused).toBeInstanceOf(StaleStateError);
		await directComplaint(actors.manager, entered.id, {
			department: 'security',
			dueAt: local(new Date(now.getTime() + 24 * HOUR), place),
			responsibleId: place.guard.id,
			fixPlan: 'Review the CCTV and meet the resident.'
		});
		const [row] = await db().select().from(complaints).where(eq(complaints.id, entered.id));
		expect(row).toMatchObject({
			state: 'assigned',
			responsibleId: place.guard.id,
			fixPlan: 'Review the CCTV and meet the resident.',
			ownerId: place.desk.id
		});
	});

	it('escalates a complaint the desk finds serious, and keeps a malicious one on the record (never deleted)', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const filed = await fileComplaint(actors.resident, complaintInput(place), []);
		await escalateComplaint(actors.desk, filed.id, { reason: 'Threats against staff.' });
		expect(await inboxOf(place.manager.id, 'complaint.serious')).toHaveLength(1);
		await markMalicious(actors.manager, filed.id, {
			answer: 'We have looked into this and found no fault; thank you for writing.',
			reason: 'Repeated false claims.'
		});
		const [row] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
		expect(row).toMatchObject({ state: 'resolved', malicious: true });
		await expect(db().delete(complaints).where(eq(complaints.id, filed.id))).rejects.toThrow();
		expect(await db().select({ id: complaints.id }).from(complaints).where(eq(complaints.id, filed.id))).toHaveLength(1);
	});

	it('is private to the occupancy: a neighbour and another estate’s desk get 404', async () => {
		const place = await makeComplaintEstate();
		const other = await makeComplaintEstate('Other Estate');
		const filed = await fileComplaint(place.actors.resident, complaintInput(place), []);
		expect(await thrown(() => complaintDetail(other.actors.resident, filed.id))).toMatchObject({ status: 404 });
		expect(await thrown(() => complaintDetail(other.actors.desk, filed.id))).toMatchObject({ status: 404 });
		expect((await complaintQueue(other.actors.desk, {})).rows.map((r) => r.id)).not.toContain(filed.id);
		// The resident never sees the office's internal steps.
		await claimComplaint(place.actors.desk, filed.id, { promisedReplyBy: local(new Date(Date.now() + HOUR), place) });
		const detail = await complaintDetail(place.actors.resident, filed.id);
		expect(detail.timeline.map((e) => e.kind)).toEqual(['filed']);
	});

	it('records an in-person callback only with the complainant’s signature, and reopens when not satisfied', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const filed = await fileComplaint(actors.resident, complaintInput(place), []);
		await claimComplaint(actors.desk, filed.id, { promisedReplyBy: local(new Date(Date.now() + HOUR), place) });
		await assignComplaint(actors.desk, filed.id, {
			department: 'customer_service',
			dueAt: local(new Date(Date.now() + 5 * HOUR), place),
			responsibleId: '',
			note: ''
		});
		await resolveComplaint(actors.desk, filed.id, { resolution: 'Spoken to the cleaner.', outsideParty: '', signedName: 'Desk' });
		const unsigned = await thrown(() =>
			recordComplaintCallback(actors.desk, filed.id, { mode: 'in_person', satisfied: 'no', note: '', signedName: '', signature: '' })
		);
		expect(unsigned).toMatchObject({ field: 'signedName' });
		await recordComplaintCallback(actors.desk, filed.id, {
			mode: 'in_person',
			satisfied: 'no',
			note: 'Still dirty.',
			signedName: 'Chan Tai Man',
			signature: PNG
		});
		expect(await inboxOf(place.manager.id, 'complaint.not_satisfied')).toHaveLength(1);
		await reopenComplaint(actors.desk, filed.id, { reason: 'Complainant not satisfied on the callback.' });
		const [row] = await db().select().from(complaints).where(eq(complaints.id, filed.id));
		expect(row).toMatchObject({ state: 'assigned', callbackMode: 'in_person', callbackSignedName: 'Chan Tai Man' });
	});
});

describe('complaint deadlines (job with an injected clock)', () => {
	it('tells the owner and the manager once when a promised reply time passes without a reply', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const filed = await fileComplaint(actors.resident, complaintInput(place), []);
		const promised = new Date(Date.now() + 2 * HOUR);
		promised.setUTCSeconds(0, 0);
		await claimComplaint(actors.desk, filed.id, { promisedReplyBy: local(promised, place) });
		await runJobs(new Date(promised.getTime() - 60_000));
		expect(await inboxOf(place.desk.id, 'complaint.promise_missed')).toHaveLength(0);
		await runJobs(new Date(promised.getTime() + 60_000));
		await runJobs(new Date(promised.getTime() + 2 * HOUR));
		expect(await inboxOf(place.desk.id, 'complaint.promise_missed')).toHaveLength(1);
		expect(await inboxOf(place.manager.id, 'complaint.promise_missed')).toHaveLength(1);
		expect((await eventKinds(filed.id)).filter((k) => k === 'promise_missed')).toHaveLength(1);
	});

	it('keeps quiet when a reply was given in time, and tells responsible and manager when the department deadline passes', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const filed = await fileComplaint(actors.resident, complaintInput(place), []);
		const promised = new Date(Date.now() + 2 * HOUR);
		promised.setUTCSeconds(0, 0);
		await claimComplaint(actors.desk, filed.id, { promisedReplyBy: local(promised, place) });
		await replyToComplainant(actors.desk, filed.id, { message: 'We are looking into it with security.' });
		const due = new Date(Date.now() + 24 * HOUR);
		due.setUTCSeconds(0, 0);
		await assignComplaint(actors.desk, filed.id, {
			department: 'security',
			dueAt: local(due, place),
			responsibleId: place.guard.id,
			note: ''
		});
		await runJobs(new Date(due.getTime() + 60_000));
		expect(await inboxOf(place.desk.id, 'complaint.promise_missed')).toHaveLength(0);
		expect(await inboxOf(place.guard.id, 'complaint.deadline_missed')).toHaveLength(1);
		expect(await inboxOf(place.manager.id, 'complaint.deadline_missed')).toHaveLength(1);
	});
});

describe('complainants without an account', () => {
	it('get mail at the address the desk took down', async () => {
		const place = await makeComplaintEstate();
		const entered = await enterComplaint(
			place.actors.desk,
			{
				...complaintInput(place),
				channel: 'counter',
				severity: 'normal',
				requesterId: '',
				email: 'visitor@example.com',
				promisedReplyBy: local(new Date(Date.now() + HOUR), place)
			},
			[]
		);
		await runJobs(new Date());
		const mail = await db().select().from(outbox).where(eq(outbox.recipient, 'visitor@example.com'));
		expect(mail.map((m) => m.subject).join()).toContain(entered.reference);
	});
});

describe('the staff home’s complaint sections', () => {
	it('counts the desk’s unowned complaints and the owner’s open ones, as the board’s filters list them', async () => {
		const place = await makeComplaintEstate();
		const { actors } = place;
		const first = await fileComplaint(actors.resident, complaintInput(place), []);
		const second = await fileComplaint(actors.resident, complaintInput(place), []);
		await claimComplaint(actors.desk, second.id, { promisedReplyBy: local(new Date(Date.now() + HOUR), place) });
		const unowned = await complaintGlance(actors.colleague, { state: 'open', unowned: true });
		expect(unowned).toMatchObject({ count: 1, overdue: 0 });
		expect(unowned.rows.map((r) => r.id)).toEqual([first.id]);
		const mine = await complaintGlance(actors.desk, { state: 'open', mine: true });
		expect(mine.rows.map((r) => r.id)).toEqual([second.id]);
		expect((await complaintQueue(actors.desk, { state: 'open', mine: true })).rows.map((r) => r.id)).toEqual([second.id]);
	});
});

import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { addDays, businessToday, DEFAULT_TIME_ZONE, localDateTimeValue, localInstant } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import {
	archiveEntries,
	companyMembers,
	customers,
	customerTypes,
	events,
	notifications,
	occupancies,
	visitFollowUps,
	visits
} from '../db/schema/index.ts';
import { runDueJobs } from '../jobs/queue.ts';
import { StaleStateError } from '../kernel/input-error.ts';
import { actorOf, building, company, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { answerFollowUp, addFollowUp } from './follow-ups.ts';
import { addVisitTarget, visitPlan } from './plans.ts';
import { myVisits, ownFollowUps, visitDetail, visitStatistics } from './queries.ts';
import { waitingForMe } from '../staff-home/home.ts';
import { ensureFollowUpRemindersScheduled, runFollowUpRemindersJob } from './reminders.ts';
import {
	acceptVisitProposal,
	bookVisit,
	cancelVisit,
	closeVisit,
	confirmVisit,
	holdVisit,
	proposeVisitTime,
	rebookVisit
} from './steps.ts';

const zone = DEFAULT_TIME_ZONE;
const DAY = 86_400_000;
/** A time `days` ahead at a round hour, as the form's datetime-local field posts it. */
const ahead = (days: number, now = new Date()) =>
	localDateTimeValue(new Date(Math.ceil((now.getTime() + days * DAY) / 3_600_000) * 3_600_000), zone);

async function setUp() {
	const place = await estate();
	const block = await building(place.id, 'A');
	const [unit, other, office] = await unitsIn(block, 3);
	const person = await residentUser('Mei Lin');
	const occupancy = await occupy(unit!.id, { userId: person.id });
	const neighbour = await residentUser('Neighbour');
	await occupy(other!.id, { userId: neighbour.id });
	const firm = await company('Firm Ltd');
	const firmOccupancy = await occupy(office!.id, { companyId: firm.id }, 'renter');
	const firmAdmin = await residentUser('Firm Admin');
	await db().insert(companyMembers).values({ companyId: firm.id, userId: firmAdmin.id, role: 'admin' });
	const rival = await company('Rival Ltd');
	const rivalMember = await residentUser('Rival Member');
	await db().insert(companyMembers).values({ companyId: rival.id, userId: rivalMember.id, role: 'admin' });
	const elsewhere = await estate();
	return {
		place,
		unit: unit!,
		occupancy,
		firmOccupancy,
		person,
		resident: await actorOf(person.id),
		neighbour: await actorOf(neighbour.id),
		firmAdmin: await actorOf(firmAdmin.id),
		rivalMember: await actorOf(rivalMember.id),
		desk: await staffActor(['customer_service'], [place.id]),
		engineer: await staffActor(['engineering'], [place.id]),
		manager: await staffActor(['manager'], [place.id]),
		otherDesk: await staffActor(['customer_service'], [elsewhere.id]),
		outsider: await staffActor(['engineering'], [elsewhere.id])
	};
}

const stateOf = async (id: string) => (await db().select({ state: visits.state }).from(visits).where(eq(visits.id, id)))[0]!.state;

describe('visits (拜訪客戶)', () => {
	it('is booked, answered with another time, accepted, held with a follow-up reminded by the morning job, and read by the resident', async () => {
		const s = await setUp();
		const now = new Date();
		const today = businessToday({ timeZone: zone }, now);
		await addVisitTarget(s.desk, s.place.id, Number(today.slice(0, 4)), { party: `user:${s.person.id}`, times: 2 }, now);

		// 1. The office books a time; the resident is told.
		const { id, reference } = await bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: ahead(2), purpose: 'The yearly visit' });
		expect(reference).toMatch(/^V\d{6}$/);
		expect(await stateOf(id)).toBe('booked');
		const told = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.subjectId, id), eq(notifications.userId, s.person.id)));
		expect(told.map((n) => n.kind)).toEqual(['visit.booked']);

		// 2. The resident proposes another time.
		await proposeVisitTime(s.resident, id, { startsAt: ahead(3), note: 'Mornings suit me better' });
		const proposed = (await db().select().from(visits).where(eq(visits.id, id)))[0]!;
		expect(proposed.state).toBe('proposed');
		expect(proposed.proposedAt).not.toBeNull();
		// The resident cannot accept its own proposal; the office can.
		await expect(acceptVisitProposal(s.resident, id, { shown: proposed.proposedAt!.toISOString() })).rejects.toMatchObject({ status: 403 });
		// An answer to a time no longer shown is refused.
		await expect(acceptVisitProposal(s.desk, id, { shown: proposed.startsAt.toISOString() })).rejects.toBeInstanceOf(StaleStateError);

		// 3. The office accepts it: the proposed time is the visit's, confirmed.
		await acceptVisitProposal(s.desk, id, { shown: proposed.proposedAt!.toISOString() });
		const accepted = (await db().select().from(visits).where(eq(visits.id, id)))[0]!;
		expect(accepted.state).toBe('confirmed');
		expect(accepted.startsAt.getTime()).toBe(proposed.proposedAt!.getTime());
		expect(accepted.proposedAt).toBeNull();

		// 4. It is held: the visit form with a follow-up for engineering, due in three days.
		const dueOn = addDays(today, 3);
		await holdVisit(s.desk, id, {
			opinions: 'Happy with the cleaning.',
			suggestions: 'More benches in the garden.',
			requests: 'When will the lift be modernised?',
			question: 'When will the lift be modernised?',
			ownerId: s.engineer.userId,
			dueOn
		});
		expect(await stateOf(id)).toBe('held');
		const [followUp] = await db().select().from(visitFollowUps).where(eq(visitFollowUps.visitId, id));
		expect(followUp).toMatchObject({ ownerId: s.engineer.userId, dueOn, state: 'open' });
		const [filed] = await db()
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.sourceType, 'visit'), eq(archiveEntries.sourceId, id)));
		expect(filed).toMatchObject({ kind: 'visit', unitId: s.unit.id, occupancyId: s.occupancy.id });
		// Closing waits for the follow-up.
		await expect(closeVisit(s.desk, id)).rejects.toMatchObject({ field: '' });

		// 5. The morning job reminds the owner the day before, then the managers too once overdue (an injected clock).
		await ensureFollowUpRemindersScheduled(db(), now);
		const handlers = { 'visits.follow-up-reminders': runFollowUpRemindersJob };
		const reminded = async () =>
			(await db().select().from(notifications).where(eq(notifications.subjectId, id)))
				.filter((n) => n.kind.startsWith('visit.follow_up_'))
				.map((n) => `${n.kind}:${n.userId === s.engineer.userId ? 'owner' : n.userId === s.manager.userId ? 'manager' : 'other'}`)
				.sort();
		await runDueJobs({ handlers, workerId: 'visits-test', now: localInstant(addDays(today, 1), 9 * 60 + 5, zone) });
		expect((await reminded()).filter((k) => !k.startsWith('visit.follow_up:'))).toEqual([]);
		await runDueJobs({ handlers, workerId: 'visits-test', now: localInstant(addDays(today, 2), 9 * 60 + 5, zone) });
		expect((await reminded()).filter((k) => !k.startsWith('visit.follow_up:'))).toEqual(['visit.follow_up_due:owner']);
		// The same morning again tells nobody twice.
		await runDueJobs({ handlers, workerId: 'visits-test-2', now: localInstant(addDays(today, 2), 9 * 60 + 30, zone) });
		expect((await reminded()).filter((k) => k === 'visit.follow_up_due:owner')).toHaveLength(1);
		await runDueJobs({ handlers, workerId: 'visits-test', now: localInstant(addDays(today, 3), 9 * 60 + 5, zone) });
		await runDueJobs({ handlers, workerId: 'visits-test', now: localInstant(addDays(today, 4), 9 * 60 + 5, zone) });
		expect((await reminded()).filter((k) => !k.startsWith('visit.follow_up:'))).toEqual(
			['visit.follow_up_due:owner', 'visit.follow_up_due:owner', 'visit.follow_up_overdue:manager', 'visit.follow_up_overdue:owner'].sort()
		);

		// 6. The resident reads the summary and the open follow-up — never the staff-only reminders.
		const read = await visitDetail(s.resident, id);
		expect(read).toMatchObject({ state: 'held', opinions: 'Happy with the cleaning.', requests: 'When will the lift be modernised?' });
		expect(read.followUps).toMatchObject([{ question: 'When will the lift be modernised?', state: 'open', canAnswer: false }]);
		expect(read.actions).toEqual([]);
		expect(read.timeline.map((e) => e.kind)).toEqual(['booked', 'proposed', 'accepted', 'follow_up_added', 'held']);
		expect((await visitDetail(s.desk, id)).timeline.map((e) => e.kind)).toContain('follow_up_reminded');

		// 7. The owner (engineering, which does not run visits) opens the visit and answers; then the office closes it.
		const owned = await visitDetail(s.engineer, id);
		expect(owned.followUps[0]!.canAnswer).toBe(true);
		expect(owned.actions).toEqual([]);
		await answerFollowUp(s.engineer, id, { followUpId: followUp!.id, answer: 'In the second quarter of next year.' });
		expect((await visitDetail(s.resident, id)).followUps).toMatchObject([{ state: 'done', answer: 'In the second quarter of next year.' }]);
		await closeVisit(s.desk, id);
		expect(await stateOf(id)).toBe('closed');

		// The plan counts it; the figures say so.
		const plan = await visitPlan(s.desk, s.place.id, Number(today.slice(0, 4)), { now });
		expect(plan.targets).toMatchObject([{ party: 'Mei Lin', times: 2, done: 1, coming: 0, units: [{ occupancyId: s.occupancy.id }] }]);
		const [figures] = (await visitStatistics(s.desk, Number(today.slice(0, 4)), now)).filter((f) => f.estate.id === s.place.id);
		expect(figures).toMatchObject({ customers: 1, planned: 2, done: 1, customersDone: 0, held: 1, followUpsOpen: 0, followUpsOverdue: 0 });
	});

	it('keeps a visit to its occupancy: another unit, another company and another estate get 404', async () => {
		const s = await setUp();
		const { id } = await bookVisit(s.desk, { occupancyId: s.firmOccupancy.id, startsAt: ahead(2), purpose: '' });
		// The company's admin sees its company's visit and answers it.
		expect((await myVisits(s.firmAdmin)).map((v) => v.id)).toEqual([id]);
		expect((await visitDetail(s.firmAdmin, id)).actions).toEqual(['confirm', 'propose', 'cancel']);
		for (const actor of [s.resident, s.neighbour, s.rivalMember, s.otherDesk, s.outsider, s.engineer]) {
			await expect(visitDetail(actor, id)).rejects.toMatchObject({ status: 404 });
			await expect(cancelVisit(actor, id, {})).rejects.toMatchObject({ status: 404 });
		}
		expect(await myVisits(s.resident)).toEqual([]);
		await expect(visitDetail(s.resident, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
		// Staff of another estate cannot book with this estate's occupancy.
		await expect(bookVisit(s.otherDesk, { occupancyId: s.occupancy.id, startsAt: ahead(2) })).rejects.toMatchObject({ status: 404 });
		await expect(bookVisit(s.engineer, { occupancyId: s.occupancy.id, startsAt: ahead(2) })).rejects.toMatchObject({ status: 403 });
		// The party confirms the time it was shown, once.
		const [row] = await db().select().from(visits).where(eq(visits.id, id));
		await confirmVisit(s.firmAdmin, id, { shown: row!.startsAt.toISOString() });
		await expect(confirmVisit(s.firmAdmin, id, { shown: row!.startsAt.toISOString() })).rejects.toBeInstanceOf(StaleStateError);
		// The office moves it; the party's earlier answer no longer stands.
		await rebookVisit(s.desk, id, { startsAt: ahead(5), note: '' });
		expect(await stateOf(id)).toBe('booked');
		await expect(confirmVisit(s.firmAdmin, id, { shown: row!.startsAt.toISOString() })).rejects.toBeInstanceOf(StaleStateError);
		await cancelVisit(s.firmAdmin, id, { reason: 'Busy month' });
		expect(await stateOf(id)).toBe('cancelled');
		const [cancelled] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'cancelled')));
		expect(cancelled).toMatchObject({ fromState: 'booked', toState: 'cancelled', note: 'Busy month' });
	});

	it('plans every key account of the estate at once, passing over those already named and those that are not key accounts', async () => {
		const s = await setUp();
		const code = `key_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
		const [type] = await db()
			.insert(customerTypes)
			.values({ code, nameEn: 'Key account', nameZhHans: '重点客户', nameZhHant: '重點客戶', keyAccount: true })
			.returning();
		const firm = (
			await db().select({ companyId: occupancies.companyId }).from(occupancies).where(eq(occupancies.id, s.firmOccupancy.id))
		)[0]!;
		await db()
			.insert(customers)
			.values([
				{ companyId: firm.companyId!, typeId: type!.id },
				{ userId: s.person.id, typeId: type!.id }
			]);
		const year = 2026;
		// The person is in the plan already, twice a year: only the firm is added, four times a year.
		await addVisitTarget(s.desk, s.place.id, year, { party: `user:${s.person.id}`, times: 2 });
		expect(await addVisitTarget(s.desk, s.place.id, year, { party: 'key_accounts', times: 4 })).toBe(1);
		const plan = await visitPlan(s.desk, s.place.id, year);
		expect(plan.targets.map((t) => [t.kind, t.times]).sort()).toEqual([
			['company', 4],
			['person', 2]
		]);
		// The neighbour is no key account; asked again, nothing is left to add.
		await expect(addVisitTarget(s.desk, s.place.id, year, { party: 'key_accounts', times: 4 })).rejects.toMatchObject({ field: 'party' });
		// An estate with no key account says so at the field.
		const other = await estate();
		const otherDesk = await staffActor(['customer_service'], [other.id]);
		await expect(addVisitTarget(otherDesk, other.id, year, { party: 'key_accounts', times: 1 })).rejects.toMatchObject({ field: 'party' });
	});

	it('says at the field what is wrong with a time, the visit form or a follow-up', async () => {
		const s = await setUp();
		const past = localDateTimeValue(new Date(Date.now() - DAY), zone);
		await expect(bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: past })).rejects.toMatchObject({ field: 'startsAt' });
		await expect(bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: 'tomorrow' })).rejects.toMatchObject({ field: 'startsAt' });
		await expect(bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: ahead(400) })).rejects.toMatchObject({ field: 'startsAt' });
		await expect(addVisitTarget(s.desk, s.place.id, 2026, { party: `user:${s.person.id}`, times: 0 })).rejects.toMatchObject({
			field: 'times'
		});
		await expect(addVisitTarget(s.desk, s.place.id, 2026, { party: `user:${s.neighbour.userId}x`, times: 1 })).rejects.toMatchObject({
			field: 'party'
		});
		await addVisitTarget(s.desk, s.place.id, 2026, { party: `user:${s.person.id}`, times: 1 });
		await expect(addVisitTarget(s.desk, s.place.id, 2026, { party: `user:${s.person.id}`, times: 3 })).rejects.toMatchObject({
			field: 'party'
		});

		const { id } = await bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: ahead(2) });
		const [row] = await db().select().from(visits).where(eq(visits.id, id));
		await expect(proposeVisitTime(s.resident, id, { startsAt: past })).rejects.toMatchObject({ field: 'startsAt' });
		await expect(proposeVisitTime(s.resident, id, { startsAt: localDateTimeValue(row!.startsAt, zone) })).rejects.toMatchObject({
			field: 'startsAt'
		});
		await confirmVisit(s.desk, id, { shown: row!.startsAt.toISOString() });
		const today = businessToday({ timeZone: zone });
		await expect(holdVisit(s.desk, id, { opinions: ' ' })).rejects.toMatchObject({ field: 'opinions' });
		const talk = { opinions: 'Fine.' };
		await expect(holdVisit(s.desk, id, { ...talk, question: 'Parking?', ownerId: s.outsider.userId, dueOn: today })).rejects.toMatchObject({
			field: 'ownerId'
		});
		await expect(
			holdVisit(s.desk, id, { ...talk, question: 'Parking?', ownerId: s.engineer.userId, dueOn: addDays(today, -1) })
		).rejects.toMatchObject({
			field: 'dueOn'
		});
		await expect(holdVisit(s.desk, id, { ...talk, question: '', ownerId: s.engineer.userId, dueOn: today })).rejects.toMatchObject({
			field: 'question'
		});
		// Nothing was written by the refusals: the visit is still confirmed, and holds now.
		expect(await stateOf(id)).toBe('confirmed');
		await holdVisit(s.desk, id, talk);
		await addFollowUp(s.desk, id, { question: 'Parking?', ownerId: s.engineer.userId, dueOn: today });
		await expect(answerFollowUp(s.engineer, id, { followUpId: crypto.randomUUID(), answer: 'Yes' })).rejects.toMatchObject({
			field: 'followUpId'
		});
		const [followUp] = await db().select().from(visitFollowUps).where(eq(visitFollowUps.visitId, id));
		await expect(answerFollowUp(s.engineer, id, { followUpId: followUp!.id, answer: ' ' })).rejects.toMatchObject({ field: 'answer' });
	});

	it('shows a follow-up’s owner what they owe on the staff home and in their list, due first, overdue marked, until answered', async () => {
		const s = await setUp();
		const today = businessToday({ timeZone: zone });
		const { id } = await bookVisit(s.desk, { occupancyId: s.occupancy.id, startsAt: ahead(2) });
		const [row] = await db().select().from(visits).where(eq(visits.id, id));
		await confirmVisit(s.desk, id, { shown: row!.startsAt.toISOString() });
		await holdVisit(s.desk, id, {
			opinions: 'Fine.',
			question: 'When is the lift modernised?',
			ownerId: s.engineer.userId,
			dueOn: addDays(today, 3)
		});
		await addFollowUp(s.desk, id, { question: 'Can the bins move?', ownerId: s.engineer.userId, dueOn: addDays(today, 1) });

		const owed = await ownFollowUps(s.engineer);
		expect(owed.map((f) => [f.question, f.overdue])).toEqual([
			['Can the bins move?', false],
			['When is the lift modernised?', false]
		]);
		expect(owed[0]).toMatchObject({ visitId: id, reference: expect.stringMatching(/^V\d{6}$/), unit: `Block A ${s.unit.number}` });
		// Two days on, the first is past its day: the home's section counts it overdue and links to it on its visit.
		const later = localInstant(addDays(today, 2), 12 * 60, zone);
		const section = (await waitingForMe(s.engineer, { now: later })).find((x) => x.id === 'visit-follow-ups');
		expect(section).toMatchObject({ count: 2, overdue: 1, href: '/staff/visits/follow-ups' });
		expect(section!.items.map((i) => [i.href, i.overdue])).toEqual([
			[`/staff/visits/${id}#follow-up-${owed[0]!.id}`, true],
			[`/staff/visits/${id}#follow-up-${owed[1]!.id}`, false]
		]);
		// Nobody else's: the desk that wrote them owns none and gets no section; a resident is refused.
		expect(await ownFollowUps(s.desk)).toEqual([]);
		expect((await waitingForMe(s.desk, { now: later })).map((x) => x.id)).not.toContain('visit-follow-ups');
		await expect(ownFollowUps(s.resident)).rejects.toMatchObject({ status: 403 });

		// Answered, it leaves both.
		await answerFollowUp(s.engineer, id, { followUpId: owed[0]!.id, answer: 'Yes, next week.' });
		expect((await ownFollowUps(s.engineer)).map((f) => f.question)).toEqual(['When is the lift modernised?']);
		await answerFollowUp(s.engineer, id, { followUpId: owed[1]!.id, answer: 'Next year.' });
		expect((await waitingForMe(s.engineer, { now: later })).map((x) => x.id)).not.toContain('visit-follow-ups');
	});
});

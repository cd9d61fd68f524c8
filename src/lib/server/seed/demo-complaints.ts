/**
 * Complaints for the demo (rule 4): a few weeks of them in Harbour View, so the board has its
 * shares, a "call next" list and a serious complaint the manager directed. Chan Tai Man has one
 * resolved (he was satisfied, called back by phone) and one with engineering. Written directly,
 * as the complaint's own steps would have left them, with their events; nobody is notified.
 */
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { buildings, complaintKinds, complaints, estates, events, occupancies, units, users } from '../db/schema/index.ts';
import type { ComplaintEventKind } from '../complaints/event-kinds.ts';
import { demoResident } from './demo-data.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface DemoComplaint {
	who: 'chan' | number;
	kind: string;
	content: string;
	daysAgo: number;
	severity?: 'serious';
	channel?: 'portal' | 'phone' | 'counter';
	state: 'received' | 'assigned' | 'resolved' | 'closed';
	department?: 'engineering' | 'security' | 'customer_service';
	resolution?: string;
	satisfied?: boolean;
	callback?: boolean;
	malicious?: boolean;
}

const plan: readonly DemoComplaint[] = [
	{
		who: 'chan',
		kind: 'cleaning',
		content: 'The bin room on 12/F smells; it has not been cleaned for days.',
		daysAgo: 20,
		state: 'closed',
		department: 'customer_service',
		resolution: 'The cleaning contractor now cleans the bin rooms twice a day; we checked on 12/F.',
		satisfied: true,
		callback: true
	},
	{ who: 'chan', kind: 'noise', content: '樓上單位每晚十一點後仍有裝修噪音。', daysAgo: 2, state: 'assigned', department: 'engineering' },
	{
		who: 0,
		kind: 'service_attitude',
		content: 'The guard at the car park entrance was rude when I asked for help.',
		daysAgo: 9,
		state: 'resolved',
		department: 'security',
		resolution: 'The guard apologised and was reminded of our service standards.'
	},
	{
		who: 1,
		kind: 'repair_quality',
		content: '維修師傅兩次失約，冷氣仍然未修好。',
		daysAgo: 6,
		state: 'resolved',
		department: 'engineering',
		resolution: 'The air-conditioner was repaired on the third visit; we waived the call-out fee.',
		satisfied: false
	},
	{
		who: 2,
		kind: 'security',
		content: 'A stranger followed me into the lobby at night and the guard did not stop him.',
		daysAgo: 1,
		severity: 'serious',
		state: 'assigned',
		department: 'security',
		channel: 'phone'
	},
	{
		who: 3,
		kind: 'fees',
		content: 'I was charged twice for the management fee this month.',
		daysAgo: 4,
		state: 'received',
		channel: 'counter'
	},
	{
		who: 4,
		kind: 'facilities',
		content: 'The clubhouse pool has been closed for two weeks without notice.',
		daysAgo: 12,
		state: 'closed',
		department: 'customer_service',
		resolution: 'The pool reopened after the filter repair; a notice now explains closures.',
		satisfied: true
	},
	{
		who: 5,
		kind: 'other',
		content: 'Your staff are all thieves and I will not pay anything.',
		daysAgo: 15,
		state: 'resolved',
		malicious: true,
		resolution: 'We have looked into your concerns and found no irregularity; you are welcome to inspect your account at the counter.'
	}
];

export async function seedDemoComplaints(tx: Executor, now = new Date()): Promise<number> {
	const [hvg] = await tx.select({ id: estates.id }).from(estates).where(eq(estates.code, 'HVG'));
	if (!hvg) return 0;
	const kinds = new Map(
		(await tx.select({ id: complaintKinds.id, code: complaintKinds.code }).from(complaintKinds)).map((k) => [k.code, k.id])
	);
	const staff = new Map(
		(await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.kind, 'staff'))).map((u) => [u.email, u.id])
	);
	const desk = staff.get('service@lobby.test') ?? null;
	const manager = staff.get('manager@lobby.test') ?? null;
	const residents = await tx
		.select({
			occupancyId: occupancies.id,
			unitId: units.id,
			userId: users.id,
			name: users.name,
			phone: users.phone,
			email: users.email,
			building: buildings.code,
			number: units.number
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(users, eq(users.id, occupancies.userId))
		.where(and(eq(units.estateId, hvg.id), isNotNull(occupancies.userId), ne(users.email, 'neighbour@lobby.test')))
		.orderBy(asc(buildings.code), asc(units.number))
		.limit(40);
	const chan = residents.find((r) => r.email === demoResident.email);
	const others = residents.filter((r) => r !== chan);
	let count = 0;
	for (const c of plan) {
		const who = c.who === 'chan' ? chan : others[(c.who * 5) % Math.max(others.length, 1)];
		const kindId = kinds.get(c.kind);
		if (!who || !kindId) continue;
		const createdAt = new Date(now.getTime() - c.daysAgo * DAY - 3 * HOUR);
		const claimedAt = new Date(createdAt.getTime() + 40 * 60_000);
		const promised = new Date(claimedAt.getTime() + (c.daysAgo > 0 ? 4 * HOUR : 30 * HOUR));
		const assignedAt = new Date(claimedAt.getTime() + HOUR);
		const resolvedAt = c.resolution ? new Date(Math.min(now.getTime() - HOUR, assignedAt.getTime() + 2 * DAY)) : null;
		const owned = c.state !== 'received' || c.channel === 'counter';
		const [row] = await tx
			.insert(complaints)
			.values({
				estateId: hvg.id,
				unitId: who.unitId,
				kindId,
				severity: c.severity ?? 'normal',
				channel: c.channel ?? 'portal',
				state: c.state,
				content: c.content,
				complainantName: who.name,
				phone: who.phone ?? '',
				requesterId: who.userId,
				occupancyId: who.occupancyId,
				createdBy: c.channel ? desk : who.userId,
				ownerId: owned ? desk : null,
				promisedReplyBy: owned ? promised : null,
				promiseSetAt: owned ? claimedAt : null,
				repliedAt: resolvedAt,
				department: c.department ?? null,
				departmentDueAt: c.department ? new Date(assignedAt.getTime() + 3 * DAY) : null,
				responsibleId: c.severity ? (staff.get('security@lobby.test') ?? null) : null,
				fixPlan: c.severity ? 'Review the lobby CCTV with security and meet the resident in person.' : '',
				resolution: c.resolution ?? '',
				resolvedAt,
				resolvedBy: resolvedAt ? desk : null,
				resolverSignedName: resolvedAt ? (c.malicious ? 'Siu Chun Hung 蕭俊雄' : 'Yeung Hoi Ying 楊凱瑩') : null,
				malicious: c.malicious ?? false,
				satisfied: c.satisfied ?? null,
				satisfactionAt: c.satisfied === undefined ? null : new Date(resolvedAt!.getTime() + 5 * HOUR),
				callbackAt: c.callback ? new Date(resolvedAt!.getTime() + DAY) : null,
				callbackBy: c.callback ? desk : null,
				callbackMode: c.callback ? 'phone' : null,
				callbackSatisfied: c.callback ? true : null,
				closedAt: c.state === 'closed' ? new Date(resolvedAt!.getTime() + 2 * DAY) : null,
				createdAt,
				updatedAt: createdAt
			})
			.returning({ id: complaints.id });
		const id = row!.id;
		const log = (kind: ComplaintEventKind, at: Date, actorId: string | null, note = '', data: Record<string, unknown> = {}) =>
			tx.insert(events).values({ subjectType: 'complaint', subjectId: id, kind, at, actorId, note, data });
		await log('filed', createdAt, c.channel ? desk : who.userId, '', { channel: c.channel ?? 'portal', severity: c.severity ?? 'normal' });
		if (owned) await log('claimed', claimedAt, desk, '', { promisedReplyBy: promised.toISOString() });
		if (c.severity) await log('escalated', claimedAt, desk, 'The resident felt unsafe.');
		if (c.department && c.severity)
			await log('directed', assignedAt, manager, 'Review the lobby CCTV with security and meet the resident in person.', {
				department: c.department
			});
		else if (c.department) await log('assigned', assignedAt, desk, '', { department: c.department });
		if (resolvedAt) await log(c.malicious ? 'marked_malicious' : 'resolved', resolvedAt, c.malicious ? manager : desk, c.resolution ?? '');
		if (c.satisfied !== undefined)
			await log('satisfaction_answered', new Date(resolvedAt!.getTime() + 5 * HOUR), null, '', { satisfied: c.satisfied });
		if (c.callback) await log('called_back', new Date(resolvedAt!.getTime() + DAY), desk, '', { mode: 'phone', satisfied: true });
		if (c.state === 'closed') await log('closed', new Date(resolvedAt!.getTime() + 2 * DAY), desk);
		count++;
	}
	return count;
}

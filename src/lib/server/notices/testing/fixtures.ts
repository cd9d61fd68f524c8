// Test data for the notices' integration tests: an estate of two buildings with owners and a
// renter, the office of the estate, another estate's office and a department without notices.
import { eq } from 'drizzle-orm';
import { jobHandlers } from '../../boot/job-handlers.ts';
import { db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { runDueJobs } from '../../jobs/queue.ts';
import { actorOf, building, estate, occupy, residentUser, staffActor, unitsIn } from '../../property/testing/fixtures.ts';

export async function noticeWorld() {
	const place = await estate();
	const blockA = await building(place.id, 'A');
	const blockB = await building(place.id, 'B');
	const [a1, a2] = await unitsIn(blockA, 2);
	const [b1] = await unitsIn(blockB, 1);
	const person = async (name: string, unitId: string, role: 'owner' | 'renter' = 'owner') => {
		const user = await residentUser(name);
		await db().update(users).set({ phone: '+852 9123 4567' }).where(eq(users.id, user.id));
		const occupancy = await occupy(unitId, { userId: user.id }, role);
		return { user, occupancy, actor: await actorOf(user.id) };
	};
	const elsewhere = await estate();
	return {
		place,
		blockA,
		blockB,
		a1: a1!,
		a2: a2!,
		b1: b1!,
		residentA: await person('Mei Lin', a1!.id),
		renterA: await person('Ka Ho', a2!.id, 'renter'),
		residentB: await person('Wing', b1!.id),
		office: await staffActor(['customer_service'], [place.id]),
		otherOffice: await staffActor(['customer_service'], [elsewhere.id]),
		finance: await staffActor(['finance'], [place.id])
	};
}

export type NoticeWorld = Awaited<ReturnType<typeof noticeWorld>>;

/** The notice form's fields for Block A, published now unless `extra` says otherwise. */
export const noticeForm = (s: NoticeWorld, extra: Record<string, unknown> = {}) => ({
	estateId: s.place.id,
	titleEn: 'Water cut on Friday',
	titleHant: '星期五停水',
	titleHans: '',
	bodyEn: 'The water is cut from 10:00 to 14:00.',
	bodyHant: '',
	bodyHans: '',
	targets: [`building:${s.blockA.id}`],
	...extra
});

/** Runs the jobs due at `now`, as a worker of the app would. */
export const runNoticeJobs = (now = new Date()) => runDueJobs({ handlers: jobHandlers, workerId: 'test', now });

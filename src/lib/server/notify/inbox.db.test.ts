import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import * as residentInbox from '../../../routes/app/inbox/+page.server.ts';
import * as staffInbox from '../../../routes/staff/inbox/+page.server.ts';
import * as residentLayout from '../../../routes/app/+layout.server.ts';
import { actorFor, makeStaff, makeUser } from '../residents/test-fixtures.ts';
import { INBOX_PAGE_SIZE, listInbox, markAllRead, openNotification, unreadCount } from './inbox.ts';
import { notify } from './notify.ts';

let alice: Actor;
let bob: Actor;
let clerk: Actor;

/** Inserts n notifications for the user, one second apart (the last one newest). */
async function seed(userId: string, n: number, prefix: string) {
	const base = Date.parse('2026-05-01T00:00:00Z');
	await db()
		.insert(notifications)
		.values(
			Array.from({ length: n }, (_, i) => ({
				userId,
				kind: 'repair.updated',
				subjectType: 'repair',
				subjectId: `R-${i}`,
				title: `${prefix} ${i}`,
				body: `Body ${i}`,
				link: `/app/repairs/R-${i}`,
				// Two rows share a timestamp so the keyset must break the tie by id.
				createdAt: new Date(base + Math.max(i, 1) * 1000)
			}))
		);
}

async function idOf(title: string) {
	const [row] = await db().select().from(notifications).where(eq(notifications.title, title));
	return row!.id;
}

beforeAll(async () => {
	alice = await actorFor((await makeUser('Alice Inbox')).id);
	bob = await actorFor((await makeUser('Bob Inbox')).id);
	clerk = await actorFor((await makeStaff('Cleo Inbox', ['customer_service'])).id);
	await seed(alice.userId, INBOX_PAGE_SIZE + 5, 'Alice');
	await seed(clerk.userId, 2, 'Clerk');
});

describe('the inbox', () => {
	it('lists the actor’s own notifications newest first across keyset pages without gaps or repeats', async () => {
		const first = await listInbox(alice);
		expect(first.items).toHaveLength(INBOX_PAGE_SIZE);
		expect(first.items[0]!.title).toBe(`Alice ${INBOX_PAGE_SIZE + 4}`);
		expect(first.items.every((item) => !item.read)).toBe(true);
		const second = await listInbox(alice, first.next);
		expect(second.next).toBeNull();
		const titles = [...first.items, ...second.items].map((item) => item.title);
		expect(new Set(titles).size).toBe(INBOX_PAGE_SIZE + 5);
		expect(titles.slice(-2).sort()).toEqual(['Alice 0', 'Alice 1']);
	});

	it('shows another user nothing of it, even with a cursor taken from it', async () => {
		expect(await listInbox(bob)).toEqual({ items: [], next: null, timeZone: DEFAULT_TIME_ZONE });
		const { next } = await listInbox(alice);
		expect((await listInbox(bob, next)).items).toEqual([]);
		expect(await unreadCount(bob)).toBe(0);
		const page = await residentInbox.load(fakeEvent({ actor: bob, path: '/app/inbox' }));
		expect(page).toMatchObject({ items: [], unread: 0, paged: false });
	});

	it('opening marks the notification read and follows its link', async () => {
		const id = await idOf('Alice 30');
		const before = await unreadCount(alice);
		const result = await thrown(() => residentInbox.actions.open(fakeEvent({ actor: alice, form: { id } })));
		expect(result).toMatchObject({ status: 303, location: '/app/repairs/R-30' });
		expect(await unreadCount(alice)).toBe(before - 1);
		const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
		expect(row!.readAt).not.toBeNull();

		// Opening it again keeps the first reading time.
		await openNotification(alice, id, new Date('2030-01-01T00:00:00Z'));
		const [again] = await db().select().from(notifications).where(eq(notifications.id, id));
		expect(again!.readAt!.toISOString()).toBe(row!.readAt!.toISOString());
		expect((await listInbox(alice)).items.find((item) => item.id === id)?.read).toBe(true);
	});

	it('answers 404 to another user opening it, and to ids that are no notification', async () => {
		const id = await idOf('Alice 4');
		for (const form of [{ id }, { id: 'not-a-uuid' }, { id: '00000000-0000-4000-8000-000000000000' }, {}] as Record<string, string>[]) {
			const result = await thrown(() => residentInbox.actions.open(fakeEvent({ actor: bob, form })));
			expect(result).toMatchObject({ status: 404 });
		}
		const staffTry = await thrown(() => staffInbox.actions.open(fakeEvent({ actor: clerk, form: { id } })));
		expect(staffTry).toMatchObject({ status: 404 });
		const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
		expect(row!.readAt).toBeNull();
	});

	it('refuses the signed-out', async () => {
		expect(await thrown(() => residentInbox.load(fakeEvent({ path: '/app/inbox' })))).toMatchObject({ status: 401 });
		expect(await thrown(() => staffInbox.actions.readAll(fakeEvent({ form: {} })))).toMatchObject({ status: 401 });
	});

	it('counts unread ones for the tab badge, and "mark all read" clears only the actor’s own', async () => {
		const layout = await residentLayout.load(fakeEvent({ actor: alice, path: '/app' }));
		const unread = await unreadCount(alice);
		expect(unread).toBeGreaterThan(0);
		expect(layout).toMatchObject({ unreadCount: unread });

		const result = await thrown(() => residentInbox.actions.readAll(fakeEvent({ actor: alice, form: {} })));
		expect(result).toMatchObject({ status: 303, location: '/app/inbox' });
		expect(await unreadCount(alice)).toBe(0);
		expect(await markAllRead(alice)).toBe(0);
		expect(await unreadCount(clerk)).toBe(2);
	});

	it('works the same for staff at /staff/inbox', async () => {
		const page = await staffInbox.load(fakeEvent({ actor: clerk, path: '/staff/inbox' }));
		expect(page.items.map((item) => item.title).sort()).toEqual(['Clerk 0', 'Clerk 1']);
		expect(page.unread).toBe(2);
		const id = await idOf('Clerk 1');
		const result = await thrown(() => staffInbox.actions.open(fakeEvent({ actor: clerk, form: { id } })));
		expect(result).toMatchObject({ status: 303, location: '/app/repairs/R-1' });
		expect(await unreadCount(clerk)).toBe(1);
	});

	it('shows what notify() wrote, to its recipient only', async () => {
		await notify(db(), {
			userIds: [bob.userId],
			kind: 'repair.scheduled',
			subject: { type: 'repair', id: 'R-9' },
			link: '/app/repairs/R-9',
			message: () => ({ title: 'Visit booked', body: 'Tuesday 10:00' }),
			channels: ['inbox']
		});
		expect((await listInbox(bob)).items).toMatchObject([{ title: 'Visit booked', body: 'Tuesday 10:00', read: false }]);
		expect((await listInbox(alice)).items.some((item) => item.title === 'Visit booked')).toBe(false);
	});
});

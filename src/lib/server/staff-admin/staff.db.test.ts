import { beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, outbox, sessions, users } from '../db/schema/index.ts';
import { runMailJobs } from '../notify/testing.ts';
import { createSession, validateSessionToken } from '../auth/sessions.ts';
import { resetLinkIsUsable } from '../accounts/password-reset.ts';
import type { Actor } from '../auth/actor.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import * as listRoute from '../../../routes/staff/admin/staff/+page.server.ts';
import * as newRoute from '../../../routes/staff/admin/staff/new/+page.server.ts';
import * as editRoute from '../../../routes/staff/admin/staff/[id]/+page.server.ts';
import { listStaff, setStaffDisabled, staffMember, updateStaffAccess } from './staff.ts';
import { actorFor, makeEstate, makeStaff, makeUser } from '../residents/test-fixtures.ts';

type FormResult = { status?: number; data?: { form: { errors: Record<string, unknown> } } };

let admin: Actor;
let clerk: Actor;
let north: string;
let south: string;

async function lastAudit(subjectId: string) {
	return db().select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(desc(auditLog.id));
}

beforeAll(async () => {
	north = (await makeEstate('North Estate')).estate.id;
	south = (await makeEstate('South Tower')).estate.id;
	admin = await actorFor((await makeStaff('Ada Admin', ['admin'])).id);
	clerk = await actorFor((await makeStaff('Cleo Clerk', ['customer_service'], [north])).id);
});

describe('staff administration permissions', () => {
	it('refuses staff without staff.manage with 403 on pages, actions and services', async () => {
		const target = await makeStaff('Target', ['engineering']);
		const attempts = [
			() => listRoute.load(fakeEvent({ actor: clerk })),
			() => newRoute.load(fakeEvent({ actor: clerk })),
			() =>
				newRoute.actions.default(
					fakeEvent({ actor: clerk, form: { name: 'Sneaky', email: 'sneaky@example.com', phone: '', roles: ['admin'] } })
				),
			() => editRoute.load(fakeEvent({ actor: clerk, params: { id: target.id } })),
			() => editRoute.actions.access(fakeEvent({ actor: clerk, params: { id: clerk.userId }, form: { roles: ['admin'] } })),
			() => editRoute.actions.disable(fakeEvent({ actor: clerk, params: { id: target.id }, form: {} })),
			() => listStaff(clerk)
		];
		for (const attempt of attempts) expect((await thrown(attempt)).status).toBe(403);
		expect((await staffMember(admin, clerk.userId)).roles).toEqual(['customer_service']);
		expect((await staffMember(admin, target.id)).disabled).toBe(false);
	});

	it('answers 404 for an unknown or malformed staff id', async () => {
		for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
			expect((await thrown(() => editRoute.load(fakeEvent({ actor: admin, params: { id } })))).status).toBe(404);
		}
	});
});

describe('creating staff accounts', () => {
	it('creates a staff account with roles and estates, emails a set-password link, and audits it', async () => {
		const result = (await newRoute.actions.default(
			fakeEvent({
				actor: admin,
				ip: '198.51.100.4',
				form: {
					name: 'Eng Eddie',
					email: 'Eddie@Example.com',
					phone: '+852 2345 6789',
					roles: ['engineering', 'security'],
					estateIds: [north, south]
				}
			})
		)) as { created: { userId: string; email: string } };

		const { userId } = result.created;
		const member = await staffMember(admin, userId);
		expect(member).toMatchObject({ name: 'Eng Eddie', email: 'eddie@example.com', phone: '+852 2345 6789', disabled: false });
		expect(member.roles.sort()).toEqual(['engineering', 'security']);
		expect(member.estates.map((e) => e.name)).toEqual(['North Estate', 'South Tower']);
		const [user] = await db().select().from(users).where(eq(users.id, userId));
		expect(user).toMatchObject({ kind: 'staff', passwordHash: null });
		// The set-password mail is a durable job written with the account; the runner writes it to the outbox.
		expect(await db().select().from(outbox).where(eq(outbox.recipient, 'eddie@example.com'))).toEqual([]);
		await runMailJobs();
		const mail = await db().select().from(outbox).where(eq(outbox.recipient, 'eddie@example.com'));
		expect(mail).toHaveLength(1);
		const token = /\/reset\/([a-z0-9]+)/.exec(mail[0]!.body)?.[1];
		expect(await resetLinkIsUsable(token ?? '')).toBe(true);
		const [audit] = await lastAudit(userId);
		expect(audit).toMatchObject({ action: 'staff.created', actorId: admin.userId, ip: '198.51.100.4' });
		expect(JSON.stringify(audit!.detail)).not.toContain(token);
	});

	it('reports a taken email and a missing role on the form', async () => {
		await makeStaff('Existing', ['finance']).then(async (u) => {
			const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, u.id));
			const taken = (await newRoute.actions.default(
				fakeEvent({ actor: admin, form: { name: 'Dup', email: row!.email.toUpperCase(), phone: '', roles: ['finance'] } })
			)) as FormResult;
			expect(taken.status).toBe(400);
			expect(taken.data!.form.errors.email).toEqual(['An account with this email already exists.']);
		});

		const noRole = (await newRoute.actions.default(
			fakeEvent({ actor: admin, form: { name: 'Nobody', email: 'nobody@example.com', phone: '' } })
		)) as FormResult;
		expect(noRole.status).toBe(400);
		expect(noRole.data!.form.errors.roles).toMatchObject({ _errors: ['Tick at least one role.'] });
		expect(await db().select().from(users).where(eq(users.email, 'nobody@example.com'))).toEqual([]);
	});

	it('refuses an estate id that does not exist', async () => {
		const result = (await newRoute.actions.default(
			fakeEvent({
				actor: admin,
				form: {
					name: 'Ghost',
					email: 'ghost@example.com',
					phone: '',
					roles: ['security'],
					estateIds: ['00000000-0000-4000-8000-000000000000']
				}
			})
		)) as FormResult;
		expect(result.status).toBe(400);
		expect(result.data!.form.errors.estateIds).toMatchObject({ _errors: [expect.stringContaining('no longer exists')] });
		expect(await db().select().from(users).where(eq(users.email, 'ghost@example.com'))).toEqual([]);
	});
});

describe('editing staff access', () => {
	it('replaces roles and estates and audits before and after', async () => {
		const sam = await makeStaff('Sam', ['customer_service'], [north]);

		await editRoute.actions.access(
			fakeEvent({ actor: admin, params: { id: sam.id }, form: { roles: ['manager', 'finance'], estateIds: [south] } })
		);

		const member = await staffMember(admin, sam.id);
		expect(member.roles.sort()).toEqual(['finance', 'manager']);
		expect(member.estates.map((e) => e.id)).toEqual([south]);
		const [audit] = await lastAudit(sam.id);
		expect(audit).toMatchObject({
			action: 'staff.access_changed',
			detail: { before: { roles: ['customer_service'], estateIds: [north] }, after: { estateIds: [south] } }
		});
	});

	it('does not let an admin remove their own admin role', async () => {
		const result = (await editRoute.actions.access(
			fakeEvent({ actor: admin, params: { id: admin.userId }, form: { roles: ['manager'], estateIds: [] } })
		)) as FormResult;

		expect(result.status).toBe(400);
		expect(result.data!.form.errors.roles).toMatchObject({ _errors: [expect.stringContaining('own administrator role')] });
		expect((await staffMember(admin, admin.userId)).roles).toEqual(['admin']);
		await expect(updateStaffAccess(admin, admin.userId, { roles: ['finance'], estateIds: [] })).rejects.toMatchObject({
			field: 'roles',
			message: expect.stringContaining('own administrator role')
		});
	});

	it('lets an admin keep admin and add roles to themselves', async () => {
		const selfAdmin = await actorFor((await makeStaff('Second Admin', ['admin'])).id);
		await updateStaffAccess(selfAdmin, selfAdmin.userId, { roles: ['admin', 'manager'], estateIds: [] });
		expect((await staffMember(selfAdmin, selfAdmin.userId)).roles.sort()).toEqual(['admin', 'manager']);
	});
});

describe('disabling staff', () => {
	it('disables an account, ends all its sessions at once, audits it, and can enable it again', async () => {
		const leaver = await makeStaff('Leaver', ['security'], [north]);
		const phone = await createSession(leaver.id);
		const laptop = await createSession(leaver.id);

		const result = await editRoute.actions.disable(fakeEvent({ actor: admin, params: { id: leaver.id }, form: {} }));

		expect(result).toMatchObject({ statusDone: expect.any(String) });
		expect(await db().select().from(sessions).where(eq(sessions.userId, leaver.id))).toEqual([]);
		expect(await validateSessionToken(phone.token)).toBeNull();
		expect(await validateSessionToken(laptop.token)).toBeNull();
		expect((await staffMember(admin, leaver.id)).disabled).toBe(true);
		expect((await lastAudit(leaver.id))[0]).toMatchObject({ action: 'staff.disabled', actorId: admin.userId });

		await editRoute.actions.enable(fakeEvent({ actor: admin, params: { id: leaver.id }, form: {} }));
		expect((await staffMember(admin, leaver.id)).disabled).toBe(false);
		expect((await lastAudit(leaver.id))[0]).toMatchObject({ action: 'staff.enabled' });
	});

	it('does not let an admin disable themselves', async () => {
		const session = await createSession(admin.userId);
		const result = (await editRoute.actions.disable(fakeEvent({ actor: admin, params: { id: admin.userId }, form: {} }))) as {
			status: number;
		};
		expect(result.status).toBe(400);
		await expect(setStaffDisabled(admin, admin.userId, true)).rejects.toMatchObject({
			field: '',
			message: 'You cannot disable your own account.'
		});
		expect((await staffMember(admin, admin.userId)).disabled).toBe(false);
		expect(await validateSessionToken(session.token)).not.toBeNull();
	});
});

describe('listing staff', () => {
	it('lists staff accounts only, with roles and estates', async () => {
		const resident = await makeUser('Resident Rita');
		const staff = await listStaff(admin);
		expect(staff.map((s) => s.id)).not.toContain(resident.id);
		expect(staff.find((s) => s.id === clerk.userId)).toMatchObject({
			roles: ['customer_service'],
			estates: [{ id: north, name: 'North Estate' }]
		});
	});
});

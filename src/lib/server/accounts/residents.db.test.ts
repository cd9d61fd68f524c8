import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, occupancies, users } from '../db/schema/index.ts';
import { createResidentAccount } from './residents.ts';
import { resetPassword } from './password-reset.ts';
import { signIn } from './login.ts';
import { createStaff, createUnit, createUser, fromLatestMail, mailTo } from './test-data.ts';

const resident = (unitId: string, email: string) => ({
	unitId,
	role: 'owner' as const,
	name: 'Tam Chi Keung',
	email,
	phone: '+852 2345 6789'
});

describe('createResidentAccount', () => {
	it('creates an account without a password and the occupancy, and emails a password link', async () => {
		const { estateId, unitId } = await createUnit();
		const staff = await createStaff(['customer_service'], [estateId]);
		const { userId, created } = await createResidentAccount(staff, resident(unitId, 'Tam@Example.com'));
		expect(created).toBe(true);
		const [user] = await db().select().from(users).where(eq(users.id, userId));
		expect(user).toMatchObject({ email: 'tam@example.com', kind: 'resident', passwordHash: null });
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.userId, userId));
		expect(occupancy).toMatchObject({ unitId, role: 'owner' });
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.actorId, staff.userId));
		expect(audit?.action).toBe('resident.account_created');

		expect((await signIn({ email: 'tam@example.com', password: '', ip: '192.0.2.5' })).ok).toBe(false);
		const token = await fromLatestMail('tam@example.com', /\/reset\/([a-z0-9]+)/);
		await resetPassword(token, { password: 'my first password', confirm: 'my first password' });
		expect((await signIn({ email: 'tam@example.com', password: 'my first password', ip: '192.0.2.5' })).ok).toBe(true);
	});

	it('links a resident who already has an account, without another email', async () => {
		const { estateId, unitId } = await createUnit();
		const staff = await createStaff(['manager'], [estateId]);
		const existing = await createUser({ email: 'already@example.com' });
		expect(await createResidentAccount(staff, resident(unitId, 'already@example.com'))).toEqual({
			userId: existing.id,
			created: false
		});
		expect(await mailTo('already@example.com')).toHaveLength(0);
		await expect(createResidentAccount(staff, resident(unitId, 'already@example.com'))).rejects.toMatchObject({ field: 'email' });
	});

	it('is refused without the permission, outside the estates, and for bad input', async () => {
		const { estateId, unitId } = await createUnit();
		const security = await createStaff(['security'], [estateId]);
		await expect(createResidentAccount(security, resident(unitId, 'a@example.com'))).rejects.toMatchObject({ status: 403 });
		const other = await createStaff(['customer_service'], [(await createUnit()).estateId]);
		await expect(createResidentAccount(other, resident(unitId, 'b@example.com'))).rejects.toMatchObject({ status: 404 });
		const staff = await createStaff(['customer_service'], [estateId]);
		await expect(createResidentAccount(staff, resident(unitId, 'not-an-email'))).rejects.toMatchObject({ field: 'email' });
		await expect(createResidentAccount(staff, { ...resident(unitId, 'c@example.com'), name: 'x'.repeat(1000) })).rejects.toMatchObject({
			field: 'name'
		});
		expect(await db().select().from(occupancies).where(eq(occupancies.unitId, unitId))).toHaveLength(0);
	});
});

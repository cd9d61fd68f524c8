import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { db, queryRows } from '../db/client.ts';
import { auditLog, occupancies, oneTimeCodes, users } from '../db/schema/index.ts';
import { hashSecret } from '../auth/tokens.ts';
import { issueUnitInvitation } from './invitations.ts';
import { joinWithInvitation, redeemInvitation } from './join.ts';
import { normalizeCode } from './codes.ts';
import { actorOf, createStaff, createUnit, createUser, mailTo } from './test-data.ts';

const person = (code: string, email: string) => ({
	code,
	name: 'Lee Wai Man',
	email,
	phone: '+852 6123 4567',
	password: 'my long password',
	confirm: 'my long password'
});

describe('issueUnitInvitation', () => {
	it('stores only the hash of a 14-day code, audits it and emails it', async () => {
		const { estateId, unitId } = await createUnit();
		const staff = await createStaff(['customer_service'], [estateId]);
		const before = Date.now();
		const { code, expiresAt } = await issueUnitInvitation(staff, { unitId, role: 'owner', email: 'New.Owner@Example.com' });
		expect(code).toMatch(/^[A-KM-NP-Z2-9]{4}-[A-KM-NP-Z2-9]{4}-[A-KM-NP-Z2-9]{2}$/);
		expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(14 * 86_400_000 - 1000);
		expect(expiresAt.getTime() - before).toBeLessThanOrEqual(14 * 86_400_000 + 5000);

		const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.unitId, unitId));
		expect(row).toMatchObject({ purpose: 'unit_invitation', grantRole: 'owner', email: 'new.owner@example.com', createdBy: staff.userId });
		expect(Buffer.from(row!.codeHash)).toEqual(Buffer.from(hashSecret(normalizeCode(code)!)));
		const dump = JSON.stringify(await queryRows(db(), sql`select * from one_time_codes`)).toLowerCase();
		expect(dump).not.toContain(normalizeCode(code));

		const [audit] = await db().select().from(auditLog).where(eq(auditLog.subjectId, unitId));
		expect(audit).toMatchObject({ action: 'invitation.issued', actorId: staff.userId });
		const [mail] = await mailTo('new.owner@example.com');
		expect(mail?.body).toContain(code);
		expect(mail?.body).toContain(`/join?code=${code}`);
		expect(mail?.body).toContain('Harbour View Tower A 12A');
	});

	it('is refused without the permission (403) and outside the staff estates (404)', async () => {
		const { estateId, unitId } = await createUnit();
		const engineer = await createStaff(['engineering'], [estateId]);
		await expect(issueUnitInvitation(engineer, { unitId, role: 'owner' })).rejects.toMatchObject({ status: 403 });
		const elsewhere = await createStaff(['customer_service'], [(await createUnit()).estateId]);
		await expect(issueUnitInvitation(elsewhere, { unitId, role: 'owner' })).rejects.toMatchObject({ status: 404 });
		await expect(issueUnitInvitation(elsewhere, { unitId: 'not-a-uuid', role: 'owner' })).rejects.toMatchObject({ status: 404 });
		const resident = await actorOf((await createUser()).id);
		await expect(issueUnitInvitation(resident, { unitId, role: 'owner' })).rejects.toMatchObject({ status: 403 });
		expect(await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.unitId, unitId))).toHaveLength(0);
	});

	it('lets an admin issue for any estate, without an email', async () => {
		const { unitId } = await createUnit();
		const admin = await createStaff(['admin']);
		const { code } = await issueUnitInvitation(admin, { unitId, role: 'renter' });
		expect(code).toHaveLength(12);
	});
});

describe('joining with a unit invitation', () => {
	it('creates the resident, the occupancy from today and spends the code, once only', async () => {
		const { estateId, unitId } = await createUnit();
		const staff = await createStaff(['manager'], [estateId]);
		const { code } = await issueUnitInvitation(staff, { unitId, role: 'renter' });
		const { user, granted } = await joinWithInvitation(person(code.toLowerCase(), 'lee@example.com'));
		expect(granted).toEqual({ kind: 'unit', unitId });

		const [account] = await db().select().from(users).where(eq(users.id, user.id));
		expect(account).toMatchObject({ email: 'lee@example.com', kind: 'resident', name: 'Lee Wai Man' });
		expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.userId, user.id));
		expect(occupancy).toMatchObject({ unitId, role: 'renter', endsOn: null });
		const [spent] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.unitId, unitId));
		expect(spent?.usedBy).toBe(user.id);

		await expect(joinWithInvitation(person(code, 'someone-else@example.com'))).rejects.toMatchObject({
			field: 'code',
			message: expect.stringMatching(/already been used/)
		});
		expect(await db().select().from(users).where(eq(users.email, 'someone-else@example.com'))).toHaveLength(0);
	});

	it('refuses an expired code and an unknown code at the code field', async () => {
		const { unitId } = await createUnit();
		const admin = await createStaff(['admin']);
		const { code } = await issueUnitInvitation(admin, { unitId, role: 'owner' });
		const in15Days = new Date(Date.now() + 15 * 86_400_000);
		await expect(joinWithInvitation(person(code, 'late@example.com'), { now: in15Days })).rejects.toMatchObject({
			field: 'code',
			message: expect.stringMatching(/expired/)
		});
		await expect(joinWithInvitation(person('ABCD-EFGH-JK', 'guess@example.com'))).rejects.toMatchObject({
			field: 'code',
			message: expect.stringMatching(/do not recognise/)
		});
		expect(await db().select().from(users).where(eq(users.email, 'late@example.com'))).toHaveLength(0);
	});

	it('asks an existing account holder to sign in first, and then links the unit to that account', async () => {
		const { unitId } = await createUnit();
		const admin = await createStaff(['admin']);
		const existing = await createUser({ email: 'has-account@example.com' });
		const { code } = await issueUnitInvitation(admin, { unitId, role: 'owner' });
		await expect(joinWithInvitation(person(code, 'Has-Account@example.com'))).rejects.toMatchObject({ field: 'email' });
		const [open] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.unitId, unitId));
		expect(open?.usedAt).toBeNull();

		const actor = await actorOf(existing.id);
		expect(await redeemInvitation(actor, { code })).toEqual({ kind: 'unit', unitId });
		const rows = await db()
			.select()
			.from(occupancies)
			.where(and(eq(occupancies.userId, existing.id), eq(occupancies.unitId, unitId)));
		expect(rows).toHaveLength(1);
	});

	it('does not let staff redeem codes', async () => {
		const { unitId } = await createUnit();
		const admin = await createStaff(['admin']);
		const { code } = await issueUnitInvitation(admin, { unitId, role: 'owner' });
		await expect(redeemInvitation(admin, { code })).rejects.toMatchObject({ status: 403 });
	});
});

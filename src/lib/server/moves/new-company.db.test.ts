import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { inputErrorOf } from '../../../../tests/request-event.ts';
import { db } from '../db/client.ts';
import { auditLog, companyMembers, events, moves, oneTimeCodes, residentCompanies } from '../db/schema/index.ts';
import { actorOf, staffActor } from '../property/testing/fixtures.ts';
import { billingEstate, fixtureToday } from '../fees/test-fixtures.ts';
import { fromLatestMail } from '../accounts/test-data.ts';
import { joinWithInvitation } from '../accounts/join.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { readMove } from './access.ts';
import { cancelMove, openMoveIn, signMoveInRules } from './move-in.ts';

const today = fixtureToday();
let n = 0;
/** A company name and registration number no other test uses. */
const fresh = () => {
	n += 1;
	const tag = `${Date.now().toString(36)}${n}`;
	return { name: `Harbour Lights ${tag} Ltd 港燈${tag}有限公司`, registrationNo: `CR ${tag.toUpperCase()}` };
};

async function setUp() {
	const place = await billingEstate();
	return { place, desk: await staffActor(['customer_service'], [place.estate.id]) };
}

const newCompany = (
	company: { name: string; registrationNo: string },
	admin = `admin.${company.registrationNo.slice(3).toLowerCase()}@example.test`
) => ({
	partyType: 'new_company',
	companyName: company.name,
	registrationNo: company.registrationNo,
	adminName: 'Ip Wing Sze 葉詠詩',
	adminEmail: admin,
	adminPhone: '+852 9123 4567',
	role: 'renter',
	startsOn: today
});

describe('a move-in for a company new to the registry', () => {
	it('registers the company with the case, invites its administrator, who joins with a new account and signs the rules as the moving party', async () => {
		const { place, desk } = await setUp();
		const unit = await place.unit('120.00', 'office', null);
		const company = fresh();
		const input = newCompany(company);
		const { id } = await openMoveIn(desk, unit.id, input);

		const [row] = await db().select().from(residentCompanies).where(eq(residentCompanies.name, company.name));
		expect(row).toMatchObject({ registrationNo: company.registrationNo });
		const move = await db().select().from(moves).where(eq(moves.id, id));
		expect(move[0]).toMatchObject({ partyCompanyId: row!.id, partyUserId: null, role: 'renter', state: 'open' });
		// One invitation, for the admin role of this company, to the address given; the audit names who registered it.
		const invitations = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.companyId, row!.id));
		expect(invitations.map((i) => [i.purpose, i.grantRole, i.email, i.createdBy])).toEqual([
			['company_invitation', 'admin', input.adminEmail, desk.userId]
		]);
		const audits = await db().select().from(auditLog).where(eq(auditLog.subjectId, row!.id)).orderBy(asc(auditLog.id));
		expect(audits.map((a) => [a.action, a.actorId])).toEqual([
			['company.registered', desk.userId],
			['company.member_invited', desk.userId]
		]);
		expect(audits[0]!.detail).toMatchObject({ admin: { name: 'Ip Wing Sze 葉詠詩', email: input.adminEmail, phone: '+852 9123 4567' } });
		// The move's first event records what was registered and whom it invited.
		const [opened] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'move'), eq(events.subjectId, id)));
		expect(opened).toMatchObject({ kind: 'opened', note: company.name });
		expect(opened!.data).toMatchObject({ newCompany: { companyId: row!.id, registrationNo: company.registrationNo } });
		// Nobody occupies the unit while the case is open.
		expect(await currentOccupancies(db(), [unit.id])).toEqual([]);

		// The administrator joins with the emailed code (a new account), as the company's admin…
		const code = await fromLatestMail(input.adminEmail, /\/join\?code=([A-Z0-9-]+)/);
		const { user, granted } = await joinWithInvitation({
			code,
			name: 'Ip Wing Sze 葉詠詩',
			email: input.adminEmail,
			phone: '+852 9123 4567',
			password: 'harbour lights 1',
			confirm: 'harbour lights 1'
		});
		expect(granted).toEqual({ kind: 'company', companyId: row!.id });
		const [member] = await db().select().from(companyMembers).where(eq(companyMembers.userId, user.id));
		expect(member).toMatchObject({ companyId: row!.id, role: 'admin' });
		// …and acts for it on the open case: the moving party.
		const admin = await actorOf(user.id);
		expect((await readMove(db(), admin, id)).id).toBe(id);
		await signMoveInRules(admin, id, { name: 'Ip Wing Sze 葉詠詩', agree: 'on' });
	});

	it("withdraws the administrator's unused invitation when the move-in is cancelled, keeping the company on the record", async () => {
		const { place, desk } = await setUp();
		const unit = await place.unit('80.00', 'office', null);
		const company = fresh();
		const input = newCompany(company);
		const { id } = await openMoveIn(desk, unit.id, input);
		const code = await fromLatestMail(input.adminEmail, /\/join\?code=([A-Z0-9-]+)/);
		const [row] = await db().select().from(residentCompanies).where(eq(residentCompanies.name, company.name));

		await cancelMove(desk, id, { reason: 'The company chose another building.' });

		expect((await db().select().from(moves).where(eq(moves.id, id)))[0]!.state).toBe('cancelled');
		expect((await db().select().from(residentCompanies).where(eq(residentCompanies.id, row!.id))).length).toBe(1);
		const audits = await db().select().from(auditLog).where(eq(auditLog.subjectId, row!.id)).orderBy(asc(auditLog.id));
		expect(audits.map((a) => a.action)).toEqual(['company.registered', 'company.member_invited', 'company.invitations_withdrawn']);
		// The emailed code no longer lets anyone join the company.
		const refused = await inputErrorOf(() =>
			joinWithInvitation({
				code,
				name: 'Ip Wing Sze 葉詠詩',
				email: input.adminEmail,
				phone: '+852 9123 4567',
				password: 'harbour lights 1',
				confirm: 'harbour lights 1'
			})
		);
		expect(refused.field).toBe('code');
		expect(await db().select().from(companyMembers).where(eq(companyMembers.companyId, row!.id))).toEqual([]);
	});

	it('refuses a name or a registration number already in the registry at its field, whatever the case and spaces', async () => {
		const { place, desk } = await setUp();
		const unit = await place.unit('120.00', 'office', null);
		const company = fresh();
		await openMoveIn(desk, unit.id, newCompany(company));
		const other = await place.unit('90.00', 'office', null);
		const twin = await inputErrorOf(() =>
			openMoveIn(desk, other.id, newCompany({ ...fresh(), name: `  ${company.name.toUpperCase()} ` }, 'twin@example.test'))
		);
		expect(twin.field).toBe('companyName');
		expect(twin.message).toMatch(/already in the registry/);
		const sameNumber = await inputErrorOf(() =>
			openMoveIn(
				desk,
				other.id,
				newCompany({ name: fresh().name, registrationNo: company.registrationNo.replace(' ', '').toLowerCase() }, 'number@example.test')
			)
		);
		expect(sameNumber.field).toBe('registrationNo');
		expect(sameNumber.message).toContain(company.name);
		// Nothing of the refused cases was kept: one company of that name, one invitation.
		const named = await db().select().from(residentCompanies).where(eq(residentCompanies.registrationNo, company.registrationNo));
		expect(named).toHaveLength(1);
		expect(await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.email, 'twin@example.test'))).toEqual([]);
		// The company now in the registry moves into the other unit as an existing one.
		expect(await openMoveIn(desk, other.id, { partyType: 'company', companyName: company.name, role: 'renter', startsOn: today })).toEqual({
			id: expect.any(String)
		});
	});

	it('answers each missing or malformed field at the field, and a staff address for the administrator', async () => {
		const { place, desk } = await setUp();
		const unit = await place.unit('120.00', 'office', null);
		const company = fresh();
		const field = async (change: Record<string, string>) =>
			(await inputErrorOf(() => openMoveIn(desk, unit.id, { ...newCompany(company), ...change }))).field;
		expect(await field({ companyName: ' ' })).toBe('companyName');
		expect(await field({ registrationNo: '' })).toBe('registrationNo');
		expect(await field({ registrationNo: '#!' })).toBe('registrationNo');
		expect(await field({ adminName: '' })).toBe('adminName');
		expect(await field({ adminEmail: 'not-an-email' })).toBe('adminEmail');
		expect(await field({ adminPhone: 'call me' })).toBe('adminPhone');
		expect(await field({ partyType: 'partner' })).toBe('partyType');
		expect(await field({ adminEmail: desk.email })).toBe('adminEmail');
		expect(await db().select().from(residentCompanies).where(eq(residentCompanies.name, company.name))).toEqual([]);
		// An existing company is still found by name, and a name the registry lacks says so.
		expect(await field({ partyType: 'company' })).toBe('companyName');
	});
});

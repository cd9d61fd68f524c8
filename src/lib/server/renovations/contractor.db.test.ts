import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, events, renovationApplications, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { InputError } from '../kernel/input-error.ts';
import { fromLatestMail } from '../accounts/test-data.ts';
import { joinWithInvitation, redeemInvitation } from '../accounts/join.ts';
import { saveApplication, startApplication } from './applications.ts';
import { inviteContractor } from './contractor.ts';
import { loadApplication } from './access.ts';
import { myRenovations } from './queries.ts';

let member: Actor;
let neighbour: Actor;
let unitId: string;
const contractorEmail = 'site@sunrise-reno.test';

async function draftFor(email: string): Promise<string> {
	const id = await startApplication(member, unitId);
	await saveApplication(member, id, {
		plannedStart: '',
		plannedEnd: '',
		scope: '',
		areaM2: '',
		works: [],
		contractorCompany: 'Sunrise Renovation',
		contractorLicence: '',
		contractorGrade: '',
		contractorEmail: email,
		contractorPhone: ''
	});
	return id;
}

beforeAll(async () => {
	const e = await fx.estate();
	const b = await fx.building(e.id, 'T1');
	const [unit, otherUnit] = await fx.unitsIn(b, 2, 'office');
	unitId = unit!.id;
	const acme = await fx.company('Acme Invites');
	const memberUser = await fx.residentUser('Member');
	await db().insert(companyMembers).values({ companyId: acme.id, userId: memberUser.id, role: 'member' });
	await fx.occupy(unitId, { companyId: acme.id }, 'renter', '2024-01-01', '2099-12-31');
	const neighbourUser = await fx.residentUser('Neighbour');
	await fx.occupy(otherUnit!.id, { userId: neighbourUser.id }, 'owner');
	member = await fx.actorOf(memberUser.id);
	neighbour = await fx.actorOf(neighbourUser.id);
});

describe('inviting the contractor onto an application', () => {
	it('emails the contractor a join link; joining makes a contractor account that acts on the application and lists it at home', async () => {
		const id = await draftFor(contractorEmail);
		const sent = await inviteContractor(member, id);
		expect(sent.email).toBe(contractorEmail);
		const link = await fromLatestMail(contractorEmail, /(https?:\/\/\S+\/join\?code=\S+)/);
		const code = decodeURIComponent(new URL(link).searchParams.get('code')!);
		expect(code).toBe(sent.code);

		const { user, granted } = await joinWithInvitation({
			code,
			name: 'Ho Chun Yin',
			email: contractorEmail,
			phone: '+852 6123 4567',
			password: 'a long enough password 2026',
			confirm: 'a long enough password 2026'
		});
		expect(granted).toEqual({ kind: 'renovation', applicationId: id });
		const [account] = await db().select({ kind: users.kind }).from(users).where(eq(users.id, user.id));
		expect(account!.kind).toBe('contractor');
		const contractor = await fx.actorOf(user.id);
		const { capacities } = await loadApplication(db(), contractor, id);
		expect([...capacities]).toEqual(['contractor']);
		expect((await myRenovations(contractor)).map((a) => a.id)).toEqual([id]);
		const joined = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'contractor_joined')));
		expect(joined).toHaveLength(1);
	});

	it('lets a contractor who already has an account add a second application with the code, and refuses the code to a resident', async () => {
		const contractor = await fx.contractorActor();
		const id = await draftFor(contractor.email);
		const { code } = await inviteContractor(member, id);
		const refused = await redeemInvitation(neighbour, { code }).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(InputError);
		expect((refused as InputError).message).toMatch(/contractor/);
		expect(await redeemInvitation(contractor, { code })).toEqual({ kind: 'renovation', applicationId: id });
		const [row] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(row!.contractorUserId).toBe(contractor.userId);
	});

	it('asks for the contractor’s email first, and lets only the applicant invite', async () => {
		const id = await draftFor('');
		await expect(inviteContractor(member, id)).rejects.toMatchObject({ field: 'contractorEmail' });
		await expect(inviteContractor(neighbour, id)).rejects.toMatchObject({ status: 404 });
	});
});

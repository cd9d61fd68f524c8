/**
 * A renovation application for the demo: Acme Trading (admin@acme.test) has started one for the
 * first of its offices, with the form filled in and the papers still to upload, and its contractor
 * (contractor@lobby.test) has joined it, so the applicant's page and the contractor's home both
 * have a real draft to show on a fresh start.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { buildings, occupancies, renovationApplications, residentCompanies, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { acme, demoContractor } from './demo-data.ts';

export async function seedDemoRenovations(tx: Executor): Promise<void> {
	const [office] = await tx
		.select({ occupancyId: occupancies.id, unitId: units.id, estateId: units.estateId })
		.from(occupancies)
		.innerJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(and(eq(residentCompanies.name, acme.name), isNotNull(occupancies.companyId)))
		.orderBy(asc(buildings.name), asc(units.number))
		.limit(1);
	const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, acme.members[0]!.email));
	const [contractor] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoContractor.email));
	if (!office || !admin) return;
	const [row] = await tx
		.insert(renovationApplications)
		.values({
			estateId: office.estateId,
			unitId: office.unitId,
			occupancyId: office.occupancyId,
			applicantId: admin.id,
			plannedStart: '2027-01-11',
			plannedEnd: '2027-03-05',
			scope: 'Two meeting rooms with glass partitions, new lighting and floor boxes 兩間會議室:玻璃間隔、燈光及地台插座',
			areaM2: '120.00',
			works: ['walls', 'electrical', 'flooring', 'ceiling'],
			contractorCompany: 'Harbour Fit-Out Ltd 海港裝飾工程有限公司',
			contractorLicence: '91440300MA5F0XYZ1K',
			contractorGrade: 2,
			contractorEmail: demoContractor.email,
			contractorPhone: '+852 2123 4567',
			// Invited and joined: the demo contractor's home lists this application.
			contractorUserId: contractor?.id ?? null
		})
		.returning({ id: renovationApplications.id });
	const actor = { userId: admin.id };
	await recordEvent(tx, { actor, subjectType: 'renovation', subjectId: row!.id, kind: 'started', to: 'draft' });
	await recordEvent(tx, { actor, subjectType: 'renovation', subjectId: row!.id, kind: 'edit', from: 'draft', to: 'draft' });
	if (contractor) {
		const draft = { subjectType: 'renovation', subjectId: row!.id, from: 'draft', to: 'draft' } as const;
		await recordEvent(tx, { ...draft, actor, kind: 'invite_contractor', data: { email: demoContractor.email } });
		await recordEvent(tx, { ...draft, actor: { userId: contractor.id }, kind: 'contractor_joined' });
	}
}

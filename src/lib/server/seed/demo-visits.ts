/**
 * Visits for the demo (拜訪客戶): this year's plans — Chan Tai Man twice in Harbour View, Acme Trading
 * four times in Central Plaza — and a visit customer service has booked with Chan for three days
 * from now at 10:00, waiting for his answer. Made through the domain's own createVisit (its event);
 * nobody is notified, so the demo inboxes stay as they are.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { addDays, businessToday, localInstant } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { estates, occupancies, residentCompanies, units, users, visitPlans, visitTargets } from '../db/schema/index.ts';
import { createVisit } from '../visits/steps.ts';
import { acme as acmeCompany, demoResident } from './demo-data.ts';

export async function seedDemoVisits(tx: Executor, now = new Date()): Promise<number> {
	const [desk] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'service@lobby.test'));
	const [chan] = await tx
		.select({ userId: users.id, occupancyId: occupancies.id, unitId: units.id, estateId: estates.id, timeZone: estates.timeZone })
		.from(users)
		.innerJoin(occupancies, and(eq(occupancies.userId, users.id), isNull(occupancies.endsOn)))
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(eq(users.email, demoResident.email))
		.limit(1);
	const [acme] = await tx
		.select({ companyId: residentCompanies.id, estateId: units.estateId })
		.from(residentCompanies)
		.innerJoin(occupancies, eq(occupancies.companyId, residentCompanies.id))
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.where(eq(residentCompanies.name, acmeCompany.name))
		.limit(1);
	if (!desk || !chan) return 0;
	const today = businessToday(chan, now);
	const year = Number(today.slice(0, 4));
	const plan = async (estateId: string) =>
		(
			await tx.insert(visitPlans).values({ estateId, year, createdBy: desk.id }).onConflictDoNothing().returning({ id: visitPlans.id })
		)[0] ??
		(
			await tx
				.select({ id: visitPlans.id })
				.from(visitPlans)
				.where(and(eq(visitPlans.estateId, estateId), eq(visitPlans.year, year)))
		)[0]!;
	await tx.insert(visitTargets).values({ planId: (await plan(chan.estateId)).id, userId: chan.userId, times: 2, createdBy: desk.id });
	if (acme)
		await tx
			.insert(visitTargets)
			.values({ planId: (await plan(acme.estateId)).id, companyId: acme.companyId, times: 4, createdBy: desk.id });
	await createVisit(tx, {
		estateId: chan.estateId,
		unitId: chan.unitId,
		occupancyId: chan.occupancyId,
		staffId: desk.id,
		startsAt: localInstant(addDays(today, 3), 10 * 60, chan.timeZone),
		purpose: 'The yearly customer visit: how the estate is run, and anything you would like improved.'
	});
	return 1;
}

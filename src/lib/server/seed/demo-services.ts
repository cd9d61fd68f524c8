/**
 * A service application for the demo (服務申請): Chan Tai Man asks for after-hours
 * air-conditioning next Saturday evening, waiting for engineering. Written directly, as
 * submitting would have left it: the application, its event and its entry in the unit's file.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { estates, events, occupancies, serviceApplicationKinds, serviceApplications, units, users } from '../db/schema/index.ts';
import { fileInArchive } from '../archive/file.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { ensureDefaultServiceKinds } from '../dictionaries/service-kind-defaults.ts';
import { kindFields } from '../dictionaries/service-application-kinds.ts';
import { serviceReference } from '../service-applications/access.ts';
import { requestedInstant } from '../service-applications/service.ts';
import { addDays, businessToday, weekday } from '#lib/time/index.ts';
import { demoResident } from './demo-data.ts';

export async function seedDemoServices(tx: Executor, now = new Date()): Promise<number> {
	// The seed script runs before the server's defaults: the kinds (and the fees they bill) first.
	await ensureDefaultFeeItems(tx);
	await ensureDefaultServiceKinds(tx);
	const [kind] = await tx.select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.code, 'after_hours_aircon'));
	const [chan] = await tx
		.select({ occupancyId: occupancies.id, unitId: units.id, estateId: units.estateId, userId: users.id, timeZone: estates.timeZone })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.innerJoin(users, eq(users.id, occupancies.userId))
		.where(and(eq(users.email, demoResident.email), eq(estates.code, 'HVG')))
		.limit(1);
	if (!kind || !chan) return 0;
	const today = businessToday(chan, now);
	// Next Saturday, at least a week away: well past the kind's lead time.
	const saturday = addDays(today, 7 + ((6 - weekday(today) + 7) % 7));
	const fields = kindFields(kind);
	const answers = { date: saturday, from: '19:00', to: '23:00', hours: '4', area: 'Living room and study' };
	const [application] = await tx
		.insert(serviceApplications)
		.values({
			estateId: chan.estateId,
			unitId: chan.unitId,
			occupancyId: chan.occupancyId,
			kindId: kind.id,
			department: kind.department,
			answers,
			fields,
			requestedFor: requestedInstant(fields, answers, chan.timeZone),
			submittedBy: chan.userId,
			createdAt: new Date(now.getTime() - 2 * 3_600_000)
		})
		.returning();
	await tx.insert(events).values({
		actorId: chan.userId,
		subjectType: 'service_application',
		subjectId: application!.id,
		kind: 'submitted',
		toState: 'submitted',
		data: { kind: kind.code },
		at: application!.createdAt
	});
	await fileInArchive(tx, {
		unitId: chan.unitId,
		occupancyId: chan.occupancyId,
		kind: 'service_application',
		sourceType: 'service_application',
		sourceId: application!.id,
		summary: {
			reference: serviceReference(application!),
			kind: kind.code,
			nameEn: kind.nameEn,
			nameZhHans: kind.nameZhHans,
			nameZhHant: kind.nameZhHant
		},
		actor: { userId: chan.userId }
	});
	return 1;
}

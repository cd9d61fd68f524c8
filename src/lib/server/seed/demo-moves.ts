import { and, asc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { businessToday, addDays } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { estates, moves, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { acme, demoNeighbour, demoResident } from './demo-data.ts';

/**
 * Harbour View Gardens shows one move-in in progress (Acme taking a vacant unit, its papers still
 * missing) and one move-out applied (a renter leaving next week), so the desk's move list, a case's
 * checklist and Acme's portal page have something to show.
 */
export async function seedDemoMoves(tx: Executor): Promise<void> {
	const [hvg] = await tx.select({ id: estates.id, timeZone: estates.timeZone }).from(estates).where(eq(estates.code, 'HVG'));
	const [company] = await tx.select({ id: residentCompanies.id }).from(residentCompanies).where(eq(residentCompanies.name, acme.name));
	if (!hvg || !company) return;
	const today = businessToday(hvg);
	const [vacant] = await tx
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.estateId, hvg.id), sql`not exists (select 1 from ${occupancies} o where o.unit_id = ${units.id})`))
		.orderBy(asc(units.number))
		.limit(1);
	if (vacant) {
		const [moveIn] = await tx
			.insert(moves)
			.values({ kind: 'in', estateId: hvg.id, unitId: vacant.id, partyCompanyId: company.id, role: 'renter', plannedOn: addDays(today, 3) })
			.returning({ id: moves.id });
		await recordEvent(tx, { actor: null, subjectType: 'move', subjectId: moveIn!.id, kind: 'opened', to: 'open', note: acme.name });
	}
	const demoIds = tx
		.select({ id: users.id })
		.from(users)
		.where(sql`${users.email} in (${demoResident.email}, ${demoNeighbour.email})`);
	const [leaving] = await tx
		.select({ id: occupancies.id, unitId: occupancies.unitId, userId: occupancies.userId, role: occupancies.role })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.where(
			and(
				eq(units.estateId, hvg.id),
				eq(occupancies.role, 'renter'),
				isNull(occupancies.endsOn),
				sql`${occupancies.userId} is not null`,
				notInArray(occupancies.userId, demoIds)
			)
		)
		.orderBy(asc(units.number))
		.limit(1);
	if (leaving) {
		const [moveOut] = await tx
			.insert(moves)
			.values({
				kind: 'out',
				estateId: hvg.id,
				unitId: leaving.unitId,
				occupancyId: leaving.id,
				partyUserId: leaving.userId,
				role: leaving.role,
				plannedOn: addDays(today, 7)
			})
			.returning({ id: moves.id });
		await recordEvent(tx, { actor: null, subjectType: 'move', subjectId: moveOut!.id, kind: 'opened', to: 'open' });
	}
}

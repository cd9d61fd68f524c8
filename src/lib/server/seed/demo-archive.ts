/**
 * The demo's unit files (一戶一檔): the seed writes its cases and people directly, so their entries
 * are filed afterwards by the same database function that fills an existing database's files
 * (archive_file_existing_records, drizzle/0022_issue14.sql). The engineer's request to read the
 * demo resident's file waits on the manager's queue, to show the approval (查閱經客務部經理批準).
 */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { archiveAccessRequests, buildings, estates, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { demoResident } from './demo-data.ts';

export async function seedDemoArchive(tx: Executor, now = new Date()): Promise<number> {
	const [row] = await queryRows<{ filed: number }>(tx, sql`select archive_file_existing_records() as filed`);
	const [unit] = await tx
		.select({ id: units.id, estateId: units.estateId })
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(and(eq(estates.code, 'HVG'), eq(buildings.code, demoResident.building), eq(units.number, demoResident.unit)));
	const [engineer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'engineer@lobby.test'));
	if (unit && engineer) {
		const reason = 'Leak history of the riser before replacing the pipe 更換立管前查閱漏水記錄';
		const [request] = await tx
			.insert(archiveAccessRequests)
			.values({
				unitId: unit.id,
				estateId: unit.estateId,
				requesterId: engineer.id,
				reason,
				createdAt: new Date(now.getTime() - 3_600_000)
			})
			.returning({ id: archiveAccessRequests.id });
		await recordEvent(tx, {
			actor: { userId: engineer.id },
			subjectType: 'archive_access',
			subjectId: request!.id,
			kind: 'request',
			to: 'requested',
			note: reason,
			data: { unitId: unit.id }
		});
	}
	return Number(row?.filed ?? 0);
}

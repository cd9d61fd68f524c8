/**
 * The construction permit (施工許可證, rule 5f): issued by the system on the third department's
 * signature, valid over the planned dates (from the estate's today at the earliest). Its code is
 * what the QR code on the PDF carries: /verify/<code> tells anyone holding it whether the permit is
 * genuine, and valid, not yet valid, expired, revoked, or done with (the works accepted). Security or the manager revokes it (the
 * works stop); the manager reinstates the works with a new permit, and the old one stays revoked.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { randomString } from '../auth/tokens.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { estates, renovationApplications, renovationPermits, renovationWorkerPasses, units } from '../db/schema/index.ts';
import { parseInput } from '../kernel/input-error.ts';
import { estateZone } from '../fees/estate-time.ts';
import type { RenovationApplication } from './access.ts';
import type { RenovationState } from './machine.ts';
import { reasonSchema } from './review.ts';
import { takeRenovationAction, takeSystemAction } from './transition.ts';

export type RenovationPermit = typeof renovationPermits.$inferSelect;
export type PermitStatus = 'valid' | 'not_yet_valid' | 'expired' | 'revoked' | 'completed';

/** Steps after the works passed their completion inspection: no more works under the permit. */
const worksDone: readonly RenovationState[] = ['acceptance', 'closed'];

/** What a permit is on a day of its estate, its application at the step given. */
export function permitStatus(
	permit: Pick<RenovationPermit, 'validFrom' | 'validTo' | 'revokedAt'>,
	today: BusinessDate,
	applicationState: RenovationState
): PermitStatus {
	if (permit.revokedAt) return 'revoked';
	if (worksDone.includes(applicationState)) return 'completed';
	if (today < permit.validFrom) return 'not_yet_valid';
	if (today > permit.validTo) return 'expired';
	return 'valid';
}

/** A new permit for the application (its planned dates, from the estate's today at the earliest). */
async function newPermit(tx: Tx, application: RenovationApplication): Promise<RenovationPermit> {
	const today = businessToday(await estateZone(tx, application.estateId));
	const validFrom = application.plannedStart && application.plannedStart > today ? application.plannedStart : today;
	const validTo = application.plannedEnd && application.plannedEnd > validFrom ? application.plannedEnd : validFrom;
	const [permit] = await tx
		.insert(renovationPermits)
		.values({ applicationId: application.id, code: randomString(20), validFrom, validTo })
		.returning();
	return permit!;
}

/** The system issues the permit once the three departments have signed (signatures.ts), in their transaction. */
export async function issuePermit(tx: Tx, applicationId: string): Promise<RenovationPermit> {
	const [application] = await tx.select().from(renovationApplications).where(eq(renovationApplications.id, applicationId));
	const permit = await newPermit(tx, application!);
	const taken = await takeSystemAction(tx, applicationId, 'issue_permit', { data: { permitId: permit.id, seq: permit.seq } });
	if (!taken) throw new Error(`Application ${applicationId} is not waiting for its permit.`);
	return permit;
}

/** The application's permit in force (not revoked), if any. */
export async function currentPermit(executor: Executor, applicationId: string): Promise<RenovationPermit | undefined> {
	const [permit] = await executor
		.select()
		.from(renovationPermits)
		.where(and(eq(renovationPermits.applicationId, applicationId), isNull(renovationPermits.revokedAt)));
	return permit;
}

/** Every permit of the application, newest first (revoked ones stay in its records). */
export function applicationPermits(executor: Executor, applicationId: string) {
	return executor
		.select()
		.from(renovationPermits)
		.where(eq(renovationPermits.applicationId, applicationId))
		.orderBy(desc(renovationPermits.seq));
}

/** Security or the manager revokes the permit in force: the works stop until the manager reinstates them. */
export async function revokePermit(actor: Actor, applicationId: string, reason: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, ['renovations.security', 'renovations.accept']);
	return await takeRenovationAction(actor, applicationId, 'revoke_permit', async (tx, { application }) => {
		const why = parseInput(z.object({ reason: reasonSchema }), { reason }).reason;
		const permit = await currentPermit(tx, application.id);
		if (permit) {
			await tx
				.update(renovationPermits)
				.set({ revokedAt: now, revokedBy: actor.userId, revokeReason: why })
				.where(eq(renovationPermits.id, permit.id));
		}
		return { note: why, data: { permitId: permit?.id ?? null, seq: permit?.seq ?? null } };
	});
}

/** The manager lets the works go on: a new permit over the rest of the planned dates. */
export async function reinstatePermit(actor: Actor, applicationId: string, reason: unknown): Promise<void> {
	requireStaff(actor, 'renovations.accept');
	return await takeRenovationAction(actor, applicationId, 'reinstate_permit', async (tx, { application }) => {
		const why = parseInput(z.object({ reason: reasonSchema }), { reason }).reason;
		const permit = await newPermit(tx, application);
		return { note: why, data: { permitId: permit.id, seq: permit.seq } };
	});
}

export interface PermitVerification {
	status: PermitStatus;
	seq: number;
	validFrom: string;
	validTo: string;
	estateName: string;
	unitNumber: string;
	contractorCompany: string;
	/** A worker pass's code: the worker it names (the pass is good while the permit in force is). */
	worker: { seq: number; name: string; idLast4: string } | null;
}

/**
 * What /verify/<code> shows to anyone holding a code: a permit's (or a worker pass's) details as
 * printed on it, and its status today; undefined for a code that is neither.
 */
export async function verifyCode(code: string, now = new Date()): Promise<PermitVerification | undefined> {
	if (!/^[a-z2-9]{20}$/.test(code)) return undefined;
	const [pass] = await db().select().from(renovationWorkerPasses).where(eq(renovationWorkerPasses.code, code));
	const [row] = await db()
		.select({
			permit: renovationPermits,
			estateName: estates.name,
			timeZone: estates.timeZone,
			unitNumber: units.number,
			contractorCompany: renovationApplications.contractorCompany,
			state: renovationApplications.state
		})
		.from(renovationPermits)
		.innerJoin(renovationApplications, eq(renovationApplications.id, renovationPermits.applicationId))
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(
			pass
				? eq(renovationPermits.id, (await currentPermit(db(), pass.applicationId))?.id ?? pass.permitId)
				: eq(renovationPermits.code, code)
		);
	if (!row) return undefined;
	return {
		status: permitStatus(row.permit, businessToday({ timeZone: row.timeZone }, now), row.state),
		seq: row.permit.seq,
		validFrom: row.permit.validFrom,
		validTo: row.permit.validTo,
		estateName: row.estateName,
		unitNumber: row.unitNumber,
		contractorCompany: row.contractorCompany,
		worker: pass ? { seq: pass.seq, name: pass.name, idLast4: pass.idLast4 } : null
	};
}

/**
 * A resident's own contact details — the email it signs in with and its phone — as the office
 * corrects them (the key-account accuracy check's "phone valid" and "email valid" are fixed here).
 * Staff reach a resident who holds, or held, a unit of their estates in person or through a
 * company it belongs to; anyone else is "not found".
 */
import { error } from '@sveltejs/kit';
import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { residentContactSchema } from '#lib/schemas/auth.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { companyMembers, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';

export interface ResidentContact {
	id: string;
	name: string;
	email: string;
	phone: string;
	/** The companies it acts for, by name. */
	companies: string[];
}

/** The resident's units in the actor's estates, in person or through one of its companies, at any time. */
function holdsInActorEstates(actor: Actor, userId: string) {
	const inEstates = (party: SQL) =>
		exists(
			sql`(select 1 from ${occupancies} join ${units} on ${units.id} = ${occupancies.unitId} where ${and(party, inActorEstates(actor, units.estateId))})`
		);
	return or(
		inEstates(eq(occupancies.userId, userId)),
		inEstates(
			sql`${occupancies.companyId} in (select ${companyMembers.companyId} from ${companyMembers} where ${companyMembers.userId} = ${userId})`
		)
	);
}

async function visibleResident(actor: Actor, userId: string, executor: Executor): Promise<Omit<ResidentContact, 'companies'>> {
	const [row] = isUuid(userId)
		? await executor
				.select({ id: users.id, name: users.name, email: users.email, phone: users.phone })
				.from(users)
				.where(and(eq(users.id, userId), eq(users.kind, 'resident'), holdsInActorEstates(actor, userId)))
		: [];
	if (!row) error(404, 'Not found');
	return row;
}

export async function residentContact(actor: Actor, userId: string, executor: Executor = db()): Promise<ResidentContact> {
	requireStaff(actor, 'registry.write');
	const row = await visibleResident(actor, userId, executor);
	const companies = await executor
		.select({ name: residentCompanies.name })
		.from(companyMembers)
		.innerJoin(residentCompanies, eq(residentCompanies.id, companyMembers.companyId))
		.where(eq(companyMembers.userId, row.id))
		.orderBy(residentCompanies.name);
	return { ...row, companies: companies.map((c) => c.name) };
}

/** Staff correct the resident's email and phone; audited with what was there before. */
export async function updateResidentContact(actor: Actor, userId: string, input: { email: string; phone: string }): Promise<void> {
	requireStaff(actor, 'registry.write');
	const data = parseInput(residentContactSchema, input);
	try {
		await db().transaction(async (tx) => {
			const before = await visibleResident(actor, userId, tx);
			await tx.update(users).set({ email: data.email, phone: data.phone }).where(eq(users.id, before.id));
			await recordAudit(tx, {
				actor,
				action: 'resident.contact_updated',
				subjectType: 'user',
				subjectId: before.id,
				detail: { from: { email: before.email, phone: before.phone }, to: data }
			});
		});
	} catch (err) {
		rethrowUnique(err, { users_email: () => new InputError('email', m.auth_join_email_taken()) });
	}
}

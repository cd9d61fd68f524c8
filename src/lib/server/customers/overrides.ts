/**
 * The office's own grade for a customer (rule 11): set with a reason, kept with who set it and
 * when, shown instead of the computed grade until it is lifted with a reason. The grading job never
 * touches it. Both are on the customer's history (events 'override_set', 'override_lifted').
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordEvent } from '../events/service.ts';
import { InputError } from '../kernel/input-error.ts';
import type { GradeOverrideInput, LiftOverrideInput } from '#lib/schemas/customers.ts';
import { customerInScope } from './directory.ts';

/** Sets (or replaces) the override of a customer the actor may see. */
export async function overrideGrade(actor: Actor, customerId: string, input: GradeOverrideInput, now: Date = new Date()): Promise<void> {
	requireStaff(actor, 'customers.grade');
	const { customer } = await customerInScope(actor, customerId);
	await db().transaction(async (tx) => {
		await tx
			.update(customers)
			.set({ overrideGrade: input.grade, overrideReason: input.reason, overrideBy: actor.userId, overrideAt: now, updatedAt: now })
			.where(eq(customers.id, customer.id));
		await recordEvent(tx, {
			subjectType: 'customer',
			subjectId: customer.id,
			kind: 'override_set',
			actor,
			from: customer.overrideGrade ?? customer.grade,
			to: input.grade,
			note: input.reason
		});
	});
}

/** Lifts the override: the computed grade stands again. An override already lifted is said at the field. */
export async function liftGradeOverride(actor: Actor, customerId: string, input: LiftOverrideInput, now: Date = new Date()): Promise<void> {
	requireStaff(actor, 'customers.grade');
	const { customer } = await customerInScope(actor, customerId);
	await db().transaction(async (tx) => {
		const [lifted] = await tx
			.update(customers)
			.set({ overrideGrade: null, overrideReason: null, overrideBy: null, overrideAt: null, updatedAt: now })
			.where(and(eq(customers.id, customer.id), isNotNull(customers.overrideGrade)))
			.returning({ id: customers.id });
		if (!lifted) throw new InputError('liftReason', m.customer_override_none());
		await recordEvent(tx, {
			subjectType: 'customer',
			subjectId: customer.id,
			kind: 'override_lifted',
			actor,
			from: customer.overrideGrade,
			to: customer.grade,
			note: input.liftReason
		});
	});
}

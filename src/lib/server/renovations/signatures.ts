/**
 * The signatures of rule 5 e–f: the resident and the contractor each sign the renovation
 * commitment and the fire-safety commitment (typing their name under both texts); once both have,
 * the application moves on by itself to the permit. Customer service, engineering and security
 * each sign the permit; the third signature issues the construction permit (permits.ts) in the
 * same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor, requireStaff } from '../auth/guards.ts';
import type { Executor, Tx } from '../db/client.ts';
import { renovationSignatures, users, type renovationSigner } from '../db/schema/index.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUniqueViolation } from '../kernel/unique-violation.ts';
import { departmentPermissions } from './access.ts';
import { issuePermit } from './permits.ts';
import { takeRenovationAction, takeSystemAction } from './transition.ts';

export type RenovationSigner = (typeof renovationSigner.enumValues)[number];
export const permitSigners = ['desk', 'engineering', 'security'] as const satisfies readonly RenovationSigner[];
export type PermitSigner = (typeof permitSigners)[number];
const commitmentPapers = ['renovation_commitment', 'fire_safety_commitment'] as const;

/** Who has signed what on the application, oldest first. */
export function applicationSignatures(executor: Executor, applicationId: string) {
	return executor
		.select({
			paper: renovationSignatures.paper,
			signer: renovationSignatures.signer,
			signedName: renovationSignatures.signedName,
			signedAt: renovationSignatures.signedAt
		})
		.from(renovationSignatures)
		.where(eq(renovationSignatures.applicationId, applicationId))
		.orderBy(renovationSignatures.signedAt);
}

const commitmentSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.renovations_sign_name_required() })
		.max(120),
	renovationCommitment: z.literal('on', { error: () => m.renovations_sign_agree_required() }),
	fireSafetyCommitment: z.literal('on', { error: () => m.renovations_sign_agree_required() })
});

/** Inserts one signature; a second one by the same signer on the same paper is refused at the form. */
async function sign(tx: Tx, row: typeof renovationSignatures.$inferInsert): Promise<void> {
	try {
		await tx.insert(renovationSignatures).values(row);
	} catch (err) {
		if (isUniqueViolation(err, 'renovation_signatures_once')) throw new InputError('', m.renovations_sign_already());
		throw err;
	}
}

/**
 * The applicant (or the contractor) signs both commitments under the name typed. When the other
 * party has signed too, the system's commitments_signed moves the application to the permit.
 */
export async function signCommitments(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'sign_commitments', async (tx, { application, capacities }) => {
		const form = parseInput(commitmentSchema, input);
		const signer: RenovationSigner = capacities.has('contractor') ? 'contractor' : 'applicant';
		for (const paper of commitmentPapers) {
			await sign(tx, { applicationId: application.id, paper, signer, userId: actor.userId, signedName: form.name });
		}
		return {
			data: { signer, name: form.name },
			after: async (tx) => {
				const signed = await tx
					.select({ paper: renovationSignatures.paper, signer: renovationSignatures.signer })
					.from(renovationSignatures)
					.where(eq(renovationSignatures.applicationId, application.id));
				const has = (signer: RenovationSigner) => commitmentPapers.every((p) => signed.some((s) => s.paper === p && s.signer === signer));
				if (has('applicant') && has('contractor')) await takeSystemAction(tx, application.id, 'commitments_signed');
			}
		};
	});
}

const departmentSchema = z.object({ department: z.enum(permitSigners, { error: () => m.renovations_sign_department_required() }) });

/**
 * A department signs the permit, in the name the staff member has on file. Someone who works for
 * several departments (a manager signs for customer service) says for which one. The third
 * signature issues the permit.
 */
export async function signPermit(actor: Actor, applicationId: string, department: unknown): Promise<void> {
	requireStaff(
		actor,
		permitSigners.map((d) => departmentPermissions[d])
	);
	return await takeRenovationAction(actor, applicationId, 'sign_permit', async (tx, { application, capacities }) => {
		const signer = parseInput(departmentSchema, { department }).department;
		if (!capacities.has(signer)) throw new InputError('department', m.renovations_sign_not_your_department());
		const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
		await sign(tx, { applicationId: application.id, paper: 'permit', signer, userId: actor.userId, signedName: me!.name });
		return {
			data: { department: signer },
			after: async (tx) => {
				const signed = await tx
					.select({ signer: renovationSignatures.signer })
					.from(renovationSignatures)
					.where(and(eq(renovationSignatures.applicationId, application.id), eq(renovationSignatures.paper, 'permit')));
				if (permitSigners.every((d) => signed.some((s) => s.signer === d))) await issuePermit(tx, application.id);
			}
		};
	});
}

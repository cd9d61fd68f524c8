/**
 * The close (rule 5i): the property manager signs the acceptance, naming any damage to common
 * property, and in the same transaction the deposit's refund is requested through the refunds
 * flow (fees/refunds.ts) — minus every fine still unpaid (each settled out of the deposit when the
 * refund is paid out) and the damages. Approval above the threshold and the payout follow there;
 * the ledger shows each step when the money goes out.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseAmountMinor } from '#lib/money/index.ts';
import { renovationReference } from '#lib/references.ts';
import { amountField } from '#lib/schemas/fees-staff.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import type { Tx } from '../db/client.ts';
import { renovationViolations } from '../db/schema/index.ts';
import { depositsHeld } from '../fees/deposits.ts';
import { billsOutstanding } from '../fees/ledger.ts';
import { createRefund } from '../fees/refunds.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { visibleUnit } from '../property/units.ts';
import { eq } from 'drizzle-orm';
import type { RenovationApplication } from './access.ts';
import { renovationBills } from './fees.ts';
import { takeRenovationAction } from './transition.ts';

const acceptanceSchema = z.object({
	damageReason: z.string().trim().max(200).default(''),
	damage: z.union([z.literal(''), amountField]).default('')
});

/** The fines of the application still owed, each as a deduction that settles its bill. */
async function unpaidFines(tx: Tx, application: RenovationApplication) {
	const fined = (await tx.select().from(renovationViolations).where(eq(renovationViolations.applicationId, application.id))).filter(
		(v) => v.billId !== null
	);
	const owed = await billsOutstanding(
		tx,
		fined.map((v) => v.billId!)
	);
	return fined
		.filter((v) => (owed.get(v.billId!) ?? 0) > 0)
		.map((v) => ({
			reason: m.renovations_fine_deduction({ description: v.description.slice(0, 120) }).slice(0, 200),
			amountMinor: owed.get(v.billId!)!,
			billId: v.billId!
		}));
}

/** The manager accepts the works: the application closes and its deposit's refund is requested. */
export async function acceptWorks(actor: Actor, applicationId: string, input: unknown): Promise<{ refundId: string | null }> {
	requireStaff(actor, 'renovations.accept');
	return await takeRenovationAction(actor, applicationId, 'accept', async (tx, { application }) => {
		const form = parseInput(acceptanceSchema, input);
		const damageMinor = form.damage ? parseAmountMinor(form.damage)! : 0;
		if (damageMinor > 0 && !form.damageReason) throw new InputError('damageReason', m.renovations_damage_reason_required());
		const deductions = [
			...(await unpaidFines(tx, application)),
			...(damageMinor > 0 ? [{ reason: form.damageReason, amountMinor: damageMinor }] : [])
		];
		const depositBill = (await renovationBills(tx, application.id)).find((b) => b.source === 'deposit' && b.state === 'paid');
		const held = depositBill ? (await depositsHeld(tx, [application.unitId])).find((d) => d.billId === depositBill.id) : undefined;
		let refundId: string | null = null;
		if (held && held.heldMinor > 0) {
			const kept = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
			if (kept > held.heldMinor) throw new InputError('damage', m.renovations_damage_more_than_deposit());
			const unit = await visibleUnit(actor, application.unitId, tx);
			const refund = await createRefund(tx, actor, unit, {
				unitId: application.unitId,
				kind: 'deposit',
				depositBillId: held.billId,
				deductions,
				reason: m.renovations_refund_reason({ reference: renovationReference(application.seq) })
			});
			refundId = refund.id;
		}
		return {
			changes: { depositRefundId: refundId },
			note: form.damageReason || undefined,
			data: { refundId, damageMinor, fines: deductions.filter((d) => 'billId' in d).length },
			result: { refundId }
		};
	});
}

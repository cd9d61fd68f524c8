import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { findUnitsForRefund, refundFormContext, requestRefund } from '#lib/server/fees/refunds.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { parseAmountMinor } from '#lib/money/index.ts';
import { deductionsOf, MAX_DEDUCTIONS, parseRefundSource, REFUND_START_ROWS, refundRequestSchema } from '#lib/schemas/refunds.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';

const adapter = zod4(refundRequestSchema);
const empty = (rows: number) => Array.from({ length: rows }, () => '');

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'fees.manage');
	const unitId = url.searchParams.get('unit')?.trim() ?? '';
	const q = url.searchParams.get('q') ?? '';
	if (!unitId) return { unit: null, q, found: q.trim() ? await findUnitsForRefund(locals.actor, q) : [] };
	// refundFormContext checks fees.manage and that the unit is in the actor's estates (404 otherwise).
	const context = await refundFormContext(locals.actor, unitId);
	// One thing to refund: chosen already.
	const choices = [...context.deposits.map((d) => `deposit:${d.billId}`), ...context.credits.map((c) => `credit:${c.party}`)];
	const only = choices.length === 1 ? choices[0]! : '';
	const form = await superValidate(
		{ unitId: context.unit.id, source: only, deductionReason: empty(REFUND_START_ROWS), deductionAmount: empty(REFUND_START_ROWS) },
		adapter,
		{ id: 'refund', errors: false }
	);
	return {
		unit: {
			id: context.unit.id,
			label: `${context.unit.estateCode} ${context.unit.buildingName} ${context.unit.number}`,
			estateName: context.unit.estateName
		},
		deposits: context.deposits.map((d) => ({
			billId: d.billId,
			seq: d.seq,
			heldMinor: d.heldMinor,
			currency: d.currency,
			issuedOn: d.issuedOn,
			names: { en: d.name, 'zh-Hans': d.nameZhHans, 'zh-Hant': d.nameZhHant }
		})),
		credits: context.credits,
		currency: context.currency,
		approvalMinor: context.approvalMinor,
		maxRows: MAX_DEDUCTIONS,
		form,
		q,
		found: []
	};
}) satisfies PageServerLoad;

export const actions = {
	request: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapter, { id: 'refund' });
		if (!form.valid) return fail(400, { form });
		const source = parseRefundSource(form.data.source)!;
		let refundId: string;
		try {
			({ refundId } = await requestRefund(locals.actor, {
				unitId: form.data.unitId,
				kind: source.kind,
				depositBillId: source.kind === 'deposit' ? source.billId : null,
				party: source.kind === 'credit' ? source.party : null,
				amountMinor: source.kind === 'credit' && form.data.amount ? parseAmountMinor(form.data.amount) : null,
				deductions: source.kind === 'deposit' ? deductionsOf(form.data) : [],
				reason: form.data.reason
			}));
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, `/staff/fees/refunds/${refundId}?created=1`);
	},
	/** One more deduction row, for browsers without JavaScript (and the same for those with it). */
	addRow: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapter, { id: 'refund', errors: false });
		const rows = Math.min(
			MAX_DEDUCTIONS,
			Math.max(form.data.deductionReason.length, form.data.deductionAmount.length, REFUND_START_ROWS) + 1
		);
		form.data.deductionReason = [...form.data.deductionReason, ...empty(rows)].slice(0, rows);
		form.data.deductionAmount = [...form.data.deductionAmount, ...empty(rows)].slice(0, rows);
		form.errors = {};
		return { form };
	}
} satisfies Actions;

import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { correctionFormContext, requestCorrection } from '#lib/server/fees/corrections.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { parseAmountMinor, parsePriceMicro } from '#lib/money/index.ts';
import { correctionKinds, correctionRequestSchema } from '#lib/schemas/corrections.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';

const adapter = zod4(correctionRequestSchema);

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'fees.manage');
	const billId = url.searchParams.get('bill')?.trim() ?? '';
	if (!billId) error(404, 'Not found');
	// correctionFormContext checks fees.manage and that the bill is in the actor's estates (404 otherwise).
	const context = await correctionFormContext(locals.actor, billId);
	const kind = correctionKinds.find((k) => !context.refusals[k]) ?? 'credit_note';
	const line = context.lines[0];
	const form = await superValidate(
		{
			billId: context.bill.id,
			kind,
			lineId: line?.id ?? '',
			quantity: line?.quantityText ?? '',
			unitPrice: line?.unitPriceText ?? ''
		},
		adapter,
		{ id: 'correction', errors: false }
	);
	return { ...context, form };
}) satisfies PageServerLoad;

export const actions = {
	request: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapter, { id: 'correction' });
		if (!form.valid) return fail(400, { form });
		const { data } = form;
		let correctionId: string;
		try {
			({ correctionId } = await requestCorrection(locals.actor, {
				billId: data.billId,
				kind: data.kind,
				reason: data.reason,
				amountMinor: data.kind === 'credit_note' ? parseAmountMinor(data.amount) : null,
				lineId: data.kind === 'adjust_line' ? data.lineId : null,
				quantity: data.kind === 'adjust_line' ? data.quantity : null,
				priceMicro: data.kind === 'adjust_line' ? parsePriceMicro(data.unitPrice) : null
			}));
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, `/staff/fees/corrections/${correctionId}?created=1`);
	}
} satisfies Actions;

import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { correctionDetail, decideCorrection, reissueBill } from '#lib/server/fees/corrections.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { correctionDecisionSchema, reissueSchema } from '#lib/schemas/corrections.ts';

const decisionAdapter = zod4(correctionDecisionSchema);
const reissueAdapter = zod4(reissueSchema);

/** The reissue form's fields are lists ("quantity[2]"); the service names a line's field the same way. */
const reissueField = (field: string) => field.replace(/\[(\d+)\]$/, '.$1');

export const load = (async ({ locals, params, url }) => {
	// correctionDetail checks fees.read and the estate (404 for another estate's correction).
	const detail = await correctionDetail(locals.actor, params.id);
	const [decisionForm, reissueForm] = await Promise.all([
		superValidate(decisionAdapter, { id: 'decision' }),
		superValidate(
			{ quantity: detail.lines.map((l) => l.quantityText), unitPrice: detail.lines.map((l) => l.unitPriceText) },
			reissueAdapter,
			{ id: 'reissue', errors: false }
		)
	]);
	return {
		...detail,
		justCreated: url.searchParams.get('created') === '1',
		justDone: url.searchParams.get('done') ?? '',
		decisionForm,
		reissueForm
	};
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ request, locals, params }) => {
		const form = await superValidate(request, decisionAdapter, { id: 'decision' });
		if (!form.valid) return fail(400, { decisionForm: form });
		try {
			await decideCorrection(locals.actor, params.id, form.data);
		} catch (err) {
			showInputError(form, err);
			return fail(400, { decisionForm: form });
		}
		redirect(303, `/staff/fees/corrections/${params.id}?done=${form.data.decision}`);
	},
	reissue: async ({ request, locals, params }) => {
		const form = await superValidate(request, reissueAdapter, { id: 'reissue' });
		if (!form.valid) return fail(400, { reissueForm: form });
		try {
			await reissueBill(locals.actor, params.id, {
				lines: form.data.quantity.map((quantity, i) => ({ quantity, unitPrice: form.data.unitPrice[i] ?? '' }))
			});
		} catch (err) {
			showInputError(form, err, reissueField);
			return fail(400, { reissueForm: form });
		}
		redirect(303, `/staff/fees/corrections/${params.id}?done=reissue`);
	}
} satisfies Actions;

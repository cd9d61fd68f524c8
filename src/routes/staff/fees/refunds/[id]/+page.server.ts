import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { decideRefund, markRefundPaid, refundDetail } from '#lib/server/fees/refunds.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { refundDecisionSchema, refundMethods, refundPaySchema } from '#lib/schemas/refunds.ts';

const decisionAdapter = zod4(refundDecisionSchema);
const payAdapter = zod4(refundPaySchema);

export const load = (async ({ locals, params, url }) => {
	// refundDetail checks who may read refunds and the estate (404 for another estate's refund).
	const detail = await refundDetail(locals.actor, params.id);
	const { refund } = detail;
	return {
		refund: {
			id: refund.id,
			reference: refund.reference,
			kind: refund.kind,
			state: refund.state,
			needsApproval: refund.needsApproval,
			grossMinor: refund.grossMinor,
			payoutMinor: refund.payoutMinor,
			deductions: refund.deductions,
			currency: refund.currency,
			reason: refund.reason,
			requestedOn: refund.requestedOn,
			decidedAt: refund.decidedAt,
			decisionNote: refund.decisionNote,
			method: refund.method,
			paidOn: refund.paidOn
		},
		unit: {
			id: detail.unit.id,
			label: `${detail.unit.estateCode} ${detail.unit.buildingName} ${detail.unit.number}`,
			estateName: detail.unit.estateName
		},
		depositName: detail.depositName,
		people: detail.people,
		timeline: detail.timeline,
		timeZone: detail.timeZone,
		actions: detail.actions,
		methods: refundMethods,
		justCreated: url.searchParams.get('created') === '1',
		justDone: url.searchParams.get('done') ?? '',
		decisionForm: await superValidate(decisionAdapter, { id: 'decision' }),
		payForm: await superValidate({ paidOn: detail.today }, payAdapter, { id: 'pay', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = {
	decide: async ({ request, locals, params }) => {
		const form = await superValidate(request, decisionAdapter, { id: 'decision' });
		if (!form.valid) return fail(400, { decisionForm: form });
		try {
			await decideRefund(locals.actor, params.id, form.data);
		} catch (err) {
			showInputError(form, err);
			return fail(400, { decisionForm: form });
		}
		redirect(303, `/staff/fees/refunds/${params.id}?done=${form.data.decision}`);
	},
	pay: async ({ request, locals, params }) => {
		const form = await superValidate(request, payAdapter, { id: 'pay' });
		if (!form.valid) return fail(400, { payForm: form });
		try {
			await markRefundPaid(locals.actor, params.id, form.data);
		} catch (err) {
			showInputError(form, err);
			return fail(400, { payForm: form });
		}
		redirect(303, `/staff/fees/refunds/${params.id}?done=pay`);
	}
} satisfies Actions;

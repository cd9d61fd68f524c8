import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { billingOverview, defaultBillingPeriod, runBillingFromDesk } from '#lib/server/fees/billing-runs.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { feeSettings } from '#lib/server/fees/settings.ts';
import { billingRunSchema, type BillingRunMessage } from '#lib/schemas/fees-staff.ts';

const adapter = zod4(billingRunSchema);

export const load = (async ({ locals }) => {
	requireStaff(locals.actor, 'fees.manage');
	const [overview, settings, form] = await Promise.all([
		billingOverview(locals.actor),
		feeSettings(),
		superValidate({ period: await defaultBillingPeriod(locals.actor), estateId: '' }, adapter, { errors: false })
	]);
	return { ...overview, currency: settings.currency, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapter);
		if (!form.valid) return fail(400, { form });
		try {
			const result = await runBillingFromDesk(locals.actor, form.data, { ip: getClientAddress() });
			const text =
				result.bills > 0
					? m.feesstaff_billing_done({ period: result.period, units: result.units, bills: result.bills })
					: m.feesstaff_billing_nothing_new({ period: result.period, units: result.units });
			return message(form, { ok: true, text, bills: result.bills } satisfies BillingRunMessage);
		} catch (err) {
			return showInputError(form, err);
		}
	}
} satisfies Actions;

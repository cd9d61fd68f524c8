import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { companyPayFormId, companyPaySchema } from '#lib/schemas/company-pay.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { requireCompanyAdmin } from '#lib/server/accounts/company.ts';
import { companyBillsPage } from '#lib/server/fees/company-bills.ts';
import { startCompanyPayment } from '#lib/server/payments/service.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { listedBill, providerChoices } from '#lib/components/bills/labels.ts';

const adapter = zod4(companyPaySchema);

/** The company's total: every unit's open bills, grouped by estate and unit, paid in one checkout per estate. */
export const load = (async ({ locals, params }) => {
	requireResident(locals.actor);
	const page = await companyBillsPage(locals.actor, params.companyId);
	const provider = page.providers[0] ?? '';
	const estates = await Promise.all(
		page.estates.map(async (estate) => ({
			...estate,
			units: estate.units.map((unit) => ({ ...unit, bills: unit.bills.map(listedBill) })),
			// Every bill that may be paid starts ticked; a fresh key per page render: submitting twice is one payment.
			form: await superValidate(
				{
					estateId: estate.id,
					billIds: estate.units.flatMap((u) => u.bills.filter((b) => b.payable && !b.checkout).map((b) => b.id)),
					idempotencyKey: randomUUID(),
					provider
				},
				adapter,
				{ id: companyPayFormId(estate.id), errors: false }
			)
		}))
	);
	return { company: page.company, estates, unitCount: page.unitCount, providers: providerChoices(page.providers) };
}) satisfies PageServerLoad;

export const actions = {
	/** Starts one online payment of the ticked bills of the company's units and sends the admin to the provider's page. */
	pay: async ({ request, locals, params, url }) => {
		// Outside the company: 404, a member who is not its admin: 403 — before anything posted is read.
		requireResident(locals.actor);
		requireCompanyAdmin(locals.actor, params.companyId, 'company.pay');
		let body: FormData;
		try {
			body = await request.formData();
		} catch {
			error(400, 'Unreadable form');
		}
		const form = await superValidate(body, adapter, { id: companyPayFormId(formText(body, 'estateId')) });
		if (!form.valid) return fail(400, { form });
		let redirectUrl: string;
		try {
			const started = await startCompanyPayment(locals.actor, params.companyId, {
				billIds: form.data.billIds,
				idempotencyKey: form.data.idempotencyKey,
				provider: form.data.provider,
				origin: url.origin
			});
			redirectUrl = started.redirectUrl ?? `/app/payments/${started.paymentId}`;
		} catch (err) {
			// The key already names a payment of other bills: the next submit needs a key of its own.
			if (err instanceof InputError && err.field === 'idempotencyKey') form.data.idempotencyKey = randomUUID();
			showInputError(form, err, (field) => (field === 'idempotencyKey' ? '' : field));
			return fail(400, { form });
		}
		redirect(303, redirectUrl, { external: true });
	}
} satisfies Actions;

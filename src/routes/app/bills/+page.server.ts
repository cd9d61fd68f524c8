import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { payFormId, paySchema } from '#lib/schemas/bills.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { residentBillsPage } from '#lib/server/fees/resident.ts';
import { myBillCorrections } from '#lib/server/fees/credit-notes.ts';
import { correctionTexts } from '#lib/components/bills/correction-texts.ts';
import { startPayment } from '#lib/server/payments/service.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { heldDeposit, listedBill, paidBill, partyHeading, providerChoices } from '#lib/components/bills/labels.ts';

export const load = (async ({ locals, url }) => {
	requireResident(locals.actor);
	// ?unit= shows one unit (a company renting many gets an index first).
	const unitId = url.searchParams.get('unit');
	const page = await residentBillsPage(locals.actor, { unitId });
	const provider = page.providers[0] ?? '';
	const units = await Promise.all(
		page.units.map(async (u) => ({
			...u,
			// Worded here (labels.ts), so the phone gets the text and not the wording rules: the page's budget.
			party: u.unit.parties.map(partyHeading).join(' · '),
			openBills: u.openBills.map(listedBill),
			paid: u.paid.map((bill) => paidBill(bill, u.unit.timeZone)),
			deposits: u.deposits.map(heldDeposit),
			// A fresh idempotency key per page render: submitting this form twice is one payment.
			form: u.openBills.some((b) => b.payable)
				? await superValidate(
						{ unitId: u.unit.id, billIds: u.openBills.filter((b) => b.payable).map((b) => b.id), idempotencyKey: randomUUID(), provider },
						zod4(paySchema),
						{ id: payFormId(u.unit.id), errors: false }
					)
				: null
		}))
	);
	// The companies the actor pays for as their admin (the company's total: /app/company/[id]/bills), on the index only.
	const adminOf = unitId ? [] : locals.actor.companies.filter((c) => c.role === 'admin').map((c) => c.companyId);
	// What the office corrected on these units' bills: voids, credit notes, write-offs (fees/corrections.ts).
	const corrections = correctionTexts(await myBillCorrections(locals.actor, { unitIds: page.units.map((u) => u.unit.id) }));
	return { units, index: page.index, unitCount: page.unitCount, providers: providerChoices(page.providers), unitId, adminOf, corrections };
}) satisfies PageServerLoad;

export const actions = {
	/** Starts an online payment of the ticked bills and sends the payer to the provider's page. */
	pay: async ({ request, locals, url }) => {
		requireResident(locals.actor);
		let body: FormData;
		try {
			body = await request.formData();
		} catch {
			error(400, 'Unreadable form');
		}
		const unitId = formText(body, 'unitId');
		const form = await superValidate(body, zod4(paySchema), { id: payFormId(unitId) });
		if (!form.valid) return fail(400, { form });
		let redirectUrl: string;
		try {
			const started = await startPayment(locals.actor, {
				billIds: form.data.billIds,
				idempotencyKey: form.data.idempotencyKey,
				provider: form.data.provider,
				origin: url.origin
			});
			// Already settled (the same form posted again after paying): its page says so.
			redirectUrl = started.redirectUrl ?? `/app/payments/${started.paymentId}`;
		} catch (err) {
			// The key already names a payment of other bills: the next submit needs a key of its own.
			if (err instanceof InputError && err.field === 'idempotencyKey') form.data.idempotencyKey = randomUUID();
			showInputError(form, err, (field) => (field === 'idempotencyKey' ? '' : field));
			return fail(400, { form });
		}
		// The provider's checkout lives on its own site (Stripe); the sandbox's on ours.
		redirect(303, redirectUrl, { external: true });
	}
} satisfies Actions;

import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { unitCorrections } from '#lib/server/fees/corrections.ts';
import { db } from '#lib/server/db/client.ts';
import { oneOffFeeItems } from '#lib/server/fees/fee-items.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { feeSettings } from '#lib/server/fees/settings.ts';
import { unitReadings } from '#lib/server/fees/readings.ts';
import { unitMeterChanges } from '#lib/server/fees/meter-changes.ts';
import { accountAbilities, issueOneOffBill, payAtCounter, unitAccount } from '#lib/server/fees/unit-account.ts';
import {
	counterPaymentSchema,
	oneOffBillSchema,
	type CounterMessage,
	type CounterPaymentForm,
	type DeskMessage,
	type OneOffBillForm
} from '#lib/schemas/fees-staff.ts';
import { money, parseAmountMinor } from '#lib/money/index.ts';
import { billReference } from '#lib/references.ts';

const counterAdapter = zod4(counterPaymentSchema);
const issueAdapter = zod4(oneOffBillSchema);

/** The state each form starts from (and returns to after it succeeded): received today in the unit's estate. */
function blankCounter(today: string): Partial<CounterPaymentForm> {
	return { method: 'cash', receivedOn: today, amount: '', receiptNo: '', billIds: [], party: '' };
}
function blankIssue(): Partial<OneOffBillForm> {
	// A new key per form shown: posting this form twice issues one bill.
	return { key: randomUUID(), quantity: '1', feeItemId: '', description: '', unitPrice: '', note: '', party: '' };
}

/**
 * The blank form that replaces a successful one, ready for the next entry. Blank fields are not
 * valid yet; marked valid, message() answers 200 and the page shows no errors on it.
 */
async function succeeded<T extends { valid: boolean }>(form: Promise<T>): Promise<T> {
	const fresh = await form;
	fresh.valid = true;
	return fresh;
}

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'fees.read');
	const account = await unitAccount(locals.actor, params.unitId);
	const abilities = accountAbilities(locals.actor);
	const [readings, meterChanges, items, counterForm, issueForm, corrections] = await Promise.all([
		unitReadings(db(), account.unit.id),
		unitMeterChanges(db(), account.unit.id),
		abilities.issue ? oneOffFeeItems(account.unit.estateId, account.today) : Promise.resolve([]),
		superValidate(blankCounter(account.today), counterAdapter, { id: 'counter', errors: false }),
		superValidate(blankIssue(), issueAdapter, { id: 'issue', errors: false }),
		unitCorrections(locals.actor, account.unit.id)
	]);
	// Voids, credit notes, line adjustments and write-offs (fees/corrections.ts); the desk asks for them here.
	const correct = { corrections, canCorrect: can(locals.actor, 'fees.manage') };
	return { account, abilities, readings, meterChanges, items, counterForm, issueForm, correct };
}) satisfies PageServerLoad;

export const actions = {
	pay: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'payments.counter');
		const form = await superValidate(request, counterAdapter, { id: 'counter' });
		if (!form.valid) return fail(400, { form });
		try {
			const paid = await payAtCounter(locals.actor, params.unitId, form.data);
			const fresh = await succeeded(superValidate(blankCounter(form.data.receivedOn), counterAdapter, { id: 'counter', errors: false }));
			const amount = money(parseAmountMinor(form.data.amount)!, (await feeSettings()).currency);
			return message(fresh, {
				ok: true,
				text: paid.created ? m.feesstaff_payment_recorded({ amount }) : m.feesstaff_payment_repeated(),
				...(paid.receipt ? { receipt: paid.receipt } : {})
			} satisfies CounterMessage);
		} catch (err) {
			if (err instanceof InputError && (err.field === '' || err.field === 'billIds'))
				return message(form, { ok: false, text: err.message } satisfies DeskMessage, { status: 400 });
			return showInputError(form, err);
		}
	},
	issue: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, issueAdapter, { id: 'issue' });
		if (!form.valid) return fail(400, { form });
		try {
			const bill = await issueOneOffBill(locals.actor, params.unitId, form.data);
			const fresh = await succeeded(superValidate(blankIssue(), issueAdapter, { id: 'issue', errors: false }));
			const ref = billReference(bill.seq);
			const amount = money(bill.totalMinor, (await feeSettings()).currency);
			return message(fresh, {
				ok: true,
				text: bill.created ? m.feesstaff_bill_issued({ bill: ref, amount }) : m.feesstaff_bill_repeated({ bill: ref })
			} satisfies DeskMessage);
		} catch (err) {
			if (err instanceof InputError && err.field === '')
				return message(form, { ok: false, text: err.message } satisfies DeskMessage, { status: 400 });
			return showInputError(form, err);
		}
	}
} satisfies Actions;

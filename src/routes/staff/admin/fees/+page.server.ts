import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import {
	addFeePrice,
	feeItemById,
	feeItemsForAdmin,
	firstDayOfNextMonth,
	saveFeeItem,
	setFeeItemActive,
	withdrawFeePrice
} from '#lib/server/fees/fee-items.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { defaultPayer } from '#lib/server/fees/parties.ts';
import { feeSettings, saveFeeSettings } from '#lib/server/fees/settings.ts';
import { actorEstates } from '#lib/server/property/estates.ts';
import { feeItemSchema, feePriceSchema, feeSettingsFormSchema, parseReminderDays } from '#lib/schemas/fees-admin.ts';
import { parseAmountMinor } from '#lib/money/index.ts';
import { minorToDecimal } from '#lib/money/index.ts';
import { formText } from '#lib/server/forms/form-text.ts';

const adapters = { item: zod4(feeItemSchema), price: zod4(feePriceSchema), settings: zod4(feeSettingsFormSchema) };
const saved = ['item', 'price', 'settings'] as const;

function done(what: (typeof saved)[number], anchor: string): never {
	redirect(303, `/staff/admin/fees?saved=${what}#${anchor}`);
}

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'fees.manage');
	const actor = locals.actor;
	const now = new Date();
	const editId = url.searchParams.get('edit') ?? '';
	const [items, estates, settings, editing] = await Promise.all([
		feeItemsForAdmin(actor, { now }),
		actorEstates(actor),
		feeSettings(),
		editId ? feeItemById(actor, editId) : Promise.resolve(null)
	]);
	if (editId && !editing) error(404, 'Not found');
	const priceFor = url.searchParams.get('price') ?? '';
	const [itemForm, priceForm, settingsForm] = await Promise.all([
		editing
			? superValidate({ ...editing, unitUse: editing.unitUse ?? '' }, adapters.item, { id: 'item', errors: false })
			: superValidate(
					{ kind: 'other' as const, basis: 'fixed' as const, unitUse: '' as const, payer: defaultPayer('other'), periodic: false, sort: 0 },
					adapters.item,
					{ id: 'item', errors: false }
				),
		superValidate(
			{
				feeItemId: items.some((i) => i.id === priceFor) ? priceFor : '',
				estateId: '',
				price: '',
				effectiveFrom: await firstDayOfNextMonth(now)
			},
			adapters.price,
			{ id: 'price', errors: false }
		),
		superValidate(
			{
				currency: settings.currency,
				dueDays: settings.dueDays,
				reminderDays: settings.reminderDays.join(', '),
				refundApproval: minorToDecimal(settings.refundApprovalMinor),
				correctionApproval: minorToDecimal(settings.correctionApprovalMinor)
			},
			adapters.settings,
			{ id: 'settings', errors: false }
		)
	]);
	const what = url.searchParams.get('saved');
	return {
		items,
		estates,
		currency: settings.currency,
		editingId: editing?.id ?? null,
		saved: (saved as readonly string[]).includes(what ?? '') ? what : null,
		itemForm,
		priceForm,
		settingsForm
	};
}) satisfies PageServerLoad;

export const actions = {
	saveItem: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapters.item, { id: 'item' });
		if (!form.valid) return fail(400, { form });
		try {
			await saveFeeItem(locals.actor, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		done('item', 'items');
	},
	toggleItem: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		const data = await request.formData();
		await setFeeItemActive(locals.actor, formText(data, 'id'), data.get('active') === 'true', { ip: getClientAddress() });
		done('item', 'items');
	},
	addPrice: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapters.price, { id: 'price' });
		if (!form.valid) return fail(400, { form });
		try {
			await addFeePrice(locals.actor, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		done('price', 'items');
	},
	withdrawPrice: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		const data = await request.formData();
		try {
			await withdrawFeePrice(locals.actor, formText(data, 'id'), { ip: getClientAddress() });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { priceError: err.message });
		}
		done('price', 'items');
	},
	saveSettings: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapters.settings, { id: 'settings' });
		if (!form.valid) return fail(400, { form });
		await saveFeeSettings(locals.actor, {
			currency: form.data.currency,
			dueDays: form.data.dueDays,
			reminderDays: parseReminderDays(form.data.reminderDays)!,
			refundApprovalMinor: parseAmountMinor(form.data.refundApproval)!,
			correctionApprovalMinor: parseAmountMinor(form.data.correctionApproval)!
		});
		done('settings', 'settings');
	}
} satisfies Actions;

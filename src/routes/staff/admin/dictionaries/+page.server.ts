import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4, type ValidationAdapter } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { addHoliday, listHolidays, removeHoliday } from '#lib/server/calendar/holidays.ts';
import { repairKindForEdit, repairKindsForAdmin, saveRepairKind, setRepairKindActive } from '#lib/server/dictionaries/repair-kinds.ts';
import { callbackDaysForAdmin, saveCallbackDays } from '#lib/server/dictionaries/callback-rules.ts';
import { complaintKindsForAdmin } from '#lib/server/dictionaries/complaint-kinds.ts';
import { customerTypesForAdmin, saveCustomerType, setCustomerTypeActive } from '#lib/server/dictionaries/customer-types.ts';
import {
	freeServiceItemForEdit,
	paidServiceItemForEdit,
	saveFreeServiceItem,
	saveComplaintKind,
	savePaidServiceItem,
	serviceItemsForAdmin,
	setServiceItemActive
} from '#lib/server/dictionaries/service-items.ts';
import { minorToDecimal } from '#lib/money/index.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { callbackDaysFor } from '#lib/server/dictionaries/callback-deadline.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import {
	callbackRulesSchema,
	customerTypeSchema,
	freeServiceItemSchema,
	holidaySchema,
	paidServiceItemSchema,
	limitedSteps,
	renovationLimitsSchema,
	repairKindSchema,
	signoffSettingsSchema,
	type RepairCategory
} from '#lib/schemas/dictionaries.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import {
	kindFields,
	saveServiceApplicationKind,
	serviceFeeChoices,
	serviceKindForEdit,
	serviceKindsForAdmin,
	setServiceApplicationKindActive,
	type ServiceApplicationKind
} from '#lib/server/dictionaries/service-application-kinds.ts';
import {
	emptyKindFormValues,
	kindErrorName,
	kindFormValues,
	kindInputFromValues,
	kindToFormValues,
	serviceKindSchema
} from '#lib/schemas/service-applications.ts';
import { saveStepLimits, stepLimitsForAdmin } from '#lib/server/renovations/deadlines.ts';
import { saveSignoffSettings, signoffSettingsForAdmin } from '#lib/server/dictionaries/signoff-settings.ts';

const tabs = ['kinds', 'callbacks', 'signoff', 'free', 'complaints', 'customers', 'paid', 'services', 'holidays', 'renovations'] as const;
type Tab = (typeof tabs)[number];

function tabOf(url: URL): Tab {
	const tab = url.searchParams.get('tab');
	return (tabs as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'kinds';
}

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'dictionaries.manage');
	const actor = locals.actor;
	const tab = tabOf(url);
	const editId = url.searchParams.get('edit') ?? '';
	const [kinds, callbackDays, [freeItems, paidItems], holidays, stepLimits, complaintKindRows, signoff, customerTypeRows] =
		await Promise.all([
			repairKindsForAdmin(actor),
			callbackDaysForAdmin(actor),
			serviceItemsForAdmin(actor),
			tab === 'holidays' ? listHolidays(actor) : [],
			stepLimitsForAdmin(actor),
			complaintKindsForAdmin(actor),
			signoffSettingsForAdmin(actor),
			tab === 'customers' ? customerTypesForAdmin(actor) : []
		]);

	const editKind = tab === 'kinds' && editId ? await repairKindForEdit(actor, editId) : null;
	const editFree = tab === 'free' && editId ? await freeServiceItemForEdit(actor, editId) : null;
	const editPaid = tab === 'paid' && editId ? await paidServiceItemForEdit(actor, editId) : null;
	const editComplaintKind = tab === 'complaints' && editId ? (complaintKindRows.find((k) => k.id === editId) ?? null) : null;
	const editServiceKind = tab === 'services' && editId ? await serviceKindForEdit(actor, editId) : null;
	const editCustomerType = tab === 'customers' && editId ? (customerTypeRows.find((t) => t.id === editId) ?? null) : null;
	if (
		editId &&
		!editKind &&
		!editFree &&
		!editPaid &&
		!editComplaintKind &&
		!editServiceKind &&
		!editCustomerType &&
		(tab === 'kinds' || tab === 'free' || tab === 'paid' || tab === 'complaints' || tab === 'services' || tab === 'customers')
	)
		error(404, 'Not found');
	const services = tab === 'services' ? await serviceKindsTab(actor, editServiceKind) : null;

	const [kindForm, callbackForm, freeForm, paidForm, holidayForm, limitsForm] = await Promise.all([
		editKind
			? superValidate({ ...editKind, category: editKind.category as RepairCategory }, zod4(repairKindSchema), { id: 'kind', errors: false })
			: superValidate(zod4(repairKindSchema), { id: 'kind' }),
		superValidate(
			{
				safetyFacilityDays: callbackDays.safety_facility,
				waterLeakDays: callbackDays.water_leak,
				defaultDays: callbackDays.default
			},
			zod4(callbackRulesSchema),
			{ id: 'callbacks', errors: false }
		),
		editFree
			? superValidate(editFree, zod4(freeServiceItemSchema), { id: 'free', errors: false })
			: superValidate(zod4(freeServiceItemSchema), { id: 'free' }),
		editPaid
			? superValidate({ ...editPaid, unitPrice: minorToDecimal(editPaid.unitPriceMinor) }, zod4(paidServiceItemSchema), {
					id: 'paid',
					errors: false
				})
			: superValidate(zod4(paidServiceItemSchema), { id: 'paid' }),
		superValidate(zod4(holidaySchema), { id: 'holiday' }),
		superValidate(stepLimits, zod4(renovationLimitsSchema), { id: 'renovations', errors: false })
	]);
	const signoffForm = await superValidate(signoff, zod4(signoffSettingsSchema), { id: 'signoff', errors: false });
	// The complaint kinds' form: the same fields as the free-service list's.
	const complaintKindForm = editComplaintKind
		? await superValidate(editComplaintKind, zod4(freeServiceItemSchema), { id: 'complaintKind', errors: false })
		: await superValidate(zod4(freeServiceItemSchema), { id: 'complaintKind' });
	const customerTypeForm = editCustomerType
		? await superValidate(editCustomerType, zod4(customerTypeSchema), { id: 'customerType', errors: false })
		: await superValidate(zod4(customerTypeSchema), { id: 'customerType' });

	const locale = getLocale();
	return {
		tab,
		saved: url.searchParams.get('saved') === '1',
		holidays,
		holidayForm,
		kinds: kinds.map((kind) => ({ ...kind, name: localizedName(kind, locale), callbackDays: callbackDaysFor(kind, callbackDays) })),
		callbackDays,
		freeItems: freeItems.map((item) => ({ ...item, name: localizedName(item, locale) })),
		paidItems: paidItems.map((item) => ({ ...item, name: localizedName(item, locale), price: minorToDecimal(item.unitPriceMinor) })),
		kindForm,
		callbackForm,
		freeForm,
		paidForm,
		complaintKinds: complaintKindRows.map((kind) => ({ ...kind, name: localizedName(kind, locale) })),
		complaintKindForm,
		customerTypes: customerTypeRows.map((type) => ({ ...type, name: localizedName(type, locale) })),
		customerTypeForm,
		limitsForm,
		limitedSteps,
		signoffForm,
		services
	};
}) satisfies PageServerLoad;

/** The service-application kinds' tab: the list, the fee items a kind may bill, the form (an edit's or a new one). */
async function serviceKindsTab(actor: Actor, editing: ServiceApplicationKind | null) {
	const locale = getLocale();
	const [kinds, fees] = await Promise.all([serviceKindsForAdmin(actor), serviceFeeChoices(actor)]);
	const feeName = new Map(fees.map((f) => [f.id, localizedName(f, locale)]));
	return {
		kinds: kinds.map((k) => ({
			id: k.id,
			code: k.code,
			name: localizedName(k, locale),
			department: k.department,
			leadWorkingHours: k.leadWorkingHours,
			fee: k.feeItemId ? (feeName.get(k.feeItemId) ?? '') : '',
			fields: kindFields(k).length,
			active: k.active
		})),
		fees: fees.map((f) => ({ id: f.id, name: feeName.get(f.id)! })),
		values: editing ? kindToFormValues({ ...editing, fields: kindFields(editing) }) : emptyKindFormValues()
	};
}

/** Saves a kind from its plain form: every problem at its input (a field's at its row), else back to the tab. */
async function saveServiceKind(event: RequestEvent) {
	requireStaff(event.locals.actor, 'dictionaries.manage');
	const values = kindFormValues(await event.request.formData());
	const { input, rows } = kindInputFromValues(values);
	const parsed = serviceKindSchema.safeParse(input);
	const refuse = (errors: Record<string, string>) => fail(400, { serviceKind: { values, errors } });
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[kindErrorName(issue.path, rows)] ??= issue.message;
		return refuse(errors);
	}
	try {
		await saveServiceApplicationKind(event.locals.actor, parsed.data, event.getClientAddress());
	} catch (err) {
		if (!(err instanceof InputError)) throw err;
		return refuse({ [err.field]: err.message });
	}
	savedAt('services');
}

function savedAt(tab: Tab): never {
	redirect(303, `/staff/admin/dictionaries?tab=${tab}&saved=1`);
}

/**
 * One dictionary form: validate it, save it through its service (a refusal, such as a code
 * already taken, shows at its field) and go back to its tab.
 */
async function saveForm<T extends Record<string, unknown>>(
	event: RequestEvent,
	adapter: ValidationAdapter<T>,
	id: string,
	tab: Tab,
	save: (actor: Actor, data: T, ip: string) => Promise<unknown>
) {
	requireStaff(event.locals.actor, 'dictionaries.manage');
	const form = await superValidate(event.request, adapter, { id });
	if (!form.valid) return fail(400, { form });
	try {
		await save(event.locals.actor, form.data, event.getClientAddress());
	} catch (err) {
		return showInputError(form, err);
	}
	savedAt(tab);
}

/** A retire/restore button: the row's id and the state it asks for. */
async function toggle(event: RequestEvent, tab: Tab, set: (actor: Actor, id: string, active: boolean, ip: string) => Promise<void>) {
	requireStaff(event.locals.actor, 'dictionaries.manage');
	const data = await event.request.formData();
	await set(event.locals.actor, formText(data, 'id'), data.get('active') === 'true', event.getClientAddress());
	savedAt(tab);
}

export const actions = {
	saveKind: (event) => saveForm(event, zod4(repairKindSchema), 'kind', 'kinds', saveRepairKind),
	toggleKind: (event) => toggle(event, 'kinds', setRepairKindActive),
	saveCallbacks: (event) => saveForm(event, zod4(callbackRulesSchema), 'callbacks', 'callbacks', saveCallbackDays),
	saveSignoff: (event) => saveForm(event, zod4(signoffSettingsSchema), 'signoff', 'signoff', saveSignoffSettings),
	saveRenovationLimits: (event) => saveForm(event, zod4(renovationLimitsSchema), 'renovations', 'renovations', saveStepLimits),
	saveFree: (event) => saveForm(event, zod4(freeServiceItemSchema), 'free', 'free', saveFreeServiceItem),
	toggleFree: (event) => toggle(event, 'free', (actor, id, active, ip) => setServiceItemActive(actor, 'free', id, active, ip)),
	saveComplaintKind: (event) => saveForm(event, zod4(freeServiceItemSchema), 'complaintKind', 'complaints', saveComplaintKind),
	toggleComplaintKind: (event) =>
		toggle(event, 'complaints', (actor, id, active, ip) => setServiceItemActive(actor, 'complaint', id, active, ip)),
	saveCustomerType: (event) => saveForm(event, zod4(customerTypeSchema), 'customerType', 'customers', saveCustomerType),
	toggleCustomerType: (event) => toggle(event, 'customers', setCustomerTypeActive),
	savePaid: (event) => saveForm(event, zod4(paidServiceItemSchema), 'paid', 'paid', savePaidServiceItem),
	togglePaid: (event) => toggle(event, 'paid', (actor, id, active, ip) => setServiceItemActive(actor, 'paid', id, active, ip)),
	saveServiceKind,
	toggleServiceKind: (event) => toggle(event, 'services', setServiceApplicationKindActive),
	addHoliday: (event) => saveForm(event, zod4(holidaySchema), 'holiday', 'holidays', (actor, data, ip) => addHoliday(actor, data, { ip })),
	removeHoliday: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'dictionaries.manage');
		const date = formText(await request.formData(), 'date');
		// A date that is no holiday (removed meanwhile, or typed by hand) answers 404.
		await removeHoliday(locals.actor, { date }, { ip: getClientAddress() }).catch((err: unknown) => {
			if (err instanceof InputError) error(404, 'Not found');
			throw err;
		});
		savedAt('holidays');
	}
} satisfies Actions;

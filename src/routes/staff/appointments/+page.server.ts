import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { appointmentEstates, createSlots, deleteSlot, listDaySlots } from '#lib/server/appointments/slots.ts';
import { businessToday, localClock, parseDate } from '#lib/time/index.ts';
import { slotPlanFormSchema, splitKindCodes } from '#lib/schemas/appointments.ts';
import { formText } from '#lib/server/forms/form-text.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'appointments.manage');
	const estates = await appointmentEstates(locals.actor);
	const wanted = url.searchParams.get('estate');
	// An estate that is not the actor's reads as one that does not exist.
	const estate = wanted ? estates.find((e) => e.id === wanted) : estates[0];
	if (wanted && !estate) error(404, 'Not found');
	const timeZone = estate?.timeZone ?? '';
	const date = parseDate(url.searchParams.get('date')) ?? (estate ? businessToday(estate) : '');
	const now = new Date();
	const slots = estate ? await listDaySlots(locals.actor, { estateId: estate.id, date }) : [];
	const created = Number(url.searchParams.get('created'));
	return {
		estates,
		estateId: estate?.id ?? '',
		date,
		timeZone,
		created: Number.isInteger(created) && created > 0 ? created : null,
		slots: slots.map((s) => ({
			id: s.id,
			time: `${localClock(s.startsAt, timeZone)}–${localClock(s.endsAt, timeZone)}`,
			capacity: s.capacity,
			bookedCount: s.bookedCount,
			kinds: s.repairKindCodes,
			note: s.note,
			past: s.startsAt <= now,
			deletable: s.bookedCount === 0 && s.startsAt > now
		})),
		form: await superValidate(
			{ estateId: estate?.id ?? '', date, days: 1, from: '09:00', to: '12:00', lengthMinutes: 60, capacity: 2, kinds: '', note: '' },
			zod4(slotPlanFormSchema),
			{ id: 'generate', errors: false }
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	generate: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'appointments.manage');
		const form = await superValidate(request, zod4(slotPlanFormSchema), { id: 'generate' });
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			const { ids } = await createSlots(locals.actor, { ...form.data, kinds: splitKindCodes(form.data.kinds) }, { ip: getClientAddress() });
			count = ids.length;
		} catch (err) {
			return showInputError(form, err);
		}
		const params = new URLSearchParams({ estate: form.data.estateId, date: form.data.date, created: String(count) });
		redirect(303, `/staff/appointments?${params}`);
	},
	delete: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'appointments.manage');
		const slotId = formText(await request.formData(), 'slotId');
		try {
			await deleteSlot(locals.actor, slotId, { ip: getClientAddress() });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { deleteError: err.message, slotId });
		}
		return { deleted: true };
	}
} satisfies Actions;

import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { estateTimeZone, requireAppointments } from '#lib/server/appointments/access.ts';
import { AppointmentInputError } from '#lib/server/appointments/errors.ts';
import { appointmentEstates, createSlots, deleteSlot, listDaySlots } from '#lib/server/appointments/slots.ts';
import { localClock, localDate, parseIsoDate } from '#lib/server/appointments/slot-times.ts';
import { slotPlanFormSchema, splitKindCodes } from '#lib/schemas/appointments.ts';

function pickDate(value: string | null, timeZone: string): string {
	return value && parseIsoDate(value) !== null ? value : localDate(new Date(), timeZone);
}

export const load = (async ({ locals, url }) => {
	requireAppointments(locals.actor);
	const estates = await appointmentEstates(locals.actor);
	const estateId = url.searchParams.get('estate') || estates[0]?.id || '';
	const timeZone = estateTimeZone(estateId);
	const date = pickDate(url.searchParams.get('date'), timeZone);
	const now = new Date();
	const slots = estateId ? await listDaySlots(locals.actor, { estateId, date }) : [];
	const created = Number(url.searchParams.get('created'));
	return {
		estates,
		estateId,
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
			{ estateId, date, days: 1, from: '09:00', to: '12:00', lengthMinutes: 60, capacity: 2, kinds: '', note: '' },
			zod4(slotPlanFormSchema),
			{ id: 'generate', errors: false }
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	generate: async ({ request, locals, getClientAddress }) => {
		requireAppointments(locals.actor);
		const form = await superValidate(request, zod4(slotPlanFormSchema), { id: 'generate' });
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			const { ids } = await createSlots(
				locals.actor,
				{ ...form.data, kinds: splitKindCodes(form.data.kinds) },
				{ ip: getClientAddress() }
			);
			count = ids.length;
		} catch (err) {
			if (!(err instanceof AppointmentInputError)) throw err;
			return setError(form, err.field as '', err.message);
		}
		const params = new URLSearchParams({ estate: form.data.estateId, date: form.data.date, created: String(count) });
		redirect(303, `/staff/appointments?${params}`);
	},
	delete: async ({ request, locals, getClientAddress }) => {
		requireAppointments(locals.actor);
		const slotId = String((await request.formData()).get('slotId') ?? '');
		try {
			await deleteSlot(locals.actor, slotId, { ip: getClientAddress() });
		} catch (err) {
			if (!(err instanceof AppointmentInputError)) throw err;
			return fail(400, { deleteError: err.message, slotId });
		}
		return { deleted: true };
	}
} satisfies Actions;

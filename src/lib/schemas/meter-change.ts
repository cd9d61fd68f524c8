import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseQuantity } from '#lib/money/index.ts';
import { meterKinds } from './fees-staff.ts';

/** The finance desk's record of a meter replaced or rolled over (/staff/fees/readings). */
export const meterChangeKinds = ['replacement', 'rollover'] as const;
export type MeterChangeKind = (typeof meterChangeKinds)[number];

const meterValue = z
	.string()
	.trim()
	.max(20)
	.refine((v) => v === '' || parseQuantity(v) !== null, { error: () => m.feesstaff_reading_value_invalid() });

export const meterChangeSchema = z
	.object({
		buildingId: z.uuid({ error: () => m.feesstaff_building_required() }),
		unitNumber: z.string().trim().min(1).max(20),
		meter: z.enum(meterKinds, { error: () => m.feesstaff_meter_required() }),
		kind: z.enum(meterChangeKinds, { error: () => m.meters_kind_required() }),
		// A date in the future is refused by the service, which knows the unit's estate and so its today.
		changedOn: z.iso.date({ error: () => m.field_date_invalid() }),
		/** The old meter's final reading; a rollover: the value its register turns over at (e.g. 100000). */
		finalValue: meterValue,
		/** The new meter's start reading (a replacement only; a rollover starts at 0). */
		startValue: meterValue.default(''),
		note: z.string().trim().max(200).default('')
	})
	.superRefine((data, ctx) => {
		if (data.finalValue === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['finalValue'],
				message: data.kind === 'rollover' ? m.meters_rollover_required() : m.meters_final_required()
			});
		}
		if (data.kind === 'replacement' && data.startValue === '') {
			ctx.addIssue({ code: 'custom', path: ['startValue'], message: m.meters_start_required() });
		}
	});
export type MeterChangeForm = z.infer<typeof meterChangeSchema>;

/** A recorded change links to the unit it was recorded for. */
export interface MeterChangeMessage {
	ok: boolean;
	text: string;
	unitId?: string;
	unitNumber?: string;
}

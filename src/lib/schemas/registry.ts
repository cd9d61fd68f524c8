import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '#lib/time/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { emergencyContactSchema, householdMemberSchema } from './resident.ts';

export const unitUses = ['residential', 'office', 'retail'] as const;
export type UnitUse = (typeof unitUses)[number];
export const occupancyRoles = ['owner', 'renter'] as const;
export type OccupancyRole = (typeof occupancyRoles)[number];
const estateKinds = ['residential', 'office'] as const;

/** Codes appear in URLs, CSV files and unit labels: short, no spaces. */
const codePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const code = z
	.string()
	.trim()
	.min(1)
	.max(32)
	.regex(codePattern, { error: () => m.registry_code_invalid() });

/** numeric(10,2): positive, at most 8 digits before and 2 after the decimal point. */
const areaPattern = /^\d{1,8}(\.\d{1,2})?$/;
const areaM2 = z
	.string()
	.trim()
	.min(1)
	.refine((v) => areaPattern.test(v) && Number(v) > 0, { error: () => m.registry_area_invalid() });

const floorLevel = z.coerce
	.number({ error: () => m.registry_floor_invalid() })
	.int({ error: () => m.registry_floor_invalid() })
	.min(-20, { error: () => m.registry_floor_invalid() })
	.max(300, { error: () => m.registry_floor_invalid() });

const unitNumber = z
	.string()
	.trim()
	.min(1)
	.max(20)
	.regex(/^[^\s,;]+$/, { error: () => m.registry_unit_number_invalid() });

const isoDate = z.iso.date({ error: () => m.field_date_invalid() });

export const estateCreateSchema = z.object({
	code,
	name: z.string().trim().min(1).max(200),
	kind: z.enum(estateKinds, { error: () => m.registry_choose_option() }),
	address: z.string().trim().max(300).default(''),
	timeZone: z
		.string()
		.trim()
		.default(DEFAULT_TIME_ZONE)
		.refine(isTimeZone, { error: () => m.registry_choose_option() })
});
export type EstateCreateInput = z.infer<typeof estateCreateSchema>;

export const buildingCreateSchema = z.object({
	estateId: z.uuid({ error: () => m.registry_choose_option() }),
	code,
	name: z.string().trim().min(1).max(200)
});
export type BuildingCreateInput = z.infer<typeof buildingCreateSchema>;

export const unitCreateSchema = z.object({
	buildingId: z.uuid({ error: () => m.registry_choose_option() }),
	floor: floorLevel,
	number: unitNumber,
	areaM2,
	use: z.enum(unitUses, { error: () => m.registry_choose_option() })
});
export type UnitCreateInput = z.infer<typeof unitCreateSchema>;

export const unitUpdateSchema = unitCreateSchema.pick({ areaM2: true, use: true });
export type UnitUpdateInput = z.infer<typeof unitUpdateSchema>;

/** An occupant is an existing resident (found by email) or a resident company (found by name). */
export const occupancyAddSchema = z
	.object({
		partyType: z.enum(['person', 'company'], { error: () => m.registry_choose_option() }),
		email: z.string().trim().toLowerCase().max(254).default(''),
		companyName: z.string().trim().max(200).default(''),
		role: z.enum(occupancyRoles, { error: () => m.registry_choose_option() }),
		startsOn: isoDate
	})
	.superRefine((value, ctx) => {
		if (value.partyType === 'person') {
			if (!value.email) ctx.addIssue({ code: 'custom', path: ['email'], message: m.field_required() });
			else if (!z.email().safeParse(value.email).success)
				ctx.addIssue({ code: 'custom', path: ['email'], message: m.field_email_invalid() });
		} else if (!value.companyName) {
			ctx.addIssue({ code: 'custom', path: ['companyName'], message: m.field_required() });
		}
	});
export type OccupancyAddInput = z.infer<typeof occupancyAddSchema>;

export const occupancyEndSchema = z.object({
	occupancyId: z.uuid(),
	endsOn: isoDate
});
export type OccupancyEndInput = z.infer<typeof occupancyEndSchema>;

/** Staff record a household member or contact for one of the unit's current occupancies. */
const forOccupancy = { occupancyId: z.uuid({ error: () => m.registry_household_choose_occupancy() }) };
export const staffHouseholdMemberSchema = householdMemberSchema.extend(forOccupancy);
export type StaffHouseholdMemberInput = z.infer<typeof staffHouseholdMemberSchema>;
export const staffEmergencyContactSchema = emergencyContactSchema.extend(forOccupancy);
export type StaffEmergencyContactInput = z.infer<typeof staffEmergencyContactSchema>;

/** The largest CSV file the registry import reads (the app's BODY_SIZE_LIMIT must allow it). */
export const importMaxBytes = 5 * 1024 * 1024;

/** The columns of a registry import file, in template order. company_name may be left out. */
export const importColumns = [
	'estate_code',
	'building_code',
	'building_name',
	'floor',
	'unit_number',
	'area_m2',
	'use',
	'resident_name',
	'resident_email',
	'resident_phone',
	'occupancy_role',
	'occupancy_start',
	'company_name'
] as const;
export type ImportColumn = (typeof importColumns)[number];

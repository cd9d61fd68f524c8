import type { Audience } from '../events/kinds.ts';

/**
 * What happens to a unit's record, as events on the unit. Staff only: the unit's history is
 * shared by its owner and its renter, while each side's household and contacts are its own.
 * The modules that record them (property/occupancies.ts, residents/household.ts) import
 * UnitEventKind, so the merge below is part of every program that records a unit event.
 */
const unitEventKinds = {
	'occupancy.added': 'staff',
	'occupancy.ended': 'staff',
	'household.added': 'staff',
	'household.removed': 'staff',
	'emergency_contact.added': 'staff',
	'emergency_contact.removed': 'staff'
} as const satisfies Record<string, Audience>;

export type UnitEventKind = keyof typeof unitEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		unit: UnitEventKind;
	}
}

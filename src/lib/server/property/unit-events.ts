/**
 * What happens to a unit's record, as events on the unit. Staff only (no audience table, unlike
 * repairs): the unit's history is shared by its owner and its renter, while each side's household
 * and contacts are its own. The modules that record them (property/occupancies.ts,
 * residents/household.ts) import UnitEventKind, so the merge below is part of every program that
 * records a unit event.
 */
export type UnitEventKind =
	'occupancy.added' | 'occupancy.ended' | 'household.added' | 'household.removed' | 'emergency_contact.added' | 'emergency_contact.removed';

declare module '../events/kinds.ts' {
	interface EventKinds {
		unit: UnitEventKind;
	}
}

/** The callback rules of domain rule 3; their day counts are dictionary data (callback_rules). */
export const callbackRuleNames = ['safety_facility', 'water_leak', 'default'] as const;
export type CallbackRule = (typeof callbackRuleNames)[number];
export type CallbackDays = Record<CallbackRule, number>;

/** Rule 3 as the rule books give it, used to seed the table and to fill a missing row. */
export const DEFAULT_CALLBACK_DAYS: Readonly<CallbackDays> = { safety_facility: 2, water_leak: 3, default: 7 };

export interface CallbackKindFlags {
	isSafetyFacility: boolean;
	isWaterLeak: boolean;
}

/** A kind flagged both ways is a safety facility first: its deadline is the stricter one. */
export function callbackRuleFor(kind: CallbackKindFlags): CallbackRule {
	if (kind.isSafetyFacility) return 'safety_facility';
	if (kind.isWaterLeak) return 'water_leak';
	return 'default';
}

export function callbackDaysFor(kind: CallbackKindFlags, days: Readonly<CallbackDays> = DEFAULT_CALLBACK_DAYS): number {
	return days[callbackRuleFor(kind)];
}

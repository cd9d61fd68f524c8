/**
 * What a slip is on a day of its estate. A slip is good on its one day: before it, not yet; after
 * it, an open slip (requested or issued) has expired — derived, never stored, so no job has to
 * run at midnight for the gate to refuse yesterday's slip.
 */
import type { BusinessDate } from '#lib/time/index.ts';
import type { ReleaseState } from './machine.ts';

export type SlipStatus = ReleaseState | 'expired' | 'not_yet';

export function slipStatus(slip: { state: ReleaseState; validOn: BusinessDate }, today: BusinessDate): SlipStatus {
	const open = slip.state === 'requested' || slip.state === 'issued';
	if (open && slip.validOn < today) return 'expired';
	if (slip.state === 'issued' && slip.validOn > today) return 'not_yet';
	return slip.state;
}

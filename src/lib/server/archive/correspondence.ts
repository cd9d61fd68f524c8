/**
 * Correspondence in the unit's file (一戶一檔: "letters and notices sent, with delivery"): each
 * letter or notice sent to a unit's occupant is filed with how it went and to whom — the inbox,
 * email and SMS handed to delivery (notify/notify.ts notifyTold), or a printed letter. The caller
 * passes the transaction that sends or records it, so the entry and the sending commit together.
 */
import type { Executor } from '../db/client.ts';
import type { NotifyChannel } from '../notify/notify.ts';
import { fileInArchive } from './file.ts';

export type DeliveryChannel = NotifyChannel | 'paper';

/** One addressee and the channels the letter or notice went by (the summary's `delivery`). */
export interface Delivery {
	name: string;
	channels: DeliveryChannel[];
}

export async function fileCorrespondence(
	executor: Executor,
	input: {
		unitId: string;
		occupancyId: string | null;
		kind: 'letter' | 'notice';
		sourceType: string;
		sourceId: string;
		/** The record's reference and what it was about (a step, a title), as the index shows it. */
		summary: Record<string, unknown>;
		delivery: readonly Delivery[];
		actor?: { userId: string } | null;
	}
) {
	return fileInArchive(executor, {
		unitId: input.unitId,
		occupancyId: input.occupancyId,
		kind: input.kind,
		sourceType: input.sourceType,
		sourceId: input.sourceId,
		summary: { ...input.summary, delivery: input.delivery.map((d) => ({ name: d.name, channels: [...d.channels] })) },
		actor: input.actor ?? null
	});
}

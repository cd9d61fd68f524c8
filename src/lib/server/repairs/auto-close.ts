import type { Tx } from '../db/client.ts';
import { createRepairCallback } from '../callbacks/create.ts';
import { numericDateTime } from '#lib/time/index.ts';
import { signoffCloseAt, type SignoffSettings } from '../deadlines/rules.ts';
import { tellAboutRepair } from './notices.ts';
import { takeSystemAction } from './transition.ts';

/**
 * Closes a finished order nobody signed off within the configured days: the machine's auto_close
 * in capacity 'system' (state and event in the caller's transaction), the resident, the owner and
 * the technician told, and the callback created as at a sign-off (rule 3: every completed repair
 * gets one). Nothing happens — false — when the order has moved on or its time has not come
 * (deadlines/rules.ts signoffCloseAt: never before the reminder, and its days after it).
 */
export async function autoCloseRepair(tx: Tx, repairId: string, settings: SignoffSettings, now: Date): Promise<boolean> {
	const taken = await takeSystemAction(
		tx,
		repairId,
		'auto_close',
		async (step, { order, timeZone }) => {
			const since = numericDateTime(order.workDoneAt!, timeZone);
			await tellAboutRepair(step, order, 'auto_closed', { userIds: [order.requesterId], audience: 'resident' }, { since });
			await tellAboutRepair(step, order, 'auto_closed', { userIds: [order.ownerId, order.technicianId], audience: 'staff' }, { since });
			return {
				data: { closeAfterDays: settings.closeAfterDays, workDoneAt: order.workDoneAt!.toISOString() },
				after: async (after) => void (await createRepairCallback(after, order, now))
			};
		},
		({ order }) => {
			const closeAt = order.workDoneAt && signoffCloseAt(order.workDoneAt, order.signoffRemindedAt, settings);
			return !!closeAt && closeAt.getTime() <= now.getTime();
		}
	);
	return taken !== null;
}

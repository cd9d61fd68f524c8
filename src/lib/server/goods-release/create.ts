/**
 * A new slip: its row, its first event and — once issued — its entry in the unit's file, in the
 * caller's transaction. Every way a slip comes to be (a resident's request, the desk, a move-out)
 * goes through here.
 */
import type { Actor } from '../auth/actor.ts';
import { randomString } from '../auth/tokens.ts';
import type { Executor } from '../db/client.ts';
import { goodsReleaseSlips, type GoodsReleaseItem } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { fileInArchive } from '../archive/file.ts';
import { releaseReference } from '#lib/references.ts';
import type { ReleaseSlip } from './access.ts';
import './event-kinds.ts';

/** The QR code's secret: 20 symbols of 32 (100 bits), never shown but inside the code. */
const TOKEN_LENGTH = 20;
export const TOKEN_PATTERN = /^[a-z2-9]{20}$/;

export interface NewSlip {
	estateId: string;
	unitId: string;
	occupancyId: string | null;
	validOn: string;
	items: GoodsReleaseItem[];
	vehiclePlate?: string;
	carrier?: string;
	state: 'requested' | 'issued';
	source: ReleaseSlip['source'];
	moveOutId?: string | null;
	actor: Pick<Actor, 'userId'> | null;
	now: Date;
}

/** Files an issued slip in the unit's file (一戶一檔): its number and day. */
export async function fileIssuedSlip(tx: Executor, slip: ReleaseSlip, actor: Pick<Actor, 'userId'> | null): Promise<void> {
	await fileInArchive(tx, {
		unitId: slip.unitId,
		occupancyId: slip.occupancyId,
		kind: 'goods_release',
		sourceType: 'goods_release',
		sourceId: slip.id,
		summary: { reference: releaseReference(slip.seq), validOn: slip.validOn, source: slip.source },
		actor
	});
}

export async function createSlip(tx: Executor, input: NewSlip): Promise<ReleaseSlip> {
	const issued = input.state === 'issued';
	const [slip] = await tx
		.insert(goodsReleaseSlips)
		.values({
			token: randomString(TOKEN_LENGTH),
			estateId: input.estateId,
			unitId: input.unitId,
			occupancyId: input.occupancyId,
			validOn: input.validOn,
			items: input.items,
			vehiclePlate: input.vehiclePlate ?? '',
			carrier: input.carrier ?? '',
			state: input.state,
			source: input.source,
			moveOutId: input.moveOutId ?? null,
			requestedBy: input.source === 'move_out' ? null : (input.actor?.userId ?? null),
			requestedAt: input.now,
			issuedBy: issued ? (input.actor?.userId ?? null) : null,
			issuedAt: issued ? input.now : null
		})
		.returning();
	await recordEvent(tx, {
		actor: input.actor,
		subjectType: 'goods_release',
		subjectId: slip!.id,
		kind: issued ? 'issued' : 'requested',
		to: input.state,
		data: { seq: slip!.seq, source: input.source, validOn: input.validOn, moveOutId: input.moveOutId ?? null }
	});
	if (issued) await fileIssuedSlip(tx, slip!, input.actor);
	return slip!;
}

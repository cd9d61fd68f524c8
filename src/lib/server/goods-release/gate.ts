/**
 * The gate (保安): the guard opens a slip by its QR code (/staff/gate/<token>) or by the number the
 * resident reads out (G000123), checks the goods and records the release — once. The release is
 * one conditional UPDATE (… where state = 'issued' and the day is today), so two guards scanning
 * the same slip at once cannot both release it: the second is told who released it and when. A
 * used, expired, not yet valid, refused, cancelled or unknown slip is refused in words.
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import { releaseReference } from '#lib/references.ts';
import { gateNoteSchema } from '#lib/schemas/goods-release.ts';
import { businessDate, businessToday, clockTime, dateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeEstate, inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, goodsReleaseSlips, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { StaleStateError, parseInput } from '../kernel/input-error.ts';
import type { ReleaseSlip } from './access.ts';
import { TOKEN_PATTERN } from './create.ts';
import { releaseActionEvent } from './event-kinds.ts';
import { releaseMachine, staffReleaseCapacities } from './machine.ts';
import { slipStatus, type SlipStatus } from './status.ts';

export interface GateSlip {
	id: string;
	number: string;
	token: string;
	estateId: string;
	estateName: string;
	/** "Block A 12A". */
	unit: string;
	validOn: string;
	items: ReleaseSlip['items'];
	source: ReleaseSlip['source'];
	vehiclePlate: string;
	carrier: string;
	status: SlipStatus;
	/** Why the gate must not let the goods out, in words; null when it may. */
	refusal: string | null;
	/** The guard may record the release now. */
	canRelease: boolean;
	releasedAt: Date | null;
	releasedByName: string | null;
	gateNote: string;
	timeZone: string;
}

const releasedBy = alias(users, 'released_by');

const gateColumns = {
	slip: goodsReleaseSlips,
	estateName: estates.name,
	timeZone: estates.timeZone,
	building: buildings.name,
	unitNumber: units.number,
	releasedByName: releasedBy.name
};

function gateQuery(executor: Executor) {
	return executor
		.select(gateColumns)
		.from(goodsReleaseSlips)
		.innerJoin(units, eq(units.id, goodsReleaseSlips.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, goodsReleaseSlips.estateId))
		.leftJoin(releasedBy, eq(releasedBy.id, goodsReleaseSlips.releasedBy));
}

type GateRow = Awaited<ReturnType<ReturnType<typeof gateQuery>['execute']>>[number];

/** Why the gate refuses a slip in this status, in words (null: it may be released). */
function refusalText(status: SlipStatus, row: Pick<GateRow, 'slip' | 'timeZone' | 'releasedByName'>, today: string): string | null {
	const { slip } = row;
	switch (status) {
		case 'issued':
			return null;
		case 'released': {
			const at = slip.releasedAt!;
			const when = businessToday(row, at) === today ? clockTime(at, row.timeZone) : dateTime(at, row.timeZone);
			return m.releases_refused_released({ when, name: row.releasedByName ?? '—' });
		}
		case 'expired':
			return m.releases_refused_expired({ date: businessDate(slip.validOn) });
		case 'not_yet':
			return m.releases_refused_not_yet({ date: businessDate(slip.validOn) });
		case 'requested':
			return m.releases_refused_not_issued();
		case 'refused':
			return m.releases_refused_refused();
		case 'cancelled':
			return m.releases_refused_cancelled();
	}
}

function gateView(row: GateRow, actor: Actor, now: Date): GateSlip {
	const { slip } = row;
	const today = businessToday(row, now);
	const status = slipStatus(slip, today);
	const refusal = refusalText(status, row, today);
	return {
		id: slip.id,
		number: releaseReference(slip.seq),
		token: slip.token,
		estateId: slip.estateId,
		estateName: row.estateName,
		unit: `${row.building} ${row.unitNumber}`,
		validOn: slip.validOn,
		items: slip.items,
		source: slip.source,
		vehiclePlate: slip.vehiclePlate,
		carrier: slip.carrier,
		status,
		refusal,
		canRelease: refusal === null && releaseMachine.can(slip.state, 'release', staffReleaseCapacities(actor, slip.estateId)),
		releasedAt: slip.releasedAt,
		releasedByName: row.releasedByName,
		gateNote: slip.gateNote,
		timeZone: row.timeZone
	};
}

/**
 * The slip a QR code opens, for a guard of its estate; 404 for anything else — a token that is not
 * one, a slip of another estate — so the page never tells whether it exists.
 */
export async function gateSlip(actor: Actor, token: string, { now = new Date(), executor = db() } = {}): Promise<GateSlip> {
	requireStaff(actor, 'releases.gate');
	if (!TOKEN_PATTERN.test(token)) error(404, m.releases_unknown_slip());
	const [row] = await gateQuery(executor).where(eq(goodsReleaseSlips.token, token));
	if (!row || !canSeeEstate(actor, row.slip.estateId)) error(404, m.releases_unknown_slip());
	return gateView(row, actor, now);
}

/** The number as a guard types it ("G000123", "g 123", "123"): its sequence, or null. */
export function readSlipNumber(typed: string): number | null {
	const match = /^G?0*([0-9]{1,12})$/.exec(
		typed
			.normalize('NFKC')
			.toUpperCase()
			.replace(/[\s-]+/g, '')
	);
	if (!match) return null;
	const seq = Number(match[1]);
	return Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/** The QR token of the slip with this number in the guard's estates, or null (unknown, or another estate's). */
export async function findSlipByNumber(actor: Actor, typed: string, executor: Executor = db()): Promise<string | null> {
	requireStaff(actor, 'releases.gate');
	const seq = readSlipNumber(typed);
	if (seq === null) return null;
	const [row] = await executor
		.select({ token: goodsReleaseSlips.token, estateId: goodsReleaseSlips.estateId })
		.from(goodsReleaseSlips)
		.where(and(eq(goodsReleaseSlips.seq, seq), inActorEstates(actor, goodsReleaseSlips.estateId)));
	return row?.token ?? null;
}

/**
 * The guard records the goods released, with an optional note. Once: the UPDATE holds only while
 * the slip is issued and its day is today, so of two guards at once one releases and the other is
 * refused with who did it and when — like every later scan.
 */
export async function releaseAtGate(actor: Actor, token: string, input: unknown, now = new Date()): Promise<GateSlip> {
	const { note } = parseInput(gateNoteSchema, input);
	const before = await gateSlip(actor, token, { now });
	if (before.refusal) throw new StaleStateError(before.refusal);
	releaseMachine.take('issued', 'release', staffReleaseCapacities(actor, before.estateId));
	return db().transaction(async (tx) => {
		const [done] = await tx
			.update(goodsReleaseSlips)
			.set({ state: 'released', releasedBy: actor.userId, releasedAt: now, gateNote: note })
			// No refusal means the slip is issued for today: the UPDATE holds only while that is still so.
			.where(and(eq(goodsReleaseSlips.id, before.id), eq(goodsReleaseSlips.state, 'issued'), eq(goodsReleaseSlips.validOn, before.validOn)))
			.returning({ id: goodsReleaseSlips.id });
		if (!done) {
			// Someone was quicker (or the desk cancelled it meanwhile): say what happened.
			const after = await gateSlip(actor, token, { now, executor: tx });
			throw new StaleStateError(after.refusal ?? m.case_state_changed());
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'goods_release',
			subjectId: before.id,
			kind: releaseActionEvent.release,
			from: 'issued',
			to: 'released',
			note
		});
		return gateSlip(actor, token, { now, executor: tx });
	});
}

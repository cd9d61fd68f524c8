/**
 * How a slip comes to be: a resident asks for its unit (requested, for the desk to issue); the
 * desk issues one directly for a unit at the counter; a completed move-out issues its own in the
 * move-out's transaction (issueMoveOutRelease). The day is the estate's: today at the earliest,
 * and not further ahead than a resident can sensibly plan a removal.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { releaseReference } from '#lib/references.ts';
import { releaseRequestSchema } from '#lib/schemas/goods-release.ts';
import { addDays, businessDate, businessToday, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireEstate, requireResident, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { estates, units, type GoodsReleaseItem } from '../db/schema/index.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUuid } from '../kernel/ids.ts';
import { actingOccupancy, actorOccupancies, currentOccupancies } from '../property/occupancy.ts';
import { createSlip } from './create.ts';
import { MAX_ITEM_LENGTH, MAX_ITEM_LINES, readItemLines } from './items.ts';

/** How far ahead a slip may be asked for. */
const MAX_DAYS_AHEAD = 60;

interface SlipDetails {
	validOn: string;
	items: GoodsReleaseItem[];
	vehiclePlate: string;
	carrier: string;
}

/** The form's fields checked against the estate's today: the one reading of a request (resident or desk). */
function readDetails(input: unknown, today: string): SlipDetails {
	const data = parseInput(releaseRequestSchema, input);
	const validOn = parseDate(data.validOn);
	if (!validOn) throw new InputError('validOn', m.field_date_invalid());
	if (validOn < today) throw new InputError('validOn', m.releases_date_past({ today: businessDate(today) }));
	if (validOn > addDays(today, MAX_DAYS_AHEAD)) throw new InputError('validOn', m.releases_date_too_far({ days: MAX_DAYS_AHEAD }));
	const items = readItemLines(data.items);
	if (items.length === 0) throw new InputError('items', m.releases_items_required());
	if (items.length > MAX_ITEM_LINES) throw new InputError('items', m.releases_items_too_many({ max: MAX_ITEM_LINES }));
	if (items.some((item) => item.description.length > MAX_ITEM_LENGTH))
		throw new InputError('items', m.releases_item_too_long({ max: MAX_ITEM_LENGTH }));
	return { validOn, items, vehiclePlate: data.vehiclePlate.toUpperCase(), carrier: data.carrier };
}

/** The unit's estate and zone. */
async function unitPlace(executor: Executor, unitId: string) {
	const [row] = await executor
		.select({ id: units.id, estateId: units.estateId, timeZone: estates.timeZone })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(eq(units.id, unitId));
	return row;
}

/** A resident asks for a slip for goods leaving its unit; the desk issues or refuses it. */
export async function requestRelease(
	actor: Actor,
	unitId: string,
	input: unknown,
	now = new Date()
): Promise<{ id: string; number: string }> {
	requireResident(actor);
	if (!isUuid(unitId)) error(404, 'Not found');
	return db().transaction(async (tx) => {
		const held = (await actorOccupancies(tx, actor, now)).filter((o) => o.unitId === unitId);
		const occupancy = actingOccupancy(held);
		if (!occupancy) error(404, 'Not found');
		const details = readDetails(input, businessToday(occupancy, now));
		const slip = await createSlip(tx, {
			...details,
			estateId: occupancy.estateId,
			unitId,
			occupancyId: occupancy.id,
			state: 'requested',
			source: 'resident',
			actor,
			now
		});
		return { id: slip.id, number: releaseReference(slip.seq) };
	});
}

/**
 * The occupancy whose goods a slip the office writes for the unit covers: whoever lives there
 * (a renter before the owner who let it), in person before a company.
 */
async function livingOccupancy(tx: Tx, unitId: string, now: Date) {
	const current = await currentOccupancies(tx, [unitId], now);
	const renters = current.filter((o) => o.role === 'renter');
	return actingOccupancy(renters.length ? renters : current) ?? null;
}

/** The desk issues a slip for a unit of its estates directly (the resident at the counter, on the phone). */
export async function issueReleaseForUnit(
	actor: Actor,
	unitId: string,
	input: unknown,
	now = new Date()
): Promise<{ id: string; number: string }> {
	requireStaff(actor, 'releases.issue');
	if (!isUuid(unitId)) error(404, 'Not found');
	return db().transaction(async (tx) => {
		const place = await unitPlace(tx, unitId);
		requireEstate(actor, place?.estateId);
		const details = readDetails(input, businessToday(place, now));
		const occupancy = await livingOccupancy(tx, unitId, now);
		const slip = await createSlip(tx, {
			...details,
			estateId: place.estateId,
			unitId,
			occupancyId: occupancy?.id ?? null,
			state: 'issued',
			source: 'desk',
			actor,
			now
		});
		return { id: slip.id, number: releaseReference(slip.seq) };
	});
}

/**
 * The slip a completed move-out issues (rule 9: the goods of the household moving out), in the
 * move-out's own transaction: issued at once for the move-out day, filed in the unit's file. Its
 * items are "furniture and belongings on moving out", written in the reader's language when shown
 * (none stored), unless the move-out lists them (one a line). One slip per move-out: a second call
 * for the same move-out fails on the unique index.
 */
export async function issueMoveOutRelease(
	tx: Executor,
	input: { unitId: string; occupancyId: string; date: string; moveOutId: string; actor: Pick<Actor, 'userId'> | null; items?: string }
): Promise<{ id: string; number: string }> {
	const place = await unitPlace(tx, input.unitId);
	if (!place) throw new Error(`issueMoveOutRelease: no unit ${input.unitId}`);
	const validOn = parseDate(input.date);
	if (!validOn) throw new Error(`issueMoveOutRelease: not a date '${input.date}'`);
	const items = readItemLines(input.items ?? '').slice(0, MAX_ITEM_LINES);
	const slip = await createSlip(tx, {
		estateId: place.estateId,
		unitId: input.unitId,
		occupancyId: input.occupancyId,
		validOn,
		items,
		state: 'issued',
		source: 'move_out',
		moveOutId: input.moveOutId,
		actor: input.actor,
		now: new Date()
	});
	return { id: slip.id, number: releaseReference(slip.seq) };
}

/** What the move pages read: the estate's list and one case with its checklist, scoped by the actor. */
import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireResident, requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { estates, files, moveDocuments, moves, residentCompanies, unitKeys, units, users } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { moveEventKinds } from './machine.ts';
import { readMove, type Move } from './access.ts';
import { missingForMoveIn, type MoveInItem } from './checklist.ts';
import { moveInFacts, partyOf } from './move-in.ts';
import { moveOutOwed } from './move-out.ts';
import { feeSettings } from '../fees/settings.ts';
import { readingsOf } from './readings.ts';
import { openActions } from './step.ts';
import { actorOccupancies, currentOccupancies, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { partyNames } from '../property/party-names.ts';
import { visibleUnit } from '../property/units.ts';
import { deskUnitLookup } from '../repairs/case-unit-lookup.ts';

export interface MoveRow {
	id: string;
	kind: Move['kind'];
	state: Move['state'];
	unitId: string;
	unitNumber: string;
	party: string;
	plannedOn: string;
}

/** The estate's moves, open ones first then newest (staff with moves.read, in their estates). */
export async function listMoves(actor: Actor | null | undefined): Promise<MoveRow[]> {
	requireStaff(actor, 'moves.read');
	const rows = await db()
		.select({
			id: moves.id,
			kind: moves.kind,
			state: moves.state,
			unitId: moves.unitId,
			unitNumber: units.number,
			person: users.name,
			company: residentCompanies.name,
			plannedOn: moves.plannedOn
		})
		.from(moves)
		.innerJoin(units, eq(units.id, moves.unitId))
		.leftJoin(users, eq(users.id, moves.partyUserId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, moves.partyCompanyId))
		.where(inActorEstates(actor, moves.estateId))
		.orderBy(desc(moves.createdAt))
		.limit(200);
	const rank = (s: Move['state']) => (s === 'done' || s === 'cancelled' ? 1 : 0);
	return rows.map(({ person, company, ...r }) => ({ ...r, party: person ?? company ?? '' })).sort((a, b) => rank(a.state) - rank(b.state));
}

/**
 * The moves planned for today in the actor's estates and not yet done or cancelled (security's day:
 * who moves in or out through the gate), move-ins first.
 */
export async function movesToday(
	actor: Actor | null | undefined,
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
) {
	requireStaff(actor, 'moves.read');
	const todays = await estateTodays(executor, now);
	const rows = await executor
		.select({
			id: moves.id,
			kind: moves.kind,
			unitNumber: units.number,
			person: users.name,
			company: residentCompanies.name
		})
		.from(moves)
		.innerJoin(units, eq(units.id, moves.unitId))
		.leftJoin(users, eq(users.id, moves.partyUserId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, moves.partyCompanyId))
		.where(
			and(
				inActorEstates(actor, moves.estateId),
				notInArray(moves.state, ['done', 'cancelled']),
				eq(moves.plannedOn, sql`${todayInEstateSql(sql`${moves.estateId}`, todays)}`)
			)
		)
		.orderBy(asc(moves.kind), asc(units.number))
		.limit(200);
	return rows.map(({ person, company, ...r }) => ({ ...r, party: person ?? company ?? '' }));
}

/** The resident's own moves (in person or through its companies), newest first. */
export async function residentMoves(actor: Actor | null | undefined): Promise<MoveRow[]> {
	requireSignedIn(actor);
	const companyIds = actor.companies.map((c) => c.companyId);
	const rows = await db()
		.select({
			id: moves.id,
			kind: moves.kind,
			state: moves.state,
			unitId: moves.unitId,
			unitNumber: units.number,
			plannedOn: moves.plannedOn
		})
		.from(moves)
		.innerJoin(units, eq(units.id, moves.unitId))
		.where(or(eq(moves.partyUserId, actor.userId), companyIds.length ? inArray(moves.partyCompanyId, companyIds) : undefined))
		.orderBy(desc(moves.createdAt));
	return actor.kind === 'resident' ? rows.map((r) => ({ ...r, party: '' })) : [];
}

/** One case as its page shows it: checklist, documents, readings, keys, damages, what is owed, the timeline and the open actions. */
export async function moveDetail(actor: Actor | null | undefined, moveId: string) {
	requireSignedIn(actor);
	const executor = db();
	const move = await readMove(executor, actor, moveId);
	const staff = actor.kind === 'staff';
	return executor.transaction(async (tx) => {
		const [unit] = await tx
			.select({ number: units.number, timeZone: estates.timeZone })
			.from(units)
			.innerJoin(estates, eq(estates.id, units.estateId))
			.where(eq(units.id, move.unitId));
		const party = await partyOf(tx, move);
		const documents = await tx
			.select({
				id: moveDocuments.id,
				kind: moveDocuments.kind,
				fileId: moveDocuments.fileId,
				at: moveDocuments.at,
				contentType: files.contentType
			})
			.from(moveDocuments)
			.leftJoin(files, eq(files.id, moveDocuments.fileId))
			.where(eq(moveDocuments.moveId, move.id));
		const readings = await readingsOf(tx, move.id);
		// The keys this case hands out (a move-in) or takes back (the leaving occupancy's, a move-out).
		const keys = await tx
			.select()
			.from(unitKeys)
			.where(
				move.kind === 'in'
					? eq(unitKeys.issuedMoveId, move.id)
					: or(eq(unitKeys.returnedMoveId, move.id), and(eq(unitKeys.holderOccupancyId, move.occupancyId!), isNull(unitKeys.returnedAt)))
			);
		const missing: MoveInItem[] = move.kind === 'in' ? missingForMoveIn(await moveInFacts(tx, move)) : [];
		const owedMinor = move.kind === 'out' ? await moveOutOwed(tx, move) : 0;
		const { currency } = await feeSettings(tx);
		const timeline = (await listEventsWithActors('move', move.id, tx)).filter(
			(e) => staff || (moveEventKinds as Record<string, string>)[e.kind] === 'all'
		);
		return {
			move: staff ? move : { ...move, waivedReason: null, waivedBy: null },
			unitNumber: unit?.number ?? '',
			/** The estate's zone: the page shows every time in it. */
			timeZone: unit!.timeZone,
			party: party.name,
			documents,
			readings,
			keys,
			missing,
			owedMinor,
			/** The currency the office bills in (fees settings): owed amounts and damages are shown in it. */
			currency,
			timeline,
			actions: openActions(actor, move)
		};
	});
}

/** moveDetail for the resident portal: the moving party's own page (staff work from /staff/moves). */
export async function residentMoveDetail(actor: Actor | null | undefined, moveId: string) {
	requireResident(actor);
	return moveDetail(actor, moveId);
}

/** The units the resident may apply to move out of: those it holds today (in person or for its company). */
export async function moveOutChoices(actor: Actor | null | undefined): Promise<{ unitId: string; number: string }[]> {
	requireResident(actor);
	const held = await actorOccupancies(db(), actor);
	const unitIds = [...new Set(held.map((o) => o.unitId))];
	if (unitIds.length === 0) return [];
	return db().select({ unitId: units.id, number: units.number }).from(units).where(inArray(units.id, unitIds)).orderBy(units.number);
}

/** What the desk's new-move page offers for a unit: its number, and who occupies it today (who may move out). */
async function moveUnitChoices(actor: Actor | null | undefined, unitId: string) {
	requireStaff(actor, 'moves.manage');
	const unit = await visibleUnit(actor, unitId);
	const current = await currentOccupancies(db(), [unit.id]);
	const names = await partyNames(db(), current);
	return {
		unitId: unit.id,
		label: `${unit.estateCode} ${unit.buildingCode} ${unit.number}`,
		occupants: current.map((o) => ({ occupancyId: o.id, role: o.role, name: names.get(o.id) ?? '' }))
	};
}

/**
 * The unit a new move is for: named by id (from its registry page) or found by building and
 * number as the desk types them; with the buildings to choose from and whether the typed number
 * was found.
 */
export async function moveUnitLookup(actor: Actor | null | undefined, asked: { unitId: string; buildingId: string; number: string }) {
	requireStaff(actor, 'moves.manage');
	const { buildings, lookup, unit: found } = await deskUnitLookup(actor, asked, { permission: 'moves.manage' });
	const unitId = asked.unitId || found?.id;
	return { buildings, lookup, unit: unitId ? await moveUnitChoices(actor, unitId) : null };
}

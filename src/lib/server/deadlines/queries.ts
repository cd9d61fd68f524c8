/**
 * What is past its deadline, as a staff member reads it: the items they own (told first by the
 * sweep) and, for those the sweep escalates to (deadlines.oversee: managers, admins), every item
 * of their estates with the figures by estate and kind. The same read (overdue.ts) as the sweep's,
 * so the staff home counts what the sweep tells about.
 */
import { asc } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { remembered } from '../kernel/request-memo.ts';
import { estates } from '../db/schema/index.ts';
import { noneOverdue, overdueHref, overdueItems, type OverdueItem } from './overdue.ts';
import { deadlineKinds, type DeadlineKind } from './rules.ts';

const ESTATE_ITEMS = Symbol('overdue items of the actor’s estates');

/**
 * The kinds the actor can hold (every kind for those who oversee them): callbacks for callback
 * staff, notices for technicians and repair leads, promises for the desk and supervisors (who
 * make them), quotes for repair leads, sign-offs for an order's owner or technician.
 */
function kindsFor(actor: Actor): DeadlineKind[] {
	if (overseesDeadlines(actor)) return [...deadlineKinds];
	const held: Record<DeadlineKind, boolean> = {
		callback: can(actor, 'callbacks.do'),
		rectification: can(actor, 'repairs.work'),
		promise: can(actor, ['repairs.intake', 'repairs.supervise']),
		quote: actor.roles.has('engineering_supervisor'),
		signoff: can(actor, ['repairs.intake', 'repairs.supervise', 'repairs.work'])
	};
	return deadlineKinds.filter((kind) => held[kind]);
}

/** Everything overdue in the actor's estates of the kinds it may hold, read once per read-only request (one statement). */
async function itemsOfEstates(actor: Actor, executor: Executor, now: Date): Promise<OverdueItem[]> {
	const kinds = kindsFor(actor);
	if (kinds.length === 0) return [];
	return remembered(actor.memo, ESTATE_ITEMS, async () => (await overdueItems(executor, actor.estateIds, now, { kinds })).items);
}

/** The actor holds the item: by name, or by a role it has (the repair leads' quotes). */
function holds(actor: Actor, item: OverdueItem): boolean {
	return item.ownerIds.includes(actor.userId) || (item.ownerRole !== null && actor.roles.has(item.ownerRole));
}

export interface OverdueRow extends OverdueItem {
	href: string;
	/** The managers were told (the owner's grace ran out). */
	escalated: boolean;
}

const row = (item: OverdueItem): OverdueRow => ({ ...item, href: overdueHref(item), escalated: item.escalatedAt !== null });

/** The overdue items the actor owns (most overdue first). */
export async function myOverdue(
	actor: Actor | null | undefined,
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
): Promise<OverdueRow[]> {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') return [];
	return (await itemsOfEstates(actor, executor, now)).filter((item) => holds(actor, item)).map(row);
}

/** Whether the actor sees every overdue item of its estates and the figures. */
export function overseesDeadlines(actor: Actor): boolean {
	return can(actor, 'deadlines.oversee');
}

export interface EstateFigures {
	estateId: string;
	estateCode: string;
	estateName: string;
	/** Past deadline now, by kind. */
	overdue: Record<DeadlineKind, number>;
	/** Of those, the ones the managers have been told about (the owner's grace ran out). */
	escalated: Record<DeadlineKind, number>;
	total: number;
}

/**
 * The manager's figures: per estate of the actor, how many callbacks, rectification notices,
 * promised replies, quotes and sign-offs are past their deadline now, and every such item.
 */
export async function overdueInEstates(
	actor: Actor | null | undefined,
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
): Promise<{ estates: EstateFigures[]; totals: Record<DeadlineKind, number>; rows: OverdueRow[] }> {
	requireStaff(actor, 'deadlines.oversee');
	const [items, list] = await Promise.all([
		itemsOfEstates(actor, executor, now),
		executor
			.select({ id: estates.id, code: estates.code, name: estates.name })
			.from(estates)
			.where(inActorEstates(actor, estates.id))
			.orderBy(asc(estates.code))
	]);
	const totals = noneOverdue();
	const figures = new Map<string, EstateFigures>(
		list.map((e) => [
			e.id,
			{ estateId: e.id, estateCode: e.code, estateName: e.name, overdue: noneOverdue(), escalated: noneOverdue(), total: 0 }
		])
	);
	for (const item of items) {
		const estate = figures.get(item.estateId);
		if (!estate) continue;
		estate.overdue[item.kind]++;
		if (item.escalatedAt) estate.escalated[item.kind]++;
		estate.total++;
		totals[item.kind]++;
	}
	return { estates: [...figures.values()], totals, rows: items.map(row) };
}

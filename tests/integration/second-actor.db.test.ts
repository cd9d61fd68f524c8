// Every route that names a record in its path — page loads, every form action, every endpoint
// method — called through the real route modules as everyone who must not reach that record: a
// resident of another flat, a member of another company, the landlord of the renter's flat, a
// later occupant, staff without the permission, staff of another estate, and nobody signed in.
// Each gets 403 or 404 (never the record, never a redirect into it) and writes nothing; the owner
// opens the same record, which proves the id is real. Routes are read from the file tree, so a new
// route is tried without anyone listing it (tests/route-tree.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/auth/actor.ts';
import { fakeEvent } from '../request-event.ts';
import { describeOutcome, outcomeOf, type Outcome } from '../second-actor/outcome.ts';
import { dynamicRoutes, pathOf, routeEntries, type RouteEntry } from '../route-tree.ts';
import {
	notRecords,
	resolvers,
	searchRoutes,
	sharedFields,
	unpermittedStaff,
	type Owner,
	type Resolver
} from '../second-actor/resolvers.ts';
import { watchWrites, writeCounts, writesBetween } from '../second-actor/writes.ts';
import { buildWorld, demoStaffEmails, secondActors, type SecondActor, type World } from '../second-actor/world.ts';

const routes = await dynamicRoutes();

let world: World;
beforeAll(async () => {
	world = await buildWorld();
	await watchWrites();
}, 180_000);
afterAll(() => world?.dispose());

function ownerActor(owner: Owner): Actor | null {
	if (owner === 'link holder') return null;
	if (owner === 'chan' || owner === 'neighbour' || owner === 'acmeAdmin') return world.people[owner];
	return world.people.staff[owner];
}

function actorOf(who: SecondActor, route: string): Actor | null {
	return who === 'unpermitted staff' ? world.people.staff[unpermittedStaff(route)] : world.people.second[who];
}

/** Calls one entry of a route the way SvelteKit would, as the actor. */
function call(entry: RouteEntry, resolver: Resolver, actor: Actor | null, params: Record<string, string>): Promise<Outcome> {
	const path = pathOf(entry.route, params);
	const form =
		entry.kind === 'action' || entry.method !== 'GET' ? { ...sharedFields(world), ...resolver.forms?.(world)[entry.entry] } : undefined;
	const event = fakeEvent({
		actor,
		params,
		form,
		path: entry.kind === 'action' && entry.entry !== '?/default' ? `${path}${entry.entry}` : path
	}) as { route: { id: string | null } };
	event.route = { id: entry.route };
	return outcomeOf(() => entry.handler(event as never));
}

/** A refusal: 403 or 404 (401 or the way to the login when signed out), or the route's own way of saying no. */
function refused(outcome: Outcome, resolver: Resolver, signedOut: boolean): boolean {
	if (resolver.refusal?.test(outcome)) return true;
	if (outcome.kind === 'error') return outcome.status === 403 || outcome.status === 404 || (signedOut && outcome.status === 401);
	if (outcome.kind === 'response') return outcome.status === 403 || outcome.status === 404 || (signedOut && outcome.status === 401);
	return signedOut && outcome.kind === 'redirect' && outcome.location.startsWith('/login');
}

const tried: string[] = [];
/** What each actor got, per route: "404×8 403×2", printed at the end. */
const answers = new Map<string, Map<string, number>>();
function note(route: string, who: string, outcome: Outcome) {
	const key = `${route} — ${who}`;
	const answer = outcome.kind === 'redirect' ? `${outcome.status}→${outcome.location.split('?')[0]}` : String(outcome.status);
	const counts = answers.get(key) ?? new Map<string, number>();
	counts.set(answer, (counts.get(answer) ?? 0) + 1);
	answers.set(key, counts);
}

describe('the second-actor walk', () => {
	it('knows, for every route with a parameter, how to find a record of it (or why it names none)', () => {
		const unknown = routes.map((r) => r.route).filter((route) => !resolvers[route] && !notRecords[route]);
		expect(unknown.map((route) => `add a resolver for ${route} (tests/second-actor/resolvers.ts)`)).toEqual([]);
		const gone = Object.keys(resolvers).filter((route) => !routes.some((r) => r.route === route));
		expect(gone, 'resolvers for routes that no longer exist').toEqual([]);
	});
});

for (const { route, entries } of routes) {
	const resolver = resolvers[route];
	if (!resolver) continue;
	const opens = entries.filter((e) => e.method === 'GET');
	const ownerName =
		resolver.owner === 'link holder'
			? 'anyone holding the link'
			: resolver.owner in demoStaffEmails
				? demoStaffEmails[resolver.owner as keyof typeof demoStaffEmails]
				: resolver.owner;

	describe(route, () => {
		for (const entry of opens) {
			it(`${entry.entry} opens the record for its owner (${ownerName})`, async () => {
				const outcome = await call(entry, resolver, ownerActor(resolver.owner), resolver.params(world));
				const answered = (outcome.kind === 'data' || outcome.kind === 'response') && outcome.status === 200;
				expect(answered && (resolver.opened?.(outcome) ?? true), `${route} ${entry.entry}: ${describeOutcome(outcome)}`).toBe(true);
			});
		}

		for (const entry of entries) {
			for (const who of secondActors) {
				const shared = resolver.shared?.actors.includes(who) ?? false;
				if (shared && resolver.shared!.mayDo.includes(entry.entry)) continue;
				const label = who === 'unpermitted staff' ? `unpermitted staff (${demoStaffEmails[unpermittedStaff(route)]})` : who;
				tried.push(`${route} ${entry.entry} × ${label}`);
				const expectation =
					shared && entry.kind !== 'action' ? 'answers without the owner’s private records' : 'is refused and writes nothing';
				it(`${entry.entry} as ${label} ${expectation}`, async () => {
					const params = resolver.forged?.(world) ?? resolver.params(world);
					const before = await writeCounts();
					const outcome = await call(entry, resolver, actorOf(who, route), params);
					const wrote = writesBetween(before, await writeCounts());
					note(route, label, outcome);
					if (shared && entry.kind !== 'action') {
						const shown = JSON.stringify(outcome.kind === 'data' ? outcome.data : '');
						const leaked = resolver.shared!.secrets(world).filter((secret) => shown.includes(secret));
						expect(leaked, `${route} ${entry.entry} as ${who} shows the owner's ${leaked.join(', ')}`).toEqual([]);
					} else {
						expect(refused(outcome, resolver, who === 'signed out'), `${route} ${entry.entry} as ${who}: ${describeOutcome(outcome)}`).toBe(
							true
						);
					}
					expect(wrote, `${route} ${entry.entry} as ${who} wrote`).toEqual([]);
				});
			}
		}
	});
}

for (const [route, { owner, searches }] of Object.entries(searchRoutes)) {
	const entries = await routeEntries(route);
	const ownerName = owner in demoStaffEmails ? demoStaffEmails[owner as keyof typeof demoStaffEmails] : owner;

	describe(`${route} (records named by the query)`, () => {
		it('is a route of the app that only reads', () => {
			expect(entries.map((e) => e.entry)).toEqual(['load']);
		});

		for (const search of searches) {
			const ask = (actor: Actor | null) => {
				const path = `${route}?${new URLSearchParams(search.query(world)).toString()}`;
				const event = fakeEvent({ actor, params: {}, path }) as { route: { id: string | null } };
				event.route = { id: route };
				return outcomeOf(() => entries[0]!.handler(event as never));
			};

			it(`finds ${search.says} for its owner (${ownerName})`, async () => {
				const outcome = await ask(ownerActor(owner));
				expect(outcome.kind === 'data' && outcome.status === 200, describeOutcome(outcome)).toBe(true);
				const shown = JSON.stringify(outcome.kind === 'data' ? outcome.data : '');
				for (const id of search.finds(world)) expect(shown, `${search.says}: ${id}`).toContain(id);
			});

			for (const who of secondActors) {
				if (who === 'unpermitted staff' && !search.unpermitted) continue;
				const label = who === 'unpermitted staff' ? `unpermitted staff (${demoStaffEmails[search.unpermitted!]})` : who;
				const staff = who === 'unpermitted staff' || who === 'other-estate staff';
				tried.push(`${route} ${search.says} × ${label}`);
				it(`${search.says} as ${label} ${staff ? 'answers without the records' : 'is refused'} and writes nothing`, async () => {
					const actor = who === 'unpermitted staff' ? world.people.staff[search.unpermitted!] : world.people.second[who];
					const before = await writeCounts();
					const outcome = await ask(actor);
					note(route, `${search.says} × ${label}`, outcome);
					if (staff) {
						expect(outcome.kind === 'data' && outcome.status === 200, describeOutcome(outcome)).toBe(true);
						const shown = JSON.stringify(outcome.kind === 'data' ? outcome.data : '');
						const leaked = search.finds(world).filter((id) => shown.includes(id));
						expect(leaked, `${route} ${search.says} as ${who} shows ${leaked.join(', ')}`).toEqual([]);
					} else {
						expect(refused(outcome, { owner, params: () => ({}) }, who === 'signed out'), describeOutcome(outcome)).toBe(true);
					}
					expect(writesBetween(before, await writeCounts()), `${route} as ${who} wrote`).toEqual([]);
				});
			}
		}
	});
}

describe('what the walk tried', () => {
	it('tried more than 100 route × action × actor combinations, on every route that names a record', () => {
		const covered = routes.filter((r) => resolvers[r.route]).map((r) => `${r.route} (${r.entries.map((e) => e.entry).join(', ')})`);
		const answered = [...answers].map(([key, counts]) => `${key}: ${[...counts].map(([answer, n]) => `${answer}×${n}`).join(' ')}`);
		console.log(`second-actor walk: ${tried.length} combinations on ${covered.length} routes:\n  ${covered.join('\n  ')}`);
		console.log(`answers:\n  ${answered.join('\n  ')}`);
		expect(tried.length).toBeGreaterThan(100);
	});
});

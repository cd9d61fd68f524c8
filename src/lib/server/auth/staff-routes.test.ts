import { describe, expect, it } from 'vitest';
import { routeIds } from '../../../../tests/route-tree.ts';
import type { Actor } from './actor.ts';
import { staffRoleNames, type Role } from './permissions.ts';
import { anyStaff, isStaffRoute, mayOpenStaffRoute, openStaffPages, staffRouteNeed, staffRoutes } from './staff-routes.ts';
import { currentLink, staffLinks, staffNavGroups } from '#lib/components/staff-links.ts';
import { staffRouteGuard } from './route-guard.ts';

function actor(kind: Actor['kind'], roles: Role[]): Actor {
	return {
		userId: 'u',
		sessionId: null,
		name: 'n',
		email: 'e@example.test',
		kind,
		locale: null,
		roles: new Set(roles),
		estateIds: [],
		companies: []
	};
}

describe('the staff route table', () => {
	it('has an entry for every page and endpoint under src/routes/staff, and none for a route that is gone', () => {
		const onDisk = routeIds().filter(isStaffRoute);
		expect(onDisk.length).toBeGreaterThan(30);
		const missing = onDisk.filter((id) => staffRouteNeed(id) === undefined);
		expect(missing, `add these routes to src/lib/server/auth/staff-routes.ts: ${missing.join(', ')}`).toEqual([]);
		expect(Object.keys(staffRoutes).sort()).toEqual(onDisk);
	});

	it('lets every staff role open the dashboard, its inbox, its profile, its corrective actions and the front desk search, and only those without a permission', () => {
		const open = Object.entries(staffRoutes)
			.filter(([, need]) => need === anyStaff)
			.map(([id]) => id);
		// The corrective actions a survey gave someone (any department): their list shows only their own.
		// The front desk search answers each kind of record only to whoever may open it (frontdesk/).
		// What is past its deadline: each sees their own; the estates' figures ask for deadlines.oversee.
		// A visit: the owner of one of its follow-ups (any department) opens it to answer (visits/access.ts),
		// and finds the ones they owe in their list of follow-ups (only their own).
		expect(open.sort()).toEqual([
			'/staff',
			'/staff/find',
			'/staff/inbox',
			'/staff/overdue',
			'/staff/profile',
			'/staff/surveys/actions',
			'/staff/visits/[id]',
			'/staff/visits/follow-ups'
		]);
		for (const role of staffRoleNames)
			for (const id of open) expect(mayOpenStaffRoute(actor('staff', [role]), id), `${role} ${id}`).toBe(true);
		expect(mayOpenStaffRoute(actor('staff', []), '/staff')).toBe(true);
	});

	it('opens an area to the roles the role table grants its permission, and to no other', () => {
		const engineer = actor('staff', ['engineering']);
		const finance = actor('staff', ['finance']);
		expect(mayOpenStaffRoute(engineer, '/staff/repairs/[id]')).toBe(true);
		expect(mayOpenStaffRoute(engineer, '/staff/callbacks/rectifications')).toBe(true);
		expect(mayOpenStaffRoute(engineer, '/staff/callbacks/[id]')).toBe(false);
		expect(mayOpenStaffRoute(engineer, '/staff/fees')).toBe(false);
		expect(mayOpenStaffRoute(finance, '/staff/fees/units/[unitId]')).toBe(true);
		expect(mayOpenStaffRoute(finance, '/staff/fees/refunds/[id]')).toBe(true);
		expect(mayOpenStaffRoute(finance, '/staff/registry/units/[id]')).toBe(false);
		expect(mayOpenStaffRoute(actor('staff', ['manager']), '/staff/fees/refunds/[id]')).toBe(true);
		expect(mayOpenStaffRoute(actor('staff', ['security']), '/staff/fees/refunds')).toBe(false);
		expect(mayOpenStaffRoute(actor('staff', ['admin']), '/staff/admin/outbox/[id]')).toBe(true);
		expect(mayOpenStaffRoute(actor('staff', ['manager']), '/staff/admin/outbox/[id]')).toBe(false);
	});

	it('opens no back-office route to a resident or a contractor, whatever roles they carry', () => {
		const resident = actor('resident', ['resident', 'company_admin', 'admin']);
		const contractor = actor('contractor', ['contractor']);
		for (const id of Object.keys(staffRoutes)) {
			expect(mayOpenStaffRoute(resident, id), id).toBe(false);
			expect(mayOpenStaffRoute(contractor, id), id).toBe(false);
		}
	});

	it('refuses a staff route the table does not know, even to an admin', () => {
		expect(mayOpenStaffRoute(actor('staff', ['admin']), '/staff/secret-new-page')).toBe(false);
		expect(staffRouteNeed('toString')).toBeUndefined();
	});
});

describe('the staff route hook', () => {
	type Event = Parameters<typeof staffRouteGuard>[0]['event'];
	function event(routeId: string | null, who: Actor | null, init: { accept?: string; data?: boolean } = {}): Event {
		const headers = init.accept ? { accept: init.accept } : undefined;
		return {
			route: { id: routeId },
			locals: { actor: who },
			isDataRequest: init.data ?? false,
			request: new Request('http://localhost/staff', { headers })
		} as unknown as Event;
	}
	async function run(e: Event): Promise<{ resolved: boolean; response: Response }> {
		let resolved = false;
		const response = await staffRouteGuard({
			event: e,
			resolve: async () => {
				resolved = true;
				return new Response('page', { status: 200 });
			}
		});
		return { resolved, response };
	}

	it('answers 403 to a signed-in resident under /staff before anything runs', async () => {
		const { resolved, response } = await run(event('/staff/repairs/[id]', actor('resident', ['resident']), { accept: 'text/html' }));
		expect(resolved).toBe(false);
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(await response.text()).toContain('<h1>');
	});

	it('answers 403 to staff without the area permission, as JSON for a data request or an enhanced form', async () => {
		const finance = actor('staff', ['finance']);
		const data = await run(event('/staff/registry/units/[id]', finance, { data: true }));
		expect([data.resolved, data.response.status]).toEqual([false, 403]);
		expect(await data.response.json()).toEqual({ message: 'Forbidden' });
		const form = await run(event('/staff/registry/units/[id]', finance, { accept: 'application/json' }));
		expect([form.resolved, form.response.status]).toEqual([false, 403]);
	});

	it('passes staff holding the permission, signed-out requests (the login redirect is the layout’s) and other parts of the app', async () => {
		expect((await run(event('/staff/fees/units/[unitId]', actor('staff', ['finance'])))).resolved).toBe(true);
		expect((await run(event('/staff/repairs/[id]', null))).resolved).toBe(true);
		expect((await run(event('/app/repairs/[id]', actor('resident', ['resident'])))).resolved).toBe(true);
		expect((await run(event('/staffroom', actor('resident', ['resident'])))).resolved).toBe(true);
		expect((await run(event(null, actor('resident', ['resident'])))).resolved).toBe(true);
	});
});

describe('the back-office menu', () => {
	it('offers a finance clerk the fee desk, refunds and the finance report, and not the registry or repairs', () => {
		const links = staffLinks(openStaffPages(actor('staff', ['finance']))).map((l) => l.href);
		expect(links).toEqual(expect.arrayContaining(['/staff/inbox', '/staff/fees', '/staff/fees/refunds', '/staff/reports/finance']));
		expect(links).not.toContain('/staff/registry');
		expect(links).not.toContain('/staff/repairs');
	});

	it('offers a technician the rectification notices but not the callbacks board', () => {
		const links = staffLinks(openStaffPages(actor('staff', ['engineering']))).map((l) => l.href);
		expect(links).toContain('/staff/callbacks/rectifications');
		expect(links).not.toContain('/staff/callbacks');
	});

	it('groups the links, leaving out a group with no page the actor may open', () => {
		const groups = staffNavGroups(openStaffPages(actor('staff', ['finance'])));
		expect(groups.map((g) => [g.id, g.links.map((l) => l.href)])).toEqual([
			// Finance works the complaints passed to finance, and decides the service applications finance approves.
			['cases', ['/staff/complaints', '/staff/services']],
			['fees', ['/staff/fees', '/staff/fees/refunds', '/staff/fees/corrections', '/staff/admin/fees']],
			// Finance settles move-outs (the deposit refund), without the occupant registry, and reads a
			// unit's file only by a request: its own requests are listed.
			['property', ['/staff/moves', '/staff/archive/requests']],
			['reports', ['/staff/reports/finance']]
		]);
		const admin = staffNavGroups(openStaffPages(actor('staff', ['admin']))).map((g) => g.id);
		expect(admin).toEqual(['cases', 'fees', 'property', 'reports', 'admin']);
	});

	it('marks the longest link that contains the page as the current one', () => {
		const links = staffLinks(openStaffPages(actor('staff', ['customer_service'])));
		expect(currentLink(links, '/staff/callbacks/rectifications')).toBe('/staff/callbacks/rectifications');
		expect(currentLink(links, '/staff/callbacks/0b6f')).toBe('/staff/callbacks');
		expect(currentLink(links, '/staff/callbacksx')).toBeUndefined();
	});

	it('links only to pages the route table lets the actor open, for every role', () => {
		for (const role of staffRoleNames) {
			const who = actor('staff', [role]);
			for (const link of staffLinks(openStaffPages(who))) expect(mayOpenStaffRoute(who, link.href), `${role} ${link.href}`).toBe(true);
		}
	});
});

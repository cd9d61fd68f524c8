// Every route of src/routes that names a record in its path, read from the file tree and the route
// modules' exports: its page load, each form action, and each endpoint method. Nobody lists them,
// so a new route is tried as soon as its file exists.

type Handler = (event: never) => unknown;
interface PageModule {
	load?: Handler;
	actions?: Record<string, Handler>;
}
type EndpointModule = Partial<Record<(typeof methods)[number], Handler>>;

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const pages = import.meta.glob<PageModule>('/src/routes/**/+page.server.ts');
const endpoints = import.meta.glob<EndpointModule>('/src/routes/**/+server.ts');

/** One thing a route does, called the way SvelteKit calls it. */
export interface RouteEntry {
	/** The SvelteKit route id, e.g. /app/repairs/[id]. */
	route: string;
	/** 'load', an action ('?/cancel', '?/default') or an endpoint method ('GET'). */
	entry: string;
	kind: 'load' | 'action' | 'endpoint';
	/** The method a browser would use. */
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	handler: Handler;
}

export interface DynamicRoute {
	route: string;
	/** The parameters in its path, e.g. ['id']. */
	params: string[];
	entries: RouteEntry[];
}

/** The parameters of a route id: [id], [[optional]], [...rest] and [id=matcher] alike. */
export function paramsOf(route: string): string[] {
	return [...route.matchAll(/\[{1,2}(?:\.\.\.)?(\w+)(?:=\w+)?\]{1,2}/g)].map((m) => m[1]!);
}

function routeIdOf(file: string): string {
	const id = file.replace(/^\/src\/routes/, '').replace(/\/\+(page\.server|server)\.ts$/, '');
	return id === '' ? '/' : id;
}

export async function dynamicRoutes(): Promise<DynamicRoute[]> {
	const byRoute = new Map<string, RouteEntry[]>();
	const add = (entry: RouteEntry) => byRoute.set(entry.route, [...(byRoute.get(entry.route) ?? []), entry]);
	for (const [file, load] of Object.entries(pages)) {
		const route = routeIdOf(file);
		if (paramsOf(route).length === 0) continue;
		const module = await load();
		if (module.load) add({ route, entry: 'load', kind: 'load', method: 'GET', handler: module.load });
		for (const [name, handler] of Object.entries(module.actions ?? {})) {
			add({ route, entry: `?/${name}`, kind: 'action', method: 'POST', handler });
		}
	}
	for (const [file, load] of Object.entries(endpoints)) {
		const route = routeIdOf(file);
		if (paramsOf(route).length === 0) continue;
		const module = await load();
		for (const method of methods) {
			const handler = module[method];
			if (handler) add({ route, entry: method, kind: 'endpoint', method, handler });
		}
	}
	return [...byRoute]
		.map(([route, entries]) => ({ route, params: paramsOf(route), entries }))
		.sort((a, b) => a.route.localeCompare(b.route));
}

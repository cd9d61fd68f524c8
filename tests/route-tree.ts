// The app's routes, read from the file tree (Vite's import.meta.glob), so that tests cover a new
// route as soon as its file exists: every route id, and for the routes that name a record in
// their path, what they do — the page load, each form action, each endpoint method — read from
// the route modules' exports.

type Handler = (event: never) => unknown;
interface PageModule {
	load?: Handler;
	actions?: Record<string, Handler>;
}
type EndpointModule = Partial<Record<(typeof methods)[number], Handler>>;

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const pages = import.meta.glob<PageModule>('/src/routes/**/+page.server.ts');
const endpoints = import.meta.glob<EndpointModule>('/src/routes/**/+server.ts');
/** Pages with no server code of their own are routes too (the hook still sees them). */
const pageFiles = import.meta.glob(['/src/routes/**/+page.svelte', '/src/routes/**/+page.ts']);

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

/** A parameter in a route id: [id], [[optional]], [...rest] and [id=matcher] alike. */
const PARAM = /\[{1,2}(?:\.\.\.)?(\w+)(?:=\w+)?\]{1,2}/g;

function paramsOf(route: string): string[] {
	return [...route.matchAll(PARAM)].map((m) => m[1]!);
}

/** The URL path of a route id with these parameters ((groups) are not part of it). */
export function pathOf(route: string, params: Record<string, string>): string {
	return route.replace(/\/\([^)]+\)/g, '').replace(PARAM, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

function routeIdOf(file: string): string {
	const id = file.replace(/^\/src\/routes/, '').replace(/\/\+(page\.server\.ts|page\.ts|page\.svelte|server\.ts)$/, '');
	return id === '' ? '/' : id;
}

/** Every route id of the app (pages and endpoints), sorted. */
export function routeIds(): string[] {
	const files = [...Object.keys(pages), ...Object.keys(endpoints), ...Object.keys(pageFiles)];
	return [...new Set(files.map(routeIdOf))].sort();
}

/** What the routes the filter keeps do: each page load and action, each endpoint method. */
async function entriesOf(keep: (route: string) => boolean): Promise<Map<string, RouteEntry[]>> {
	const byRoute = new Map<string, RouteEntry[]>();
	const add = (entry: RouteEntry) => byRoute.set(entry.route, [...(byRoute.get(entry.route) ?? []), entry]);
	for (const [file, load] of Object.entries(pages)) {
		const route = routeIdOf(file);
		if (!keep(route)) continue;
		const module = await load();
		if (module.load) add({ route, entry: 'load', kind: 'load', method: 'GET', handler: module.load });
		for (const [name, handler] of Object.entries(module.actions ?? {})) {
			add({ route, entry: `?/${name}`, kind: 'action', method: 'POST', handler });
		}
	}
	for (const [file, load] of Object.entries(endpoints)) {
		const route = routeIdOf(file);
		if (!keep(route)) continue;
		const module = await load();
		for (const method of methods) {
			const handler = module[method];
			if (handler) add({ route, entry: method, kind: 'endpoint', method, handler });
		}
	}
	return byRoute;
}

/** What one route does, by its id (a route that names records in its query rather than its path). */
export async function routeEntries(route: string): Promise<RouteEntry[]> {
	return (await entriesOf((id) => id === route)).get(route) ?? [];
}

export async function dynamicRoutes(): Promise<DynamicRoute[]> {
	const byRoute = await entriesOf((route) => paramsOf(route).length > 0);
	return [...byRoute]
		.map(([route, entries]) => ({ route, params: paramsOf(route), entries }))
		.sort((a, b) => a.route.localeCompare(b.route));
}

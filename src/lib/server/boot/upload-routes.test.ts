import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadRoutes } from './upload-routes.ts';

const routesDir = path.resolve('src/routes');

/** Every server file under src/routes, by its route id. */
function serverFiles(dir = routesDir): { routeId: string; file: string }[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(full);
		if (!/^\+(page\.server|server)\.ts$/.test(entry.name)) return [];
		return [{ routeId: '/' + path.relative(routesDir, dir).split(path.sep).join('/'), file: full }];
	});
}

describe('the table of upload routes', () => {
	it('names routes and actions that exist and read their body with the streaming reader', () => {
		for (const [routeId, actions] of Object.entries(uploadRoutes)) {
			const file = path.join(routesDir, routeId, '+page.server.ts');
			expect(fs.existsSync(file), routeId).toBe(true);
			const source = fs.readFileSync(file, 'utf8');
			expect(source, routeId).toContain('readUploadForm(');
			for (const action of Object.keys(actions)) expect(source, `${routeId} ?/${action}`).toMatch(new RegExp(`\\b${action}: `));
		}
	});

	it('lists every route that reads an upload, so none is held to the small default by mistake', () => {
		const readers = serverFiles()
			.filter(({ file }) => fs.readFileSync(file, 'utf8').includes('readUploadForm('))
			.map(({ routeId }) => routeId);
		expect(readers.sort()).toEqual(Object.keys(uploadRoutes).sort());
	});
});

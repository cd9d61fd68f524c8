// The web widget's two browser scripts in static/widget/: served as written (no build step), so
// their size on the wire is the file's size gzipped. Their behaviour in a browser is checked by the
// Playwright journey on the demo host site (scripts/widget-host.ts).
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';

const read = (name: string) => fs.readFileSync(new URL(`../../static/widget/${name}`, import.meta.url), 'utf8');
const gzipped = (source: string) => gzipSync(source, { level: 9 }).length;

/** Runs a script with the given stand-ins for the browser's globals. */
function run(source: string, globals: Record<string, unknown>) {
	// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the script under test, read from static/
	const script = new Function(...Object.keys(globals), source) as (...values: unknown[]) => void;
	script(...Object.values(globals));
}

/** A stand-in that fails the test if the script touches it at all. */
const untouchable = (name: string) =>
	new Proxy(
		{},
		{
			get: (_target, property) => {
				throw new Error(`${name}.${String(property)} was read`);
			}
		}
	);

describe('loader.js', () => {
	const loader = read('loader.js');

	it('costs a host page at most 3 KB gzipped', () => {
		expect(gzipped(loader)).toBeLessThanOrEqual(3072);
	});

	it('is plain JavaScript a browser parses as it is', () => {
		// eslint-disable-next-line @typescript-eslint/no-implied-eval -- parsing only
		expect(() => new Function(loader)).not.toThrow();
	});

	it('does nothing when a copy already runs on the page', () => {
		const window = { lobbyWidget: {} };
		run(loader, { window, document: untouchable('document'), navigator: untouchable('navigator'), console: untouchable('console') });
		expect(window).toEqual({ lobbyWidget: {} });
	});

	it('warns once and adds nothing when its tag has no key', () => {
		const window: Record<string, unknown> = {};
		const warn = vi.fn();
		const document = { currentScript: { dataset: { lang: 'en' }, src: 'https://portal.example/widget/loader.js' } };
		run(loader, { window, document, navigator: untouchable('navigator'), console: { warn } });
		expect(warn).toHaveBeenCalledOnce();
		expect(window).toEqual({});
	});

	it('warns when the key is not a public key (letters and digits)', () => {
		const warn = vi.fn();
		const document = { currentScript: { dataset: { key: '../../admin' }, src: 'https://portal.example/widget/loader.js' } };
		run(loader, { window: {}, document, navigator: untouchable('navigator'), console: { warn } });
		expect(warn).toHaveBeenCalledOnce();
	});
});

describe('frame.js', () => {
	const frame = read('frame.js');

	it('costs a widget page at most 1 KB gzipped', () => {
		expect(gzipped(frame)).toBeLessThanOrEqual(1024);
	});

	it('does nothing in a page that is not framed', () => {
		const window: Record<string, unknown> = {};
		window.parent = window;
		const addEventListener = vi.fn();
		run(frame, { window, document: untouchable('document'), addEventListener });
		expect(addEventListener).not.toHaveBeenCalled();
	});

	it('tells the parent its height, to any origin, and asks it to close on Escape', () => {
		const postMessage = vi.fn();
		const listeners = new Map<string, (event: object) => void>();
		const addEventListener = (type: string, listener: (event: object) => void) => listeners.set(type, listener);
		const document = { documentElement: { getBoundingClientRect: () => ({ height: 612.3 }) } };
		run(frame, { window: { parent: { postMessage } }, document, addEventListener });

		expect(postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'lobby-widget:size', height: 613 }, '*');
		listeners.get('load')?.({});
		expect(postMessage).toHaveBeenCalledOnce(); // the same height is not sent again
		listeners.get('keydown')?.({ key: 'Enter', defaultPrevented: false });
		listeners.get('keydown')?.({ key: 'Escape', defaultPrevented: true });
		listeners.get('keydown')?.({ key: 'Escape', defaultPrevented: false });
		expect(postMessage).toHaveBeenLastCalledWith({ type: 'lobby-widget:close' }, '*');
		expect(postMessage).toHaveBeenCalledTimes(2);
	});

	it('sends no height while the panel is closed (the frame is not laid out: 0)', () => {
		const postMessage = vi.fn();
		const listeners = new Map<string, () => void>();
		const addEventListener = (type: string, listener: () => void) => listeners.set(type, listener);
		let height = 0;
		const document = { documentElement: { getBoundingClientRect: () => ({ height }) } };
		run(frame, { window: { parent: { postMessage } }, document, addEventListener });
		expect(postMessage).not.toHaveBeenCalled();
		height = 400;
		listeners.get('resize')?.();
		expect(postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'lobby-widget:size', height: 400 }, '*');
	});
});

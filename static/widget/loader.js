// Lobby's web widget loader: a help-desk button on the estate's own site that opens the widget page
// in a dialog. Usage and attributes: README (Web widget). Plain JS, no build step, under 3 KB gzipped
// (widget-loader.test.ts): keep it small. No cookie or storage; one global; a shadow root for styles.
(() => {
	const w = window;
	const d = document;
	if (w.lobbyWidget) return; // loaded twice: the first copy does the work
	const script =
		/** @type {HTMLScriptElement | null} */ (d.currentScript) ||
		[...d.querySelectorAll('script')].find((s) => s.dataset.key && /\/widget\/loader\.js([?#]|$)/.test(s.src));
	const data = script ? script.dataset : {};
	const key = data.key || '';
	if (!script || !/^[A-Za-z0-9]{8,40}$/.test(key)) {
		console.warn('Lobby widget: the loader tag needs data-key="<public key>".');
		return;
	}
	const origin = new URL(script.src).origin;
	const pick = (/** @type {string} */ tag) => (/^zh-(tw|hk|mo|hant)/i.test(tag) ? 'zh-Hant' : /^zh/i.test(tag) ? 'zh-Hans' : 'en');
	const lang = pick(/^(en|zh-hans|zh-hant)$/i.test(data.lang || '') ? data.lang || '' : navigator.language);
	// Button and dialog, close, frame title. Escaped: a host page in Big5 or GBK would read UTF-8 wrongly.
	const text = {
		en: ['Help desk', 'Close', 'Estate management help desk'],
		'zh-Hans': ['\u670d\u52a1\u53f0', '\u5173\u95ed', '\u7269\u4e1a\u670d\u52a1\u53f0'],
		'zh-Hant': ['\u670d\u52d9\u53f0', '\u95dc\u9589', '\u7ba1\u7406\u8655\u670d\u52d9\u53f0']
	}[lang];
	const actions = (data.actions || '').match(/[a-z]+/g);
	const src = `${origin}/widget/${key}/${lang}/` + (actions ? '?actions=' + actions.join('%20') : '');
	const side = data.position === 'left' ? 'left' : 'right';
	// The estate's accent colour, dark enough for white text (the frame page uses it on white).
	const colour = /^#[0-9a-f]{6}$/i.test(data.colour || '') ? `;--lobby-widget-colour:${data.colour}` : '';

	const host = d.createElement('lobby-widget');
	// The host page's inherited styles stop here (it may set --lobby-widget-colour and -text).
	host.style.cssText = 'all:initial' + colour;
	const root = host.attachShadow({ mode: 'open' });
	// Only our own strings and checked values go into this markup.
	root.innerHTML =
		'<style>*{box-sizing:border-box}[hidden]{display:none!important}' +
		`.b,.p{position:fixed;${side}:16px;bottom:16px;z-index:2147483000;font:600 16px system-ui,sans-serif}` +
		'.b{display:flex;align-items:center;gap:8px;height:56px;padding:0 20px 0 16px;border:2px solid #0000;border-radius:28px;' +
		'background:var(--lobby-widget-colour,#1f2937);color:var(--lobby-widget-text,#fff);cursor:pointer;box-shadow:0 2px 8px #0006}' +
		'button:focus-visible{outline:3px solid #fff;box-shadow:0 0 0 6px #111}.k{position:fixed;inset:0;z-index:2147483000;background:#0006}' +
		'.p{z-index:2147483001;display:flex;flex-direction:column;width:400px;max-width:calc(100vw - 32px);max-height:80vh;' +
		'background:#fff;color:#111;border-radius:12px;overflow:hidden}' +
		'.h{display:flex;align-items:center;justify-content:space-between;padding:2px 2px 2px 16px;border-bottom:1px solid #ddd}' +
		'.x{width:44px;height:44px;border:0;background:none;color:inherit;font:28px system-ui;cursor:pointer}' +
		'iframe{display:block;width:100%;height:var(--h,480px);flex:0 1 auto;min-height:0;border:0}' +
		'@media (max-width:480px){.p{inset:0;width:auto;max-width:none;max-height:none;border-radius:0}iframe{flex:1 1 0}}</style>' +
		'<button class="b" type="button"><svg width="24" height="24" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">' +
		`<path d="M2 5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-6 4z"/></svg>${text[0]}</button><div class="k" hidden></div>` +
		`<div class="p" role="dialog" aria-modal="true" aria-label="${text[0]}" hidden><i tabindex="0"></i><div class="h">${text[0]}` +
		`<button class="x" type="button" aria-label="${text[1]}">\u00d7</button></div><i tabindex="0"></i></div>`;
	const [button, backdrop, panel, close] = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('.b,.k,.p,.x')]);
	const [start, end] = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('i')]);
	/** @type {HTMLIFrameElement | undefined} */ let frame;
	let open = false;

	const show = () => {
		if (open) return;
		if (!frame) {
			frame = d.createElement('iframe');
			frame.title = text[2];
			frame.src = src;
			end.before(frame);
			// Only the frame's own page may resize or close the panel.
			w.addEventListener('message', (/** @type {MessageEvent<{ type?: unknown, height?: number } | null>} */ event) => {
				const message = event.data;
				if (event.origin !== origin || event.source !== frame?.contentWindow || !message) return;
				if (message.type === 'lobby-widget:close') hide();
				if (message.type === 'lobby-widget:size' && Number.isFinite(message.height)) {
					panel.style.setProperty('--h', Math.min(Math.max(Math.round(Number(message.height)), 120), 4000) + 'px');
				}
			});
		}
		open = true;
		panel.hidden = backdrop.hidden = false;
		d.addEventListener('keydown', onKey);
		frame.focus();
	};
	const hide = () => {
		if (!open) return;
		open = false;
		panel.hidden = backdrop.hidden = true;
		d.removeEventListener('keydown', onKey);
		button.focus();
	};
	const onKey = (/** @type {KeyboardEvent} */ event) => event.key === 'Escape' && hide();
	button.onclick = show;
	backdrop.onclick = close.onclick = hide;
	// Focus stays in the dialog: past the frame's end to the close button, before it back to the frame.
	end.onfocus = () => close.focus();
	start.onfocus = () => frame?.focus();
	w.lobbyWidget = { open: show, close: hide };
	if (d.body) d.body.append(host);
	else d.addEventListener('DOMContentLoaded', () => d.body.append(host));
})();

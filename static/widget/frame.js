// Lobby's widget pages, framed by static/widget/loader.js on the estate's site: tell the loader how
// tall this page is (the panel follows it) and that Escape was pressed (keys pressed in here never
// reach the host page). Target '*': the messages carry a height and a close request, nothing private,
// and the loader accepts them only from this frame's origin and window. (document.referrer is no
// target: after a form post inside the frame it names this site, and the message would be dropped.)
(() => {
	if (window.parent === window) return;
	const post = (/** @type {object} */ message) => window.parent.postMessage(message, '*');
	let last = 0;
	// The html element's own height: the page's content, not the frame's viewport (which would never
	// shrink). 0 while the loader's panel is closed (the frame is not laid out): not sent.
	const size = () => {
		const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
		if (height && height !== last) post({ type: 'lobby-widget:size', height: (last = height) });
	};
	if (window.ResizeObserver) new ResizeObserver(size).observe(document.documentElement);
	addEventListener('load', size);
	addEventListener('resize', size);
	size();
	addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && !event.defaultPrevented) post({ type: 'lobby-widget:close' });
	});
})();

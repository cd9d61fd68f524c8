// The demo host site of the web widget: the estate's own web site on a second origin, embedding the
// widget with the one loader tag the README shows. `node scripts/widget-host.ts` while the portal runs.
//   WIDGET_HOST_PORT   5174                    where this site listens (http://localhost:<port>)
//   WIDGET_APP_ORIGIN  http://localhost:3000   the portal that serves /widget/loader.js and the widget
//   WIDGET_KEY         HVGdemoWidgetKey2026    the demo estate's public key (the demo data publish it
//                                              and allow http://localhost:5174 and :4179 to frame it)
//   WIDGET_LANG        (none)                  the tag's data-lang; unset, the loader follows the browser
// Every path answers the same page; ?lang=zh-Hant (or en, zh-Hans) overrides the tag's data-lang.
import http from 'node:http';

const port = Number(process.env.WIDGET_HOST_PORT || 5174);
const appOrigin = (process.env.WIDGET_APP_ORIGIN || 'http://localhost:3000').replace(/\/+$/, '');
const key = process.env.WIDGET_KEY || 'HVGdemoWidgetKey2026';
const languages = ['en', 'zh-Hans', 'zh-Hant'];

if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`WIDGET_HOST_PORT must be a port number (got ${port})`);
if (!URL.canParse(appOrigin)) throw new Error(`WIDGET_APP_ORIGIN must be an origin such as http://localhost:3000 (got ${appOrigin})`);

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(lang: string | undefined): string {
	const tag =
		`<script src="${escape(appOrigin)}/widget/loader.js" data-key="${escape(key)}"` +
		(lang ? ` data-lang="${escape(lang)}"` : '') +
		' data-actions="repair complaint track" data-position="right" async></script>';
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbour View Gardens — our estate's web site</title>
<style>
	* { box-sizing: border-box; }
	body { margin: 0; font: 17px/1.6 Georgia, 'Times New Roman', serif; color: #23303b; background: #f6f3ee; }
	header { background: #12384f; color: #fff; padding: 1rem 1.25rem; }
	header a { color: #fff; }
	nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; font: 15px/1.4 system-ui, sans-serif; }
	.brand { font-size: 1.25rem; letter-spacing: 0.04em; margin: 0 0 0.5rem; }
	.hero { background: linear-gradient(160deg, #1d5673, #5f9ab1); color: #fff; padding: 3rem 1.25rem 3.5rem; }
	.hero h1 { margin: 0 0 0.75rem; font-size: clamp(1.8rem, 5vw, 2.8rem); line-height: 1.2; }
	.hero p { margin: 0; max-width: 38rem; font-size: 1.1rem; }
	main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 6rem; }
	.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
	.card { background: #fff; border-radius: 8px; padding: 1.25rem; box-shadow: 0 1px 3px #0002; }
	.card h2 { margin: 0 0 0.5rem; font-size: 1.2rem; color: #12384f; }
	a { color: #0b5cad; }
	footer { border-top: 1px solid #d9d2c5; padding: 1.5rem 1.25rem; font: 14px/1.5 system-ui, sans-serif; color: #5b6670; }
	/* A host site's own broad rules: the widget must look the same in spite of them. */
	button { font-family: Georgia, serif; background: #c33; }
	iframe { border: 5px dashed red; }
</style>
</head>
<body>
<header>
	<p class="brand">Harbour View Gardens</p>
	<nav aria-label="Site">
		<a href="/">Home</a><a href="/notices">Notices</a><a href="/facilities">Clubhouse &amp; facilities</a><a href="/contact">Contact us</a>
	</nav>
</header>
<div class="hero">
	<h1>Welcome home to Harbour View Gardens</h1>
	<p>Four towers, 1,280 homes and a clubhouse on the Tsuen Wan waterfront, looked after by our management office every day of the year.</p>
</div>
<main>
	<div class="cards">
		<section class="card">
			<h2>Something needs fixing?</h2>
			<p>Report a repair in your flat or in a common area with the <strong>Help desk</strong> button at the bottom of this page. We will tell you when a technician is booked.</p>
		</section>
		<section class="card">
			<h2>Management office</h2>
			<p>Ground floor, Tower 2. Open Monday to Saturday, 9 am to 6 pm.<br>Phone <a href="tel:+85223456789">2345 6789</a> · <a href="mailto:office@harbourview.example">office@harbourview.example</a></p>
		</section>
		<section class="card">
			<h2>Notices</h2>
			<p><a href="/notices/water">Fresh water tanks cleaning, 14 March</a><br><a href="/notices/lifts">Lift maintenance in Tower 3</a></p>
		</section>
	</div>
</main>
<footer>© Harbour View Gardens Owners' Corporation · Managed by Lobby Property Services</footer>
${tag}
</body>
</html>
`;
}

const server = http.createServer((request, response) => {
	const asked = new URL(request.url ?? '/', 'http://host').searchParams.get('lang') ?? '';
	const lang = languages.includes(asked) ? asked : process.env.WIDGET_LANG || undefined;
	response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
	response.end(page(lang));
});
server.listen(port, () => {
	console.log(`Widget demo host site: http://localhost:${port}/ (embeds ${appOrigin}/widget/loader.js, key ${key})`);
});

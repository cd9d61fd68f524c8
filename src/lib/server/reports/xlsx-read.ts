/**
 * Reads back what reportXlsx writes (tests and checks): the sheets' names and their cells, text as
 * strings and numbers as numbers — enough to prove a workbook holds what it should, without a
 * spreadsheet library.
 */
import { unzip } from './zip.ts';

export interface ReadSheet {
	name: string;
	/** Cell reference ('B2') → value. */
	cells: Map<string, string | number>;
	/** Whether the header row is frozen. */
	frozen: boolean;
}

const unescape = (text: string) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

export function readXlsx(bytes: Uint8Array): ReadSheet[] {
	const files = unzip(bytes);
	const workbook = files.get('xl/workbook.xml')?.toString('utf8') ?? '';
	const names = [...workbook.matchAll(/<sheet name="([^"]*)" sheetId="(\d+)"/g)].map((m) => unescape(m[1]!));
	return names.map((name, i) => {
		const xml = files.get(`xl/worksheets/sheet${i + 1}.xml`)?.toString('utf8') ?? '';
		const cells = new Map<string, string | number>();
		for (const m of xml.matchAll(
			/<c r="([A-Z]+\d+)"[^>]*?(?: t="inlineStr")?>(?:<is><t[^>]*>([\s\S]*?)<\/t><\/is>|<v>([^<]*)<\/v>)<\/c>/g
		)) {
			cells.set(m[1]!, m[2] !== undefined ? unescape(m[2]) : Number(m[3]));
		}
		return { name, cells, frozen: /state="frozen"/.test(xml) };
	});
}

/**
 * A unit as front-desk staff type it — "12A", "A座12A", "Block A 12A", "A-12A", "T1 801",
 * "A座12樓A室" — read as a unit number and, when one is given, its building. Buildings are told by
 * their code ("A", "T1") or by words of their name ("Block A", "A座", "Tower 1"), so `building`
 * keeps both the code-like token and the phrase as typed. Text that could be read two ways
 * ("A12A": unit A12A, or unit 12A of block A) gives both readings.
 */
export interface UnitText {
	/** The unit number, upper-cased: compared case-insensitively. */
	number: string;
	building: { code: string; phrase: string } | null;
}

const buildingWords = '(?:BLOCK|BLK|TOWER|TWR|BUILDING|BLDG|HOUSE)';
const buildingMarks = '(?:座|棟|栋|幢|大廈|大厦)';
const flatMarks = '(?:室|號|号|房)';
const numberToken = '([A-Z0-9]{1,8})';

/** "Block A", "A座", "A", "Tower 1": the building's code-like token and the phrase itself. */
function buildingOf(phrase: string): UnitText['building'] {
	const trimmed = phrase
		.trim()
		.replace(/[-/,]$/, '')
		.trim();
	const match = new RegExp(`^(?:${buildingWords}\\s*)?([A-Z0-9]{1,4})\\s*${buildingMarks}?$`).exec(trimmed);
	return match ? { code: match[1]!, phrase: trimmed } : null;
}

const hasDigit = (number: string) => /[0-9]/.test(number);

export function unitTexts(typed: string): UnitText[] {
	const text = typed.normalize('NFKC').toUpperCase().trim().replace(/\s+/g, ' ');
	if (!text || text.length > 40) return [];
	const found: UnitText[] = [];
	const add = (number: string, building: UnitText['building']) => {
		if (hasDigit(number) && !found.some((f) => f.number === number && f.building?.code === building?.code))
			found.push({ number, building });
	};

	// "A座12樓A室", "12/F A", "12F-A": floor and flat make the number (12A).
	const floorFlat = /^(.*?)\s*([0-9]{1,3})\s*(?:樓|楼|\/F|F)\s*[-,]?\s*([A-Z]{1,2}|[0-9]{1,2})\s*(?:室|號|号|房)?$/.exec(text);
	if (floorFlat) {
		const [, before, floor, flat] = floorFlat;
		const building = before ? buildingOf(before) : null;
		if (!before || building) add(`${floor}${flat}`, building);
	}

	// "Block A 12A", "Tower 1 801", "A座12A", "A座 12A室", "A-12A", "T1 801"; "A12A" read both ways.
	const tail = ` ?[-/,]? ?${numberToken} ?${flatMarks}?$`;
	const worded = new RegExp(`^(${buildingWords}) ?([A-Z0-9]{1,4})${tail}`).exec(text);
	if (worded) add(worded[3]!, { code: worded[2]!, phrase: `${worded[1]} ${worded[2]}` });
	const marked = new RegExp(`^([A-Z0-9]{1,4}) ?(${buildingMarks})${tail}`).exec(text);
	if (marked) add(marked[3]!, { code: marked[1]!, phrase: `${marked[1]}${marked[2]}` });
	const separated = new RegExp(`^([A-Z0-9]{1,4})(?: ?[-/,] ?| )${numberToken} ?${flatMarks}?$`).exec(text);
	if (separated) add(separated[2]!, { code: separated[1]!, phrase: separated[1]! });
	const joined = /^([A-Z]{1,2})([0-9]{1,3}[A-Z])$/.exec(text);
	if (joined) add(joined[2]!, { code: joined[1]!, phrase: joined[1]! });

	// "12A", "801", "G01": a unit number alone.
	const alone = new RegExp(`^${numberToken}\\s*${flatMarks}?$`).exec(text);
	if (alone) add(alone[1]!, null);
	return found;
}

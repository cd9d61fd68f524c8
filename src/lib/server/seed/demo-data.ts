// The fixed facts of the demo: who signs in with which address, and the names the rest of the
// data is drawn from. Everything here is fictional.
import type { StaffRole } from '../auth/permissions.ts';

export const DEMO_PASSWORD = 'lobby-demo-2026';

export const managementCompanyName = 'Lobby Property Management 樂比物業管理';

export const harbourView = {
	code: 'HVG',
	name: 'Harbour View Garden 海景花園',
	kind: 'residential',
	address: '1 Harbour View Road, Demo District 示範區海景道1號',
	timeZone: 'Asia/Hong_Kong',
	buildings: ['A', 'B', 'C'],
	floors: 20,
	letters: ['A', 'B', 'C', 'D']
} as const;

export const centralPlaza = {
	code: 'CPT',
	name: 'Central Plaza Tower 中環廣場',
	kind: 'office',
	address: '88 Central Avenue, Demo District 示範區中環大道88號',
	timeZone: 'Asia/Hong_Kong',
	building: { code: 'T1', name: 'Tower 1 第一座' },
	/** Level 0 is the ground floor (G/F) with shops; offices on 1/F–29/F. */
	floors: 30,
	unitsPerFloor: 6
} as const;

export interface DemoStaff {
	email: string;
	name: string;
	role: StaffRole;
	/** Estate codes; engineering works only at Harbour View so that estate scoping shows. */
	estates: readonly string[];
}

export const demoStaff: readonly DemoStaff[] = [
	{ email: 'admin@lobby.test', name: 'Lau Wing Kei 劉詠琪', role: 'admin', estates: ['HVG', 'CPT'] },
	{ email: 'manager@lobby.test', name: 'Siu Chun Hung 蕭俊雄', role: 'manager', estates: ['HVG', 'CPT'] },
	// A second manager: a refund one manager asks for (a renovation's deposit) is approved by another.
	{ email: 'gm@lobby.test', name: 'Ho Wai Man 何慧敏', role: 'manager', estates: ['HVG', 'CPT'] },
	{ email: 'service@lobby.test', name: 'Yeung Hoi Ying 楊凱瑩', role: 'customer_service', estates: ['HVG', 'CPT'] },
	{ email: 'engineer@lobby.test', name: 'Tang Kwok Wai 鄧國偉', role: 'engineering', estates: ['HVG'] },
	{ email: 'engineer2@lobby.test', name: 'Lee Ka Ho 李家豪', role: 'engineering', estates: ['HVG', 'CPT'] },
	{ email: 'lead@lobby.test', name: 'Chow Man Lok 周文樂', role: 'engineering_supervisor', estates: ['HVG', 'CPT'] },
	{ email: 'security@lobby.test', name: 'Ng Chi Ming 吳志明', role: 'security', estates: ['HVG', 'CPT'] },
	{ email: 'finance@lobby.test', name: 'Mak Pui Shan 麥佩珊', role: 'finance', estates: ['HVG', 'CPT'] }
];

/** Engineering teams (維修組) by estate code, with their members' emails; round-robin runs within one. */
export const demoTeams: readonly { estate: string; name: string; members: readonly string[] }[] = [
	{ estate: 'HVG', name: 'Harbour View repair team 維修一組', members: ['engineer@lobby.test', 'engineer2@lobby.test'] },
	{ estate: 'CPT', name: 'Central Plaza repair team 維修組', members: ['engineer2@lobby.test'] }
];

export const demoContractor = { email: 'contractor@lobby.test', name: 'Ho Chun Yin 何俊賢 (Sunrise Renovation 旭日裝修)' };

export const demoResident = { email: 'resident@lobby.test', name: 'Chan Tai Man 陳大文', building: 'A', unit: '12A' };
export const demoNeighbour = { email: 'neighbour@lobby.test', name: 'Wong Siu Ming 黃小明', building: 'B', unit: '8C' };

export interface DemoCompany {
	name: string;
	registrationNo: string;
	members: readonly { email: string; name: string; role: 'admin' | 'member' }[];
}

export const acme: DemoCompany = {
	name: 'Acme Trading Ltd 雅確貿易有限公司',
	registrationNo: 'CR 2718281',
	members: [
		{ email: 'admin@acme.test', name: 'Lam Chi Keung 林志強', role: 'admin' },
		{ email: 'staff@acme.test', name: 'Cheung Wing Yan 張詠欣', role: 'member' },
		{ email: 'ops@acme.test', name: 'Yip Hoi Lun 葉凱倫', role: 'member' }
	]
};

export const beacon: DemoCompany = {
	name: 'Beacon Design Studio 燈塔設計工作室',
	registrationNo: 'CR 3141592',
	members: [
		{ email: 'admin@beacon.test', name: 'Tsang Hiu Tung 曾曉彤', role: 'admin' },
		{ email: 'design@beacon.test', name: 'Kwok Man Kit 郭文傑', role: 'member' },
		{ email: 'studio@beacon.test', name: 'Fung Sze Wing 馮詩穎', role: 'member' }
	]
};

/**
 * Central Plaza 2506 stands vacant, but it has a past: Northwind rented it for three years and
 * moved out some months ago (seed/demo-former-occupant.ts). Its part of the unit's file is bound.
 */
export const northwind: DemoCompany = {
	name: 'Northwind Freight Ltd 北風貨運有限公司',
	registrationNo: 'CR 1618033',
	members: []
};
export const northwindUnit = { building: 'T1', unit: '2506' } as const;

/** Acme rents every unit on these office floors; Beacon two units on 8/F. */
export const acmeFloors = [18, 19, 20] as const;
export const beaconUnits = ['801', '802'] as const;

/** Surnames and given names of the other residents, romanised as in Hong Kong. */
export const surnames: readonly [string, string][] = [
	['Chan', '陳'],
	['Wong', '黃'],
	['Lee', '李'],
	['Cheung', '張'],
	['Lau', '劉'],
	['Ho', '何'],
	['Ng', '吳'],
	['Leung', '梁'],
	['Lam', '林'],
	['Tsang', '曾'],
	['Chow', '周'],
	['Yip', '葉'],
	['Kwok', '郭'],
	['Fung', '馮'],
	['Tang', '鄧'],
	['Mak', '麥'],
	['Siu', '蕭'],
	['Yeung', '楊'],
	['Cheng', '鄭'],
	['Tam', '譚'],
	['Law', '羅'],
	['Choi', '蔡'],
	['Kwan', '關'],
	['Lo', '盧']
];

export const givenNames: readonly [string, string][] = [
	['Ka Yan', '嘉欣'],
	['Wai Kit', '偉傑'],
	['Mei Ling', '美玲'],
	['Chi Wai', '志偉'],
	['Siu Fong', '小芳'],
	['Ka Ho', '家豪'],
	['Hoi Yan', '凱欣'],
	['Kin Man', '健文'],
	['Wing Sze', '詠詩'],
	['Tsz Hin', '子軒'],
	['Pui Yee', '佩儀'],
	['Chun Kit', '俊傑'],
	['Yuk Lan', '玉蘭'],
	['Kwok Keung', '國強'],
	['Sze Man', '詩敏'],
	['Ho Yin', '浩然'],
	['Lai Ming', '麗明'],
	['Man Hon', '文瀚'],
	['Wai Yee', '慧儀'],
	['Hiu Lam', '曉琳']
];

export const householdRelations = ['Spouse 配偶', 'Son 兒子', 'Daughter 女兒', 'Parent 父母', 'Sibling 兄弟姊妹', 'Domestic helper 家傭'];
export const contactRelations = ['Sibling 兄弟姊妹', 'Parent 父母', 'Child 子女', 'Friend 朋友', 'Cousin 表親'];

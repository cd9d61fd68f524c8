// The home is a page to read and a set of links: nothing on it needs the browser's JavaScript, so
// a phone opening the portal gets HTML and CSS only (the pages it leads to load theirs).
export const csr = false;

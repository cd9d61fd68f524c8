// Sign-in, joining and password pages are plain forms the server validates and answers: they work
// the same without JavaScript, so they send none. A phone opening the login over mobile data gets
// HTML and CSS only; the portal's JavaScript loads once the person is in.
export const csr = false;

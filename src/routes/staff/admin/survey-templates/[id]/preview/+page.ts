// The preview posts nothing and needs no script: the page is drawn on the server only.
export const csr = false;

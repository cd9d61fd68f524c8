// Plain pages and plain posts: no JavaScript.
export const csr = false;

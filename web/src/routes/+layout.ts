// A live dashboard: everything renders in the browser, nothing is prerendered with data.
export const ssr = false;
export const prerender = false;

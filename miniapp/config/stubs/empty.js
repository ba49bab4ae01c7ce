// Stands in for polyfills every browser the H5 app supports already has (fetch, AbortController).
export {};

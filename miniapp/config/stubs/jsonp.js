// Taro's H5 request bundles a JSONP client for `jsonp: true` requests; the app never makes one.
export default function jsonpRetry() {
  return Promise.reject(new Error('jsonp is not supported'));
}

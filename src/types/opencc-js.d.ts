// opencc-js ships types for its converters but not for the raw dictionaries behind its
// `opencc-js/dict/<name>` subpath export; each is a `from to|from to|…` string.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}

/**
 * hdr-histogram-js without its index: the index also loads HistogramLogWriter, which builds an
 * Intl.NumberFormat when the module loads, and that maps ICU's number-format data into the
 * process (about 5.5 MB of RSS for as long as `turnout serve` runs, for a log format we never
 * write). These three paths hold everything the proxy uses.
 */
export { build } from 'hdr-histogram-js/dist/HistogramBuilder';
export { decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js/dist/encoding';
export type { default as Histogram } from 'hdr-histogram-js/dist/Histogram';

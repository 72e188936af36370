// The Windows addon, cross-compiled with mingw-w64 and run under Wine against a fake MBN COM server.
// Alone, after the browser and MBIM suites (scripts/test.mjs): it failed beside the browser's.
export { default } from '../../test/wine/suite.mjs';

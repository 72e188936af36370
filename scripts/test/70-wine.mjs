// The Windows addon, cross-compiled with mingw-w64 and run under Wine against a fake MBN COM server.
export { default } from '../../test/wine/suite.mjs';

// The Windows addon, cross-compiled with mingw-w64 and run under Wine against a fake MBN COM server.
import suite from '../../test/wine/suite.mjs';

// The devices' lane, then the MBIM suite, beside the browser's (scripts/test.mjs): Wine mostly waits.
export default { ...suite, lane: 'devices' };

// The Windows addon, cross-compiled with mingw-w64 and run under Wine against a fake MBN COM server.
// In the MBIM suite's lane (scripts/test.mjs), after it, beside the browser's suite: it once failed
// there, from timings of its own fake (the counters' file, the outage timed from the fake's start),
// since made independent of the machine's load; it mostly waits on its node.exe cases.
import suite from '../../test/wine/suite.mjs';

export default { ...suite, lane: 'devices' };

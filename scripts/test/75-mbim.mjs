// MBIM on Linux: the emulator and backend judged by real mbimcli, mbim-proxy and tshark.
import suite from '../../test/mbim/suite.mjs';

// Beside the browser's suite (scripts/test.mjs): mbimcli and the proxy mostly wait on ptys.
export default { ...suite, lane: 'devices' };

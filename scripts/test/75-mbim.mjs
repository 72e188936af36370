// MBIM on Linux: the emulator and backend judged by real mbimcli, mbim-proxy and tshark.
export { default } from '../../test/mbim/suite.mjs';

/**
 * The MBN service goes away and returns; its dead objects answer
 * HRESULT_FROM_WIN32(RPC_S_CALL_FAILED_DNE), as proxies to a server that died often do. The
 * addon must take that for a lost service too (drop the objects, say so, subscribe again),
 * not for one call failing, after which every call would fail until the app was restarted.
 */
import { outageCase } from './outage.js';

await outageCase('0x800706bf');

/** The MBN service goes away and returns; its dead objects answer RPC_E_DISCONNECTED. */
import { outageCase } from './outage.js';

await outageCase('RPC_E_DISCONNECTED');

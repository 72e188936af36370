/**
 * The MBN service (wwansvc) is stopped and started again rather than dying: its dead objects and
 * CoCreateInstance answer HRESULT_FROM_WIN32(ERROR_SERVICE_NOT_ACTIVE) while it is away. That is
 * a lost service too (drop the objects, say so, subscribe again when it is back), not one call
 * failing, after which every call would fail until the app was restarted.
 */
import { outageCase } from './outage.js';

await outageCase('0x80070426');

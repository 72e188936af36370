/**
 * What a failed call tells the technician. Main's words name the device by its interface GUID
 * ("No device with interface ID {B7D0…}"), which no technician can act on: where the code says
 * what happened, the notice says it in their terms, and what to do next.
 */
import { ApiError } from '../api';

export function noticeText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.error.code === 'unknown-device')
      return 'That modem is no longer connected (it was unplugged or restarted). Plug it in again and wait for it under Devices, then try again.';
    if (error.error.code === 'unknown-service')
      return 'That service is no longer listed on this modem (it restarted or its services changed). Select the modem under Devices again to reload its services, then try again.';
  }
  return error instanceof Error ? error.message : String(error);
}

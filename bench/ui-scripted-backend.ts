/**
 * A backend the benchmark drives by hand: close requests are accepted and complete only when
 * told to, and read data arrives in whatever bursts the benchmark asks for. It keeps the backend
 * contract, so everything from the engine to the pixels is the app's real path.
 */
import type { BackendListener, MbnBackend } from '../electron/backends/contract.js';
import type { CallResult, DeviceInfo, ServiceInfo } from '../shared/model.js';

export const BENCH_DEVICE = '{BE0C4000-0000-4000-8000-000000000001}';
export const BENCH_SERVICE = '{BE0C4000-0000-4000-8000-0000000000AA}';

export class ScriptedBackend implements MbnBackend {
  private readonly listeners = new Set<BackendListener>();
  private nextRequestId = 1;
  private readonly payload = new Uint8Array(96).fill(0x5a);

  describe() {
    return { kind: 'simulator' as const, label: 'Benchmark backend', reason: '' };
  }

  listDevices(): Promise<DeviceInfo[]> {
    return Promise.resolve([
      {
        interfaceId: BENCH_DEVICE,
        manufacturer: 'Bench',
        model: 'BENCH-1',
        firmware: '1.0',
        deviceId: '000000000000000',
        readyState: 'initialized',
      },
    ]);
  }

  listServices(interfaceId: string): Promise<ServiceInfo[]> {
    return Promise.resolve([
      {
        interfaceId,
        serviceId: BENCH_SERVICE,
        name: 'Bench stream',
        dataReadSupported: true,
        dataWriteSupported: false,
        dataSessionOpen: true,
        commandSessionOpen: false,
        maxCommandSize: null,
      },
    ]);
  }

  closeDataSession(): Promise<CallResult> {
    return Promise.resolve({ hresult: 0, requestId: this.nextRequestId++ });
  }

  openDataSession(): Promise<CallResult> {
    return Promise.resolve({ hresult: 0, requestId: this.nextRequestId++ });
  }

  writeData(): Promise<CallResult> {
    return this.accept();
  }

  querySupportedCommands(): Promise<CallResult> {
    return this.accept();
  }

  openCommandSession(): Promise<CallResult> {
    return this.accept();
  }

  closeCommandSession(): Promise<CallResult> {
    return this.accept();
  }

  queryCommand(): Promise<CallResult> {
    return this.accept();
  }

  setCommand(): Promise<CallResult> {
    return this.accept();
  }

  private accept(): Promise<CallResult> {
    return Promise.resolve({ hresult: 0, requestId: this.nextRequestId++ });
  }

  /** The completion of an earlier close, now. */
  complete(requestId: number): void {
    this.emit({
      type: 'completion',
      op: 'close',
      interfaceId: BENCH_DEVICE,
      serviceId: BENCH_SERVICE,
      status: 0,
      requestId,
    });
  }

  readData(count: number): void {
    for (let i = 0; i < count; i++)
      this.emit({
        type: 'read-data',
        interfaceId: BENCH_DEVICE,
        serviceId: BENCH_SERVICE,
        data: this.payload,
      });
  }

  onEvent(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  private emit(event: Parameters<BackendListener>[0]): void {
    for (const listener of this.listeners) listener(event);
  }
}

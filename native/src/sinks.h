// The two event sinks the addon subscribes with Advise. MBN callbacks arrive on arbitrary threads
// of the multithreaded apartment, possibly several at once, so the sinks keep no mutable state of
// their own: each callback copies what it needs and posts it through the (thread-safe) Emitter.
#pragma once

#include <atomic>
#include <memory>

#include "emitter.h"
#include "mbn_api.h"

namespace mbn {

// Live sink objects, for leak checks (a sink the MBN service never released after Unadvise).
extern std::atomic<long> g_liveSinks;

class DeviceServicesSink final : public IMbnDeviceServicesEvents {
 public:
  explicit DeviceServicesSink(std::shared_ptr<Emitter> emitter);

  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override;
  ULONG STDMETHODCALLTYPE AddRef() override;
  ULONG STDMETHODCALLTYPE Release() override;

  HRESULT STDMETHODCALLTYPE OnQuerySupportedCommandsComplete(IMbnDeviceService*, SAFEARRAY*,
                                                             HRESULT, ULONG) override;
  HRESULT STDMETHODCALLTYPE OnOpenCommandSessionComplete(IMbnDeviceService*, HRESULT,
                                                         ULONG) override;
  HRESULT STDMETHODCALLTYPE OnCloseCommandSessionComplete(IMbnDeviceService*, HRESULT,
                                                          ULONG) override;
  HRESULT STDMETHODCALLTYPE OnSetCommandComplete(IMbnDeviceService*, ULONG, SAFEARRAY*, HRESULT,
                                                 ULONG) override;
  HRESULT STDMETHODCALLTYPE OnQueryCommandComplete(IMbnDeviceService*, ULONG, SAFEARRAY*, HRESULT,
                                                   ULONG) override;
  HRESULT STDMETHODCALLTYPE OnEventNotification(IMbnDeviceService*, ULONG, SAFEARRAY*) override;
  HRESULT STDMETHODCALLTYPE OnOpenDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                      ULONG requestID) override;
  HRESULT STDMETHODCALLTYPE OnCloseDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                       ULONG requestID) override;
  HRESULT STDMETHODCALLTYPE OnWriteDataComplete(IMbnDeviceService* service, HRESULT status,
                                                ULONG requestID) override;
  HRESULT STDMETHODCALLTYPE OnReadData(IMbnDeviceService* service, SAFEARRAY* data) override;
  HRESULT STDMETHODCALLTYPE OnInterfaceStateChange(
      BSTR interfaceID, MBN_DEVICE_SERVICES_INTERFACE_STATE stateChange) override;

 private:
  ~DeviceServicesSink();
  void Completion(Op op, IMbnDeviceService* service, HRESULT status, ULONG requestID);

  std::atomic<ULONG> refs_{1};
  std::shared_ptr<Emitter> emitter_;
};

class InterfaceManagerSink final : public IMbnInterfaceManagerEvents {
 public:
  explicit InterfaceManagerSink(std::shared_ptr<Emitter> emitter);

  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override;
  ULONG STDMETHODCALLTYPE AddRef() override;
  ULONG STDMETHODCALLTYPE Release() override;

  HRESULT STDMETHODCALLTYPE OnInterfaceArrival(IMbnInterface* newInterface) override;
  HRESULT STDMETHODCALLTYPE OnInterfaceRemoval(IMbnInterface* oldInterface) override;

 private:
  ~InterfaceManagerSink();
  void Post(bool arrival, IMbnInterface* iface);

  std::atomic<ULONG> refs_{1};
  std::shared_ptr<Emitter> emitter_;
};

}  // namespace mbn

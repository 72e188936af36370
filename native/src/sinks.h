// The three event sinks the addon subscribes with Advise. MBN callbacks arrive on arbitrary
// threads of the multithreaded apartment, possibly several at once, so the sinks keep no mutable
// state of their own: each callback copies what it needs and posts it through the (thread-safe)
// Emitter. No sink calls back into the MBN service (issue 12): service IDs come from the cache
// the COM thread fills, and anything that needs the service (naming an object the cache does not
// know, too) is handed to the COM thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "emitter.h"
#include "mbn_api.h"
#include "service_ids.h"

namespace mbn {

// Live sink objects, for leak checks (a sink the MBN service never released after Unadvise).
extern std::atomic<long> g_liveSinks;

// What every sink shares: where events go, the ID cache, and the way to ask the COM thread for
// work (never run inside the callback itself).
struct SinkContext {
  std::shared_ptr<Emitter> emitter;
  std::shared_ptr<ServiceIdCache> ids;
  // Lists the interfaces afresh on the COM thread and sends them as InterfacesChangedEvent.
  std::function<void(const char* reason)> refreshInterfaces;
  // Enumerates every device's services on the COM thread, so the ID cache knows them.
  std::function<void()> primeServices;
  // An event of a service object the cache did not know: the COM thread takes the reference the
  // cache holds under `token`, asks the object its IDs and sends the event (Core::SendNamed).
  std::function<void(uint64_t token, IMbnDeviceService* service, Event event)> nameAndSend;
  // The device went away (OnInterfaceStateChange): the COM thread releases the service objects
  // held for it so far (Core::ForgetServices); ones held after this call stay.
  std::function<void(const std::u16string& interfaceId)> forgetServices;
};

class DeviceServicesSink final : public IMbnDeviceServicesEvents {
 public:
  explicit DeviceServicesSink(std::shared_ptr<SinkContext> context);

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
  // Names the event's service from the ID cache and posts it; on a miss, hands both to the COM
  // thread (never a call into the service from here). May throw bad_alloc.
  void Post(IMbnDeviceService* service, Event&& e);
  // Read data and notifications, over their budget of bytes waiting for JS: false, the event
  // dropped and counted against its service (event_budget.h), named from the cache alone. Else
  // true, and *hold counts `bytes` against the budget until the event is gone. May throw.
  bool Budgeted(IMbnDeviceService* service, const std::shared_ptr<EventBudget>& budget,
                size_t bytes, BudgetHold* hold);
  // OnQueryCommandComplete / OnSetCommandComplete: the response bytes copied on S_OK only.
  void Response(Op op, IMbnDeviceService* service, ULONG responseID, SAFEARRAY* data,
                HRESULT status, ULONG requestID);

  std::atomic<ULONG> refs_{1};
  std::shared_ptr<SinkContext> context_;
};

class InterfaceManagerSink final : public IMbnInterfaceManagerEvents {
 public:
  explicit InterfaceManagerSink(std::shared_ptr<SinkContext> context);

  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override;
  ULONG STDMETHODCALLTYPE AddRef() override;
  ULONG STDMETHODCALLTYPE Release() override;

  HRESULT STDMETHODCALLTYPE OnInterfaceArrival(IMbnInterface* newInterface) override;
  HRESULT STDMETHODCALLTYPE OnInterfaceRemoval(IMbnInterface* oldInterface) override;

 private:
  ~InterfaceManagerSink();

  std::atomic<ULONG> refs_{1};
  std::shared_ptr<SinkContext> context_;
};

// IMbnInterfaceEvents: a device that answered E_PENDING while the service probed it becomes
// ready (or fails) without the user refreshing. Only the two callbacks about that are acted on.
class InterfaceEventsSink final : public IMbnInterfaceEvents {
 public:
  explicit InterfaceEventsSink(std::shared_ptr<SinkContext> context);

  HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** out) override;
  ULONG STDMETHODCALLTYPE AddRef() override;
  ULONG STDMETHODCALLTYPE Release() override;

  HRESULT STDMETHODCALLTYPE OnInterfaceCapabilityAvailable(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnSubscriberInformationChange(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnReadyStateChange(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnEmergencyModeChange(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnHomeProviderAvailable(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnPreferredProvidersChange(IMbnInterface*) override;
  HRESULT STDMETHODCALLTYPE OnSetPreferredProvidersComplete(IMbnInterface*, ULONG,
                                                            HRESULT) override;
  HRESULT STDMETHODCALLTYPE OnScanNetworkComplete(IMbnInterface*, ULONG, HRESULT) override;

 private:
  ~InterfaceEventsSink();

  std::atomic<ULONG> refs_{1};
  std::shared_ptr<SinkContext> context_;
};

}  // namespace mbn

// Every sink method returns S_OK, as the reference requires, whatever went wrong inside: an
// error here is ours to report, not the MBN service's to act on.
#include "sinks.h"

#include "com_util.h"

namespace mbn {

std::atomic<long> g_liveSinks{0};

template <typename Sink, typename Interface>
static HRESULT QueryFor(Sink* self, REFIID riid, REFIID own, void** out) {
  if (!out) return E_POINTER;
  if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, own)) {
    *out = static_cast<Interface*>(self);
    self->AddRef();
    return S_OK;
  }
  *out = nullptr;
  return E_NOINTERFACE;
}

// ---- DeviceServicesSink ----

DeviceServicesSink::DeviceServicesSink(std::shared_ptr<SinkContext> context)
    : context_(std::move(context)) {
  g_liveSinks.fetch_add(1);
}

DeviceServicesSink::~DeviceServicesSink() { g_liveSinks.fetch_sub(1); }

HRESULT DeviceServicesSink::QueryInterface(REFIID riid, void** out) {
  return QueryFor<DeviceServicesSink, IMbnDeviceServicesEvents>(
      this, riid, IID_IMbnDeviceServicesEvents, out);
}

ULONG DeviceServicesSink::AddRef() { return refs_.fetch_add(1) + 1; }

ULONG DeviceServicesSink::Release() {
  ULONG left = refs_.fetch_sub(1) - 1;
  if (left == 0) delete this;
  return left;
}

// The completion names the service only by object. Its IDs come from the cache the COM thread
// filled when it enumerated or fetched the service. An object the cache does not know (a service
// that hands out a new object per GetDeviceService, a device removed and added again) is not
// asked here: its getters may wait on a lock the MBN service holds around this very callback,
// and the COM thread may be waiting on that service too (a deadlock). The cache holds a
// reference to it instead, and the COM thread names it and sends the event.
void DeviceServicesSink::Post(IMbnDeviceService* service, Event&& e) {
  ServiceIdCache::Ids ids;
  uint64_t token = 0;
  ServiceIdCache::Found found =
      service ? context_->ids->Find(service, &ids, &token) : ServiceIdCache::Found::kHit;
  switch (found) {
    case ServiceIdCache::Found::kDrop:
      // Closed for good: a callback that was already running when its sink was unadvised.
      return;
    case ServiceIdCache::Found::kDefer:
      // If the COM thread is stopping, the task is dropped and Clear() releases the reference.
      context_->nameAndSend(token, service, std::move(e));
      return;
    case ServiceIdCache::Found::kHit:
      SetServiceIds(&e, std::move(ids.interfaceId), std::move(ids.serviceId));
      context_->emitter->PostEvent(std::move(e));
      return;
  }
}

void DeviceServicesSink::Completion(Op op, IMbnDeviceService* service, HRESULT status,
                                    ULONG requestID) {
  try {
    Post(service, CompletionEvent(op, static_cast<uint32_t>(status), requestID));
  } catch (...) {
    // Out of memory: the event is lost; throwing into the MBN service would be worse.
  }
}

HRESULT DeviceServicesSink::OnOpenDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                      ULONG requestID) {
  Completion(Op::kOpen, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnCloseDataSessionComplete(IMbnDeviceService* service, HRESULT status,
                                                       ULONG requestID) {
  Completion(Op::kClose, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnWriteDataComplete(IMbnDeviceService* service, HRESULT status,
                                                ULONG requestID) {
  Completion(Op::kWrite, service, status, requestID);
  return S_OK;
}

HRESULT DeviceServicesSink::OnReadData(IMbnDeviceService* service, SAFEARRAY* data) {
  try {
    ReadDataEvent e;
    // Copied before returning: the MBN service frees the array as soon as this returns.
    // (SafeArrayAccessData is oleaut32 working on our own process's copy, not a call out.)
    if (FAILED(CopyBytes(data, &e.data))) e.data.clear();
    if (!Budgeted(service, context_->emitter->readBudget(), e.data.size(), &e.hold)) return S_OK;
    Post(service, std::move(e));
  } catch (...) {
  }
  return S_OK;
}

bool DeviceServicesSink::Budgeted(IMbnDeviceService* service,
                                  const std::shared_ptr<EventBudget>& budget, size_t bytes,
                                  BudgetHold* hold) {
  // Named from the cache alone: a sink never calls the MBN service back.
  DropSource source;
  ServiceIdCache::Ids ids;
  if (service && context_->ids->Known(service, &ids))
    source = DropSource{true, std::move(ids.interfaceId), std::move(ids.serviceId)};
  uint64_t seq = 0;
  if (!budget->Reserve(bytes, &seq, source)) return false;
  try {
    *hold = BudgetHold(budget, bytes, seq);
  } catch (...) {
    budget->Release(bytes, seq);  // out of memory: the event is lost, its bytes uncounted
    throw;
  }
  return true;
}

HRESULT DeviceServicesSink::OnInterfaceStateChange(BSTR interfaceID,
                                                   MBN_DEVICE_SERVICES_INTERFACE_STATE state) {
  try {
    bool arrival = state == MBN_DEVICE_SERVICES_CAPABLE_INTERFACE_ARRIVAL;
    std::u16string id = Bstr::ToU16(interfaceID);
    if (arrival) {
      context_->primeServices();
    } else {
      context_->ids->MarkRemoved(id);
      context_->forgetServices(id);
    }
    context_->emitter->PostEvent(InterfaceEvent{arrival, std::move(id), "device-services"});
  } catch (...) {
  }
  return S_OK;
}

// The command half (OnQuerySupportedCommandsComplete ... OnEventNotification): command_sinks.cc.

// ---- InterfaceManagerSink ----

InterfaceManagerSink::InterfaceManagerSink(std::shared_ptr<SinkContext> context)
    : context_(std::move(context)) {
  g_liveSinks.fetch_add(1);
}

InterfaceManagerSink::~InterfaceManagerSink() { g_liveSinks.fetch_sub(1); }

HRESULT InterfaceManagerSink::QueryInterface(REFIID riid, void** out) {
  return QueryFor<InterfaceManagerSink, IMbnInterfaceManagerEvents>(
      this, riid, IID_IMbnInterfaceManagerEvents, out);
}

ULONG InterfaceManagerSink::AddRef() { return refs_.fetch_add(1) + 1; }

ULONG InterfaceManagerSink::Release() {
  ULONG left = refs_.fetch_sub(1) - 1;
  if (left == 0) delete this;
  return left;
}

// The interface is named by object only. Rather than ask it (a call into the service), the COM
// thread lists the interfaces afresh: the event says which one, with its ID, from there.
HRESULT InterfaceManagerSink::OnInterfaceArrival(IMbnInterface*) {
  try {
    context_->primeServices();
    context_->refreshInterfaces("arrival");
  } catch (...) {
  }
  return S_OK;
}

HRESULT InterfaceManagerSink::OnInterfaceRemoval(IMbnInterface*) {
  try {
    context_->refreshInterfaces("removal");
  } catch (...) {
  }
  return S_OK;
}

// ---- InterfaceEventsSink ----

InterfaceEventsSink::InterfaceEventsSink(std::shared_ptr<SinkContext> context)
    : context_(std::move(context)) {
  g_liveSinks.fetch_add(1);
}

InterfaceEventsSink::~InterfaceEventsSink() { g_liveSinks.fetch_sub(1); }

HRESULT InterfaceEventsSink::QueryInterface(REFIID riid, void** out) {
  return QueryFor<InterfaceEventsSink, IMbnInterfaceEvents>(this, riid, IID_IMbnInterfaceEvents,
                                                            out);
}

ULONG InterfaceEventsSink::AddRef() { return refs_.fetch_add(1) + 1; }

ULONG InterfaceEventsSink::Release() {
  ULONG left = refs_.fetch_sub(1) - 1;
  if (left == 0) delete this;
  return left;
}

HRESULT InterfaceEventsSink::OnInterfaceCapabilityAvailable(IMbnInterface*) {
  try {
    context_->primeServices();  // probing is over: its services may be listable now
    context_->refreshInterfaces("capability");
  } catch (...) {
  }
  return S_OK;
}

HRESULT InterfaceEventsSink::OnReadyStateChange(IMbnInterface*) {
  try {
    context_->primeServices();
    context_->refreshInterfaces("ready-state");
  } catch (...) {
  }
  return S_OK;
}

// Not this tool's business; acknowledged.
HRESULT InterfaceEventsSink::OnSubscriberInformationChange(IMbnInterface*) { return S_OK; }
HRESULT InterfaceEventsSink::OnEmergencyModeChange(IMbnInterface*) { return S_OK; }
HRESULT InterfaceEventsSink::OnHomeProviderAvailable(IMbnInterface*) { return S_OK; }
HRESULT InterfaceEventsSink::OnPreferredProvidersChange(IMbnInterface*) { return S_OK; }
HRESULT InterfaceEventsSink::OnSetPreferredProvidersComplete(IMbnInterface*, ULONG, HRESULT) {
  return S_OK;
}
HRESULT InterfaceEventsSink::OnScanNetworkComplete(IMbnInterface*, ULONG, HRESULT) {
  return S_OK;
}

}  // namespace mbn

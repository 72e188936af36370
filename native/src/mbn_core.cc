// COM memory rules applied here (reference §3, §5.4, §6): BSTR fields of returned structs freed,
// SAFEARRAYs returned to us destroyed, [in] arrays we create destroyed after the call, every
// reference released, and array bounds read rather than assumed 0-based.
#include "mbn_core.h"

#include <algorithm>

#include "sinks.h"

namespace mbn {

static uint32_t U32(HRESULT hr) { return static_cast<uint32_t>(hr); }

// The same list as SERVICE_GONE_HRESULTS in electron/backends/native/addon-errors.ts; a unit
// test (test/wine/unit/service-gone-lists.test.ts) reads both and fails if they differ.
bool IsServiceGone(HRESULT hr) {
  switch (static_cast<uint32_t>(hr)) {
    case 0x80010108u:  // RPC_E_DISCONNECTED: the object's server has gone
    case 0x800706BAu:  // HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE)
    case 0x800706BEu:  // HRESULT_FROM_WIN32(RPC_S_CALL_FAILED)
    case 0x800706BFu:  // HRESULT_FROM_WIN32(RPC_S_CALL_FAILED_DNE): a call on a dead proxy
    case 0x80010007u:  // RPC_E_SERVER_DIED
    case 0x80010012u:  // RPC_E_SERVER_DIED_DNE
    case 0x800401FDu:  // CO_E_OBJNOTCONNECTED
    // The service stopped or restarted rather than died: its endpoint is gone from the RPC
    // endpoint mapper, or the service control manager answers for it.
    case 0x80070426u:  // HRESULT_FROM_WIN32(ERROR_SERVICE_NOT_ACTIVE)
    case 0x800706D9u:  // HRESULT_FROM_WIN32(EPT_S_NOT_REGISTERED)
    case 0x80070422u:  // HRESULT_FROM_WIN32(ERROR_SERVICE_DISABLED)
      return true;
    default:
      return false;
  }
}

// FindConnectionPoint + Advise on a manager object, per reference §4.
static HRESULT Subscribe(IUnknown* container, REFIID eventsIid, IUnknown* sink,
                         ComPtr<IConnectionPoint>* cp, DWORD* cookie) {
  ComPtr<IConnectionPointContainer> cpc;
  HRESULT hr = container->QueryInterface(IID_IConnectionPointContainer, cpc.PutVoid());
  if (FAILED(hr)) return hr;
  hr = cpc->FindConnectionPoint(eventsIid, cp->Put());
  if (FAILED(hr)) return hr;
  hr = (*cp)->Advise(sink, cookie);
  if (FAILED(hr)) cp->Reset();
  return hr;
}

Core::Managers Core::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  return Managers{ComPtr<IMbnInterfaceManager>::Retain(interfaces_.Get()),
                  ComPtr<IMbnDeviceServicesManager>::Retain(services_.Get())};
}

HRESULT Core::Lost(HRESULT otherwise) {
  std::lock_guard<std::mutex> lock(mutex_);
  return lost_ != S_OK ? lost_ : otherwise;
}

HRESULT Core::Note(HRESULT hr, const char* step) {
  if (!IsServiceGone(hr)) return hr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (lost_ != S_OK || (!interfaces_ && !services_)) return hr;  // already told
    lost_ = hr;
  }
  Shutdown(false);  // drops the dead objects; their Unadvise fails, which is expected now
  try {
    emitter_->PostEvent(ServiceLostEvent{U32(hr), step});
  } catch (...) {
  }
  return hr;
}

StartResult Core::Start() {
  // A second start() must not leave the first subscriptions advised; the held device services
  // stay (a session opened through one of them is still that object's).
  Shutdown(false, true);
  ComPtr<IMbnInterfaceManager> interfaces;
  ComPtr<IMbnDeviceServicesManager> services;
  HRESULT hr = CoCreateInstance(CLSID_MbnInterfaceManager, nullptr, CLSCTX_ALL,
                                IID_IMbnInterfaceManager, interfaces.PutVoid());
  if (FAILED(hr)) return {U32(hr), "CoCreateInstance(MbnInterfaceManager)"};
  hr = CoCreateInstance(CLSID_MbnDeviceServicesManager, nullptr, CLSCTX_ALL,
                        IID_IMbnDeviceServicesManager, services.PutVoid());
  if (FAILED(hr)) return {U32(hr), "CoCreateInstance(MbnDeviceServicesManager)"};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (final_) return {U32(E_ABORT), "closing"};
    interfaces_ = std::move(interfaces);
    services_ = std::move(services);
    lost_ = S_OK;
  }
  {
    // Shutdown cleared the ID cache; the held objects are the ones events of open sessions name.
    std::lock_guard<std::mutex> lock(mutex_);
    for (const HeldService& h : held_) ids_->Remember(h.service.Get(), h.interfaceId, h.serviceId);
  }
  // Before any sink is advised, so the first read event already finds its service's IDs.
  PrimeServices();
  InterfacesResult listed = ListInterfaces();
  knownInterfaces_.clear();
  for (const InterfaceInfo& i : listed.interfaces) knownInterfaces_.push_back(i.interfaceId);

  Managers m = Take();
  if (!m.interfaces || !m.services) return {U32(Lost(E_ABORT)), "Start"};
  // Each sink starts with one reference, ours; Advise takes the service's own.
  ComPtr<IUnknown> serviceSink, managerSink, interfaceSink;
  *serviceSink.Put() = static_cast<IMbnDeviceServicesEvents*>(new DeviceServicesSink(sinkContext_));
  *managerSink.Put() =
      static_cast<IMbnInterfaceManagerEvents*>(new InterfaceManagerSink(sinkContext_));
  *interfaceSink.Put() = static_cast<IMbnInterfaceEvents*>(new InterfaceEventsSink(sinkContext_));
  struct Want {
    IUnknown* container;
    const IID* events;
    IUnknown* sink;
    const char* step;
    bool required;  // without IMbnInterfaceEvents the app still works; only ready state waits
  };
  const Want wants[] = {
      {m.services.Get(), &IID_IMbnDeviceServicesEvents, serviceSink.Get(),
       "Advise(IMbnDeviceServicesEvents)", true},
      {m.interfaces.Get(), &IID_IMbnInterfaceManagerEvents, managerSink.Get(),
       "Advise(IMbnInterfaceManagerEvents)", true},
      {m.interfaces.Get(), &IID_IMbnInterfaceEvents, interfaceSink.Get(),
       "Advise(IMbnInterfaceEvents)", false},
  };
  for (const Want& w : wants) {
    Subscription s;
    hr = Note(Subscribe(w.container, *w.events, w.sink, &s.point, &s.cookie), w.step);
    if (FAILED(hr) && (w.required || IsServiceGone(hr))) return {U32(hr), w.step};
    if (FAILED(hr)) continue;  // ready state is then learnt by listing again, as before
    std::lock_guard<std::mutex> lock(mutex_);
    subscriptions_.push_back(std::move(s));
  }
  return {0, ""};
}

void Core::Shutdown(bool final, bool keepServices) {
  std::lock_guard<std::mutex> serial(shutdownMutex_);
  std::vector<Subscription> subscriptions;
  std::vector<HeldService> held;
  ComPtr<IMbnInterfaceManager> interfaces;
  ComPtr<IMbnDeviceServicesManager> services;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (final) final_ = true;
    subscriptions.swap(subscriptions_);
    if (!keepServices) held.swap(held_);
    interfaces = std::move(interfaces_);
    services = std::move(services_);
  }
  // Outside the lock: each of these is a call into the MBN service, which may be slow.
  for (Subscription& s : subscriptions) s.point->Unadvise(s.cookie);
  subscriptions.clear();
  held.clear();
  ids_->Clear(final);
}

void Core::SendNamed(uint64_t token, IMbnDeviceService* key, Event event) {
  ComPtr<IMbnDeviceService> service;
  *service.Put() = ids_->TakeHeld(token);  // the sink's reference, now ours
  if (!service) {
    // Its object was let go since (the service lost, Start again, or the client closed, when
    // nobody hears it): the event is never delivered, and is said lost where it was, so the
    // journal does not look complete.
    if (const auto* read = std::get_if<ReadDataEvent>(&event)) read->hold.Lose();
    if (const auto* note = std::get_if<NotificationEvent>(&event)) note->hold.Lose();
    return;
  }
  ServiceIdCache::Ids ids;
  // An earlier event of the same object may have named it already.
  if (!ids_->Known(service.Get(), &ids)) {
    g_deferredIdLookups.fetch_add(1);
    Bstr a, b;
    HRESULT hr = Note(service->get_InterfaceID(a.Put()), "get_InterfaceID");
    if (SUCCEEDED(hr)) hr = Note(service->get_DeviceServiceID(b.Put()), "get_DeviceServiceID");
    if (SUCCEEDED(hr)) {
      ids.interfaceId = a.Str();
      ids.serviceId = b.Str();
      ids_->Remember(service.Get(), ids.interfaceId, ids.serviceId);
    }
  }
  SetServiceIds(&event, std::move(ids.interfaceId), std::move(ids.serviceId));
  emitter_->PostEvent(std::move(event));
  ids_->DeferredDone(key);
}

static InterfaceInfo Describe(IMbnInterface* iface, std::u16string interfaceId) {
  InterfaceInfo info;
  info.interfaceId = std::move(interfaceId);

  MBN_INTERFACE_CAPS caps{};
  HRESULT hr = iface->GetInterfaceCapability(&caps);
  info.capsHresult = U32(hr);
  if (SUCCEEDED(hr)) {
    info.cellularClass = static_cast<uint32_t>(caps.cellularClass);
    info.dataClass = caps.dataClass;
    info.deviceId = TakeBstr(caps.deviceID);
    info.manufacturer = TakeBstr(caps.manufacturer);
    info.model = TakeBstr(caps.model);
    info.firmware = TakeBstr(caps.firmwareInfo);
    TakeBstr(caps.customDataClass);
    TakeBstr(caps.customBandClass);
  }

  MBN_READY_STATE ready = MBN_READY_STATE_OFF;
  hr = iface->GetReadyState(&ready);
  info.readyStateHresult = U32(hr);
  if (SUCCEEDED(hr)) info.readyState = static_cast<uint32_t>(ready);
  return info;
}

InterfacesResult Core::ListInterfaces() {
  ids_->Purge();
  InterfacesResult result;
  Managers m = Take();
  if (!m.interfaces) return {U32(Lost(E_UNEXPECTED)), {}};
  SafeArray array;
  HRESULT hr = Note(m.interfaces->GetInterfaces(array.Put()), "GetInterfaces");
  result.hresult = U32(hr);
  if (FAILED(hr) || !array.Get()) return result;

  LONG count = 0;
  // An array of interface pointers (VT_UNKNOWN or VT_DISPATCH): SafeArrayDestroy releases the
  // elements, so each one is only borrowed here and QueryInterface'd for our own reference.
  hr = InterfaceCount(array.Get(), &count);
  if (FAILED(hr)) return {U32(hr), {}};
  SafeArrayData data(array.Get());
  if (FAILED(data.hr())) return {U32(data.hr()), {}};
  auto** elements = static_cast<IUnknown**>(data.get());
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IMbnInterface> iface;
    if (!elements[i] ||
        FAILED(elements[i]->QueryInterface(IID_IMbnInterface, iface.PutVoid()))) {
      continue;
    }
    // A device is known by its ID alone (every call names it): one whose ID cannot be read now is
    // left out of this listing rather than listed as a device with no ID.
    Bstr id;
    if (FAILED(Note(iface->get_InterfaceID(id.Put()), "get_InterfaceID"))) {
      result.unreadable += 1;
      continue;
    }
    result.interfaces.push_back(Describe(iface.Get(), id.Str()));
  }
  // A device no longer listed was removed: its held service objects (and sessions) are void. Not
  // when an ID could not be read: that device may be one of them, and its open session would go.
  if (result.unreadable == 0) {
    std::vector<std::u16string> present;
    for (const InterfaceInfo& i : result.interfaces) present.push_back(i.interfaceId);
    DropHeldExcept(present);
  }
  return result;
}

void Core::RefreshInterfaces(const char* reason) {
  InterfacesResult listed = ListInterfaces();
  if (FAILED(static_cast<HRESULT>(listed.hresult))) return;
  std::string why = reason;
  if (why == "arrival" || why == "removal") {
    // The sink did not ask the interface its ID (a call into the service); the difference
    // between two listings names it instead.
    std::vector<std::u16string> now;
    for (const InterfaceInfo& i : listed.interfaces) now.push_back(i.interfaceId);
    auto has = [](const std::vector<std::u16string>& list, const std::u16string& id) {
      return std::find(list.begin(), list.end(), id) != list.end();
    };
    for (const std::u16string& id : now) {
      if (!has(knownInterfaces_, id)) emitter_->PostEvent(InterfaceEvent{true, id, "interface-manager"});
    }
    for (const std::u16string& id : knownInterfaces_) {
      if (has(now, id)) continue;
      // A listing that could not read every ID does not show what is gone: the device missing
      // from it may be the unreadable one. It stays known, and a later listing tells.
      if (listed.unreadable > 0) {
        now.push_back(id);
        continue;
      }
      ids_->MarkRemoved(id);
      emitter_->PostEvent(InterfaceEvent{false, id, "interface-manager"});
    }
    knownInterfaces_ = std::move(now);
    return;
  }
  emitter_->PostEvent(InterfacesChangedEvent{reason, std::move(listed)});
}

}  // namespace mbn

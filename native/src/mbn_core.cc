// COM memory rules applied here (reference §3, §5.4, §6): BSTR fields of returned structs freed,
// SAFEARRAYs returned to us destroyed, [in] arrays we create destroyed after the call, every
// reference released, and array bounds read rather than assumed 0-based.
#include "mbn_core.h"

#include <algorithm>

#include "sinks.h"

namespace mbn {

std::atomic<long> g_recordArraysRead{0};

static uint32_t U32(HRESULT hr) { return static_cast<uint32_t>(hr); }

// MBN_DEVICE_SERVICE's type GUID (reference §2), to recognise a VT_RECORD array of it.
static const GUID kDeviceServiceRecord = {
    0x60436154, 0x3466, 0x48A4, {0x82, 0xE2, 0x9A, 0x46, 0x15, 0x27, 0xA8, 0xC5}};

bool IsServiceGone(HRESULT hr) {
  switch (static_cast<uint32_t>(hr)) {
    case 0x80010108u:  // RPC_E_DISCONNECTED: the object's server has gone
    case 0x800706BAu:  // HRESULT_FROM_WIN32(RPC_S_SERVER_UNAVAILABLE)
    case 0x800706BEu:  // HRESULT_FROM_WIN32(RPC_S_CALL_FAILED)
    case 0x80010007u:  // RPC_E_SERVER_DIED
    case 0x80010012u:  // RPC_E_SERVER_DIED_DNE
    case 0x800401FDu:  // CO_E_OBJNOTCONNECTED
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
  Shutdown(false);  // a second start() must not leave the first subscriptions advised
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

void Core::Shutdown(bool final) {
  std::lock_guard<std::mutex> serial(shutdownMutex_);
  std::vector<Subscription> subscriptions;
  ComPtr<IMbnInterfaceManager> interfaces;
  ComPtr<IMbnDeviceServicesManager> services;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (final) final_ = true;
    subscriptions.swap(subscriptions_);
    interfaces = std::move(interfaces_);
    services = std::move(services_);
  }
  // Outside the lock: each of these is a call into the MBN service, which may be slow.
  for (Subscription& s : subscriptions) s.point->Unadvise(s.cookie);
  subscriptions.clear();
  ids_->Clear(final);
}

static InterfaceInfo Describe(IMbnInterface* iface) {
  InterfaceInfo info;
  Bstr id;
  if (SUCCEEDED(iface->get_InterfaceID(id.Put()))) info.interfaceId = id.Str();

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
  hr = ElementCount(array.Get(), &count);
  if (FAILED(hr)) return {U32(hr), {}};
  // An array of interface pointers (VT_UNKNOWN or VT_DISPATCH): SafeArrayDestroy releases the
  // elements, so each one is only borrowed here and QueryInterface'd for our own reference.
  if (SafeArrayGetElemsize(array.Get()) != sizeof(IUnknown*)) return {U32(E_UNEXPECTED), {}};
  void* data = nullptr;
  hr = SafeArrayAccessData(array.Get(), &data);
  if (FAILED(hr)) return {U32(hr), {}};
  auto** elements = static_cast<IUnknown**>(data);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IMbnInterface> iface;
    if (elements[i] &&
        SUCCEEDED(elements[i]->QueryInterface(IID_IMbnInterface, iface.PutVoid()))) {
      result.interfaces.push_back(Describe(iface.Get()));
    }
  }
  SafeArrayUnaccessData(array.Get());
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
      if (!has(now, id)) {
        ids_->MarkRemoved(id);
        emitter_->PostEvent(InterfaceEvent{false, id, "interface-manager"});
      }
    }
    knownInterfaces_ = std::move(now);
    return;
  }
  emitter_->PostEvent(InterfacesChangedEvent{reason, std::move(listed)});
}

// Reads MBN_DEVICE_SERVICE records, freeing each BSTR and nulling it. Both array forms are
// accepted (reference §3.5 leaves it open): a plain array of records, whose BSTRs are ours to
// free, and a VT_RECORD array (FADF_RECORD with an IRecordInfo), whose SafeArrayDestroy clears
// each record through IRecordInfo::RecordClear: freed and nulled here, nothing is freed twice.
// The array itself is destroyed by the caller's SafeArray owner.
static HRESULT ReadServices(SAFEARRAY* array, std::vector<ServiceInfo>* out) {
  LONG count = 0;
  HRESULT hr = ElementCount(array, &count);
  if (FAILED(hr)) return hr;
  if (SafeArrayGetElemsize(array) != sizeof(MBN_DEVICE_SERVICE)) return E_UNEXPECTED;
  if (array->fFeatures & FADF_RECORD) {
    ComPtr<IRecordInfo> info;
    hr = SafeArrayGetRecordInfo(array, info.Put());
    if (FAILED(hr) || !info) return FAILED(hr) ? hr : E_UNEXPECTED;
    GUID type{};
    ULONG size = 0;
    if (FAILED(info->GetGuid(&type)) || !IsEqualGUID(type, kDeviceServiceRecord) ||
        FAILED(info->GetSize(&size)) || size != sizeof(MBN_DEVICE_SERVICE)) {
      return E_UNEXPECTED;  // records of some other type: reading them as ours would be wrong
    }
    g_recordArraysRead.fetch_add(1);
  } else if (array->fFeatures & (FADF_BSTR | FADF_UNKNOWN | FADF_DISPATCH | FADF_VARIANT)) {
    return E_UNEXPECTED;
  }
  void* data = nullptr;
  hr = SafeArrayAccessData(array, &data);
  if (FAILED(hr)) return hr;
  auto* records = static_cast<MBN_DEVICE_SERVICE*>(data);
  for (LONG i = 0; i < count; ++i) {
    ServiceInfo s;
    s.serviceId = TakeBstr(records[i].deviceServiceID);
    s.dataWriteSupported = records[i].dataWriteSupported != VARIANT_FALSE;
    s.dataReadSupported = records[i].dataReadSupported != VARIANT_FALSE;
    out->push_back(std::move(s));
  }
  SafeArrayUnaccessData(array);
  return S_OK;
}

static HRESULT GetContext(IMbnDeviceServicesManager* manager, const std::u16string& interfaceId,
                          ComPtr<IMbnDeviceServicesContext>* out) {
  if (!manager) return E_UNEXPECTED;
  Bstr id(interfaceId);
  if (!id.Get()) return E_OUTOFMEMORY;
  return manager->GetDeviceServicesContext(id.Get(), out->Put());
}

void Core::PrimeServices() {
  ids_->Purge();
  Managers m = Take();
  if (!m.interfaces || !m.services) return;
  SafeArray array;
  if (FAILED(Note(m.interfaces->GetInterfaces(array.Put()), "GetInterfaces")) || !array.Get()) {
    return;
  }
  LONG count = 0;
  if (FAILED(ElementCount(array.Get(), &count)) ||
      SafeArrayGetElemsize(array.Get()) != sizeof(IUnknown*)) {
    return;
  }
  std::vector<std::u16string> ids;
  void* data = nullptr;
  if (FAILED(SafeArrayAccessData(array.Get(), &data))) return;
  auto** elements = static_cast<IUnknown**>(data);
  for (LONG i = 0; i < count; ++i) {
    ComPtr<IMbnInterface> iface;
    Bstr id;
    if (elements[i] &&
        SUCCEEDED(elements[i]->QueryInterface(IID_IMbnInterface, iface.PutVoid())) &&
        SUCCEEDED(iface->get_InterfaceID(id.Put()))) {
      ids.push_back(id.Str());
    }
  }
  SafeArrayUnaccessData(array.Get());
  for (const std::u16string& interfaceId : ids) {
    ComPtr<IMbnDeviceServicesContext> context;
    if (FAILED(Note(GetContext(m.services.Get(), interfaceId, &context), "GetDeviceServicesContext"))) {
      continue;
    }
    SafeArray services;
    std::vector<ServiceInfo> found;
    if (FAILED(Note(context->EnumerateDeviceServices(services.Put()), "EnumerateDeviceServices")) ||
        !services.Get() || FAILED(ReadServices(services.Get(), &found))) {
      continue;  // E_PENDING (still probing) or none: primed again when the device says so
    }
    for (const ServiceInfo& s : found) {
      ComPtr<IMbnDeviceService> service;
      Bstr sid(s.serviceId);
      if (SUCCEEDED(Note(context->GetDeviceService(sid.Get(), service.Put()), "GetDeviceService"))) {
        ids_->Remember(service.Get(), interfaceId, s.serviceId);
      }
    }
  }
}

ServicesResult Core::ListServices(const std::u16string& interfaceId) {
  ids_->Purge();
  ServicesResult result;
  Managers m = Take();
  if (!m.services) return {"context", U32(Lost(E_UNEXPECTED)), {}};
  ComPtr<IMbnDeviceServicesContext> context;
  HRESULT hr = Note(GetContext(m.services.Get(), interfaceId, &context), "GetDeviceServicesContext");
  if (FAILED(hr)) return {"context", U32(hr), {}};
  SafeArray array;
  hr = Note(context->EnumerateDeviceServices(array.Put()), "EnumerateDeviceServices");
  // ERROR_NOT_SUPPORTED (no services) and E_PENDING (still probing) are reported as they are;
  // the TypeScript side decides what each means to the user.
  if (FAILED(hr) || !array.Get()) return {"enumerate", U32(hr), {}};
  hr = ReadServices(array.Get(), &result.services);
  if (FAILED(hr)) return {"enumerate", U32(hr), {}};

  // One answer per device (the property is the context's), shown on each of its services.
  ULONG maxCommandSize = 0;
  HRESULT sizeHr = Note(context->get_MaxCommandSize(&maxCommandSize), "MaxCommandSize");
  for (ServiceInfo& s : result.services) {
    s.maxCommandSizeHresult = U32(sizeHr);
    s.maxCommandSize = SUCCEEDED(sizeHr) ? static_cast<uint32_t>(maxCommandSize) : 0u;
    ComPtr<IMbnDeviceService> service;
    Bstr sid(s.serviceId);
    hr = Note(context->GetDeviceService(sid.Get(), service.Put()), "GetDeviceService");
    BOOL open = FALSE, commandOpen = FALSE;  // Win32 BOOLs (4 bytes), not VARIANT_BOOL
    HRESULT commandHr = hr;
    if (SUCCEEDED(hr)) {
      ids_->Remember(service.Get(), interfaceId, s.serviceId);
      hr = Note(service->get_IsDataSessionOpen(&open), "IsDataSessionOpen");
      commandHr = Note(service->get_IsCommandSessionOpen(&commandOpen), "IsCommandSessionOpen");
    }
    s.sessionHresult = U32(hr);
    s.dataSessionOpen = SUCCEEDED(hr) && open != FALSE;
    s.commandSessionHresult = U32(commandHr);
    s.commandSessionOpen = SUCCEEDED(commandHr) && commandOpen != FALSE;
  }
  return result;
}

CallResult Core::FindService(const std::u16string& interfaceId, const std::u16string& serviceId,
                             ComPtr<IMbnDeviceService>* out) {
  ids_->Purge();
  Managers m = Take();
  if (!m.services) return {"context", U32(Lost(E_UNEXPECTED)), 0, false};
  ComPtr<IMbnDeviceServicesContext> context;
  HRESULT hr = Note(GetContext(m.services.Get(), interfaceId, &context), "GetDeviceServicesContext");
  if (FAILED(hr)) return {"context", U32(hr), 0, false};

  // Find the service's ID as the device spells it, so callers may use any brace/case form.
  SafeArray array;
  hr = Note(context->EnumerateDeviceServices(array.Put()), "EnumerateDeviceServices");
  if (FAILED(hr) || !array.Get()) return {"lookup", U32(FAILED(hr) ? hr : E_UNEXPECTED), 0, false};
  std::vector<ServiceInfo> services;
  hr = ReadServices(array.Get(), &services);
  if (FAILED(hr)) return {"lookup", U32(hr), 0, false};
  const ServiceInfo* match = nullptr;
  for (const ServiceInfo& s : services) {
    if (SameServiceId(s.serviceId, serviceId)) match = &s;
  }
  if (!match) return {"lookup", U32(HRESULT_FROM_WIN32(ERROR_NOT_FOUND)), 0, false};

  Bstr sid(match->serviceId);
  hr = Note(context->GetDeviceService(sid.Get(), out->Put()), "GetDeviceService");
  if (FAILED(hr)) return {"service", U32(hr), 0, false};
  // Before the call: its completion may arrive (on another thread) before the call returns.
  ids_->Remember(out->Get(), interfaceId, match->serviceId);
  return {"", 0, 0, false};
}

CallResult Core::Call(Op op, const std::u16string& interfaceId, const std::u16string& serviceId,
                      uint32_t commandId, const std::vector<uint8_t>& data) {
  ComPtr<IMbnDeviceService> service;
  CallResult found = FindService(interfaceId, serviceId, &service);
  if (!found.stage.empty()) return found;

  ULONG requestId = 0;
  HRESULT hr = E_UNEXPECTED;
  SafeArray bytes;  // [in] for WriteData/QueryCommand/SetCommand: ours to destroy after the call
  switch (op) {
    case Op::kOpen:
      hr = Note(service->OpenDataSession(&requestId), "OpenDataSession");
      break;
    case Op::kClose:
      hr = Note(service->CloseDataSession(&requestId), "CloseDataSession");
      break;
    case Op::kWrite:
      hr = SafeArray::FromBytes(data, &bytes);
      if (SUCCEEDED(hr)) hr = Note(service->WriteData(bytes.Get(), &requestId), "WriteData");
      break;
    case Op::kSupportedCommands:
      hr = Note(service->QuerySupportedCommands(&requestId), "QuerySupportedCommands");
      break;
    case Op::kOpenCommandSession:
      hr = Note(service->OpenCommandSession(&requestId), "OpenCommandSession");
      break;
    case Op::kCloseCommandSession:
      hr = Note(service->CloseCommandSession(&requestId), "CloseCommandSession");
      break;
    case Op::kQuery:
      hr = SafeArray::FromBytes(data, &bytes);
      if (SUCCEEDED(hr)) {
        hr = Note(service->QueryCommand(commandId, bytes.Get(), &requestId), "QueryCommand");
      }
      break;
    case Op::kSet:
      hr = SafeArray::FromBytes(data, &bytes);
      if (SUCCEEDED(hr)) {
        hr = Note(service->SetCommand(commandId, bytes.Get(), &requestId), "SetCommand");
      }
      break;
  }
  return {"call", U32(hr), SUCCEEDED(hr) ? static_cast<uint32_t>(requestId) : 0u, false};
}

CallResult Core::IsSessionOpen(const std::u16string& interfaceId, const std::u16string& serviceId,
                               bool command) {
  ComPtr<IMbnDeviceService> service;
  CallResult found = FindService(interfaceId, serviceId, &service);
  if (!found.stage.empty()) return found;
  BOOL open = FALSE;  // a Win32 BOOL (4 bytes), not VARIANT_BOOL
  HRESULT hr = command ? Note(service->get_IsCommandSessionOpen(&open), "IsCommandSessionOpen")
                       : Note(service->get_IsDataSessionOpen(&open), "IsDataSessionOpen");
  return {"call", U32(hr), 0, SUCCEEDED(hr) && open != FALSE};
}

}  // namespace mbn

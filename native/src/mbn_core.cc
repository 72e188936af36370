// COM memory rules applied here (reference §3, §5.4, §6): BSTR fields of returned structs freed,
// SAFEARRAYs returned to us destroyed, [in] arrays we create destroyed after the call, every
// reference released, and array bounds read rather than assumed 0-based.
#include "mbn_core.h"

#include "sinks.h"

namespace mbn {

static uint32_t U32(HRESULT hr) { return static_cast<uint32_t>(hr); }

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

StartResult Core::Start() {
  Shutdown();  // a second start() must not leave the first subscriptions advised
  HRESULT hr = CoCreateInstance(CLSID_MbnInterfaceManager, nullptr, CLSCTX_ALL,
                                IID_IMbnInterfaceManager, interfaces_.PutVoid());
  if (FAILED(hr)) return {U32(hr), "CoCreateInstance(MbnInterfaceManager)"};
  hr = CoCreateInstance(CLSID_MbnDeviceServicesManager, nullptr, CLSCTX_ALL,
                        IID_IMbnDeviceServicesManager, services_.PutVoid());
  if (FAILED(hr)) return {U32(hr), "CoCreateInstance(MbnDeviceServicesManager)"};

  // Each sink starts with one reference, ours; Advise takes the service's own.
  ComPtr<IUnknown> serviceSink, interfaceSink;
  *serviceSink.Put() = static_cast<IMbnDeviceServicesEvents*>(new DeviceServicesSink(emitter_));
  *interfaceSink.Put() = static_cast<IMbnInterfaceManagerEvents*>(new InterfaceManagerSink(emitter_));
  hr = Subscribe(services_.Get(), IID_IMbnDeviceServicesEvents, serviceSink.Get(),
                 &serviceEventsCp_, &serviceEventsCookie_);
  if (FAILED(hr)) return {U32(hr), "Advise(IMbnDeviceServicesEvents)"};
  hr = Subscribe(interfaces_.Get(), IID_IMbnInterfaceManagerEvents, interfaceSink.Get(),
                 &interfaceEventsCp_, &interfaceEventsCookie_);
  if (FAILED(hr)) return {U32(hr), "Advise(IMbnInterfaceManagerEvents)"};
  return {0, ""};
}

void Core::Shutdown() {
  if (serviceEventsCp_) serviceEventsCp_->Unadvise(serviceEventsCookie_);
  if (interfaceEventsCp_) interfaceEventsCp_->Unadvise(interfaceEventsCookie_);
  serviceEventsCp_.Reset();
  interfaceEventsCp_.Reset();
  serviceEventsCookie_ = interfaceEventsCookie_ = 0;
  services_.Reset();
  interfaces_.Reset();
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
  InterfacesResult result;
  if (!interfaces_) return {U32(E_UNEXPECTED), {}};
  SafeArray array;
  HRESULT hr = interfaces_->GetInterfaces(array.Put());
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

// Reads MBN_DEVICE_SERVICE records, freeing each BSTR and nulling it (reference §3.5: whether
// the array is a VT_RECORD array, which would free them too, is unverified; this is safe either
// way). The array itself is destroyed by the caller's SafeArray owner.
static HRESULT ReadServices(SAFEARRAY* array, std::vector<ServiceInfo>* out) {
  LONG count = 0;
  HRESULT hr = ElementCount(array, &count);
  if (FAILED(hr)) return hr;
  if (SafeArrayGetElemsize(array) != sizeof(MBN_DEVICE_SERVICE)) return E_UNEXPECTED;
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

ServicesResult Core::ListServices(const std::u16string& interfaceId) {
  ServicesResult result;
  ComPtr<IMbnDeviceServicesContext> context;
  HRESULT hr = GetContext(services_.Get(), interfaceId, &context);
  if (FAILED(hr)) return {"context", U32(hr), {}};
  SafeArray array;
  hr = context->EnumerateDeviceServices(array.Put());
  // ERROR_NOT_SUPPORTED (no services) and E_PENDING (still probing) are reported as they are;
  // the TypeScript side decides what each means to the user.
  if (FAILED(hr) || !array.Get()) return {"enumerate", U32(hr), {}};
  hr = ReadServices(array.Get(), &result.services);
  if (FAILED(hr)) return {"enumerate", U32(hr), {}};

  for (ServiceInfo& s : result.services) {
    ComPtr<IMbnDeviceService> service;
    Bstr sid(s.serviceId);
    hr = context->GetDeviceService(sid.Get(), service.Put());
    BOOL open = FALSE;
    if (SUCCEEDED(hr)) hr = service->get_IsDataSessionOpen(&open);
    s.sessionHresult = U32(hr);
    s.dataSessionOpen = SUCCEEDED(hr) && open != FALSE;
  }
  return result;
}

CallResult Core::FindService(const std::u16string& interfaceId, const std::u16string& serviceId,
                             ComPtr<IMbnDeviceService>* out) {
  ComPtr<IMbnDeviceServicesContext> context;
  HRESULT hr = GetContext(services_.Get(), interfaceId, &context);
  if (FAILED(hr)) return {"context", U32(hr), 0, false};

  // Find the service's ID as the device spells it, so callers may use any brace/case form.
  SafeArray array;
  hr = context->EnumerateDeviceServices(array.Put());
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
  hr = context->GetDeviceService(sid.Get(), out->Put());
  if (FAILED(hr)) return {"service", U32(hr), 0, false};
  return {"", 0, 0, false};
}

CallResult Core::Call(Op op, const std::u16string& interfaceId, const std::u16string& serviceId,
                      const std::vector<uint8_t>& data) {
  ComPtr<IMbnDeviceService> service;
  CallResult found = FindService(interfaceId, serviceId, &service);
  if (!found.stage.empty()) return found;

  ULONG requestId = 0;
  HRESULT hr = E_UNEXPECTED;
  switch (op) {
    case Op::kOpen:
      hr = service->OpenDataSession(&requestId);
      break;
    case Op::kClose:
      hr = service->CloseDataSession(&requestId);
      break;
    case Op::kWrite: {
      SafeArray bytes;  // [in]: ours to destroy after the call
      hr = SafeArray::FromBytes(data, &bytes);
      if (SUCCEEDED(hr)) hr = service->WriteData(bytes.Get(), &requestId);
      break;
    }
  }
  return {"call", U32(hr), SUCCEEDED(hr) ? static_cast<uint32_t>(requestId) : 0u, false};
}

CallResult Core::IsDataSessionOpen(const std::u16string& interfaceId,
                                   const std::u16string& serviceId) {
  ComPtr<IMbnDeviceService> service;
  CallResult found = FindService(interfaceId, serviceId, &service);
  if (!found.stage.empty()) return found;
  BOOL open = FALSE;  // a Win32 BOOL (4 bytes), not VARIANT_BOOL
  HRESULT hr = service->get_IsDataSessionOpen(&open);
  return {"call", U32(hr), 0, SUCCEEDED(hr) && open != FALSE};
}

}  // namespace mbn

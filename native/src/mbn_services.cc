// A device's services: listing them (EnumerateDeviceServices), finding one, and calling it. The
// same COM memory rules as mbn_core.cc (reference §3, §5.4, §6): BSTRs of returned records freed,
// returned SAFEARRAYs destroyed, every reference released, array bounds read, never assumed.
#include "mbn_core.h"

#include <algorithm>

namespace mbn {

std::atomic<long> g_recordArraysRead{0};

static uint32_t U32(HRESULT hr) { return static_cast<uint32_t>(hr); }

// MBN_DEVICE_SERVICE's type GUID (reference §2), to recognise a VT_RECORD array of it.
static const GUID kDeviceServiceRecord = {
    0x60436154, 0x3466, 0x48A4, {0x82, 0xE2, 0x9A, 0x46, 0x15, 0x27, 0xA8, 0xC5}};

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
  SafeArrayData data(array);
  if (FAILED(data.hr())) return data.hr();
  auto* records = static_cast<MBN_DEVICE_SERVICE*>(data.get());
  for (LONG i = 0; i < count; ++i) {
    ServiceInfo s;
    s.serviceId = TakeBstr(records[i].deviceServiceID);
    s.dataWriteSupported = records[i].dataWriteSupported != VARIANT_FALSE;
    s.dataReadSupported = records[i].dataReadSupported != VARIANT_FALSE;
    out->push_back(std::move(s));
  }
  return S_OK;
}

static HRESULT GetContext(IMbnDeviceServicesManager* manager, const std::u16string& interfaceId,
                          ComPtr<IMbnDeviceServicesContext>* out) {
  if (!manager) return E_UNEXPECTED;
  Bstr id(interfaceId);
  if (!id.Get()) return E_OUTOFMEMORY;
  return manager->GetDeviceServicesContext(id.Get(), out->Put());
}

ComPtr<IMbnDeviceService> Core::Held(const std::u16string& interfaceId,
                                     const std::u16string& serviceId) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const HeldService& h : held_) {
    if (SameServiceId(h.interfaceId, interfaceId) && SameServiceId(h.serviceId, serviceId)) {
      return ComPtr<IMbnDeviceService>::Retain(h.service.Get());
    }
  }
  return {};
}

void Core::Hold(const std::u16string& interfaceId, const std::u16string& serviceId,
                IMbnDeviceServicesContext* context, ComPtr<IMbnDeviceService>* service) {
  ComPtr<IMbnDeviceService> unused;  // released outside the lock (a call into the service)
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (final_) return;  // closing: nothing may outlive the Shutdown that is releasing the rest
    for (const HeldService& h : held_) {
      if (SameServiceId(h.interfaceId, interfaceId) && SameServiceId(h.serviceId, serviceId)) {
        unused = std::move(*service);
        *service = ComPtr<IMbnDeviceService>::Retain(h.service.Get());
        break;
      }
    }
    if (!unused) {
      held_.push_back(HeldService{interfaceId, serviceId,
                                  ComPtr<IMbnDeviceServicesContext>::Retain(context),
                                  ComPtr<IMbnDeviceService>::Retain(service->Get()),
                                  holds_->fetch_add(1) + 1});
    }
  }
}

void Core::DropHeldExcept(const std::vector<std::u16string>& present) {
  std::vector<HeldService> gone;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto listed = [&](const HeldService& h) {
      return std::any_of(present.begin(), present.end(),
                         [&](const std::u16string& id) { return SameServiceId(id, h.interfaceId); });
    };
    for (auto it = held_.begin(); it != held_.end();) {
      if (listed(*it)) {
        ++it;
      } else {
        gone.push_back(std::move(*it));
        it = held_.erase(it);
      }
    }
  }
  // `gone` releases its references here, outside the lock.
}

void Core::ForgetServices(const std::u16string& interfaceId, uint64_t mark) {
  std::vector<HeldService> gone;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = held_.begin(); it != held_.end();) {
      if (it->seq <= mark && SameServiceId(it->interfaceId, interfaceId)) {
        gone.push_back(std::move(*it));
        it = held_.erase(it);
      } else {
        ++it;
      }
    }
  }
  // `gone` releases its references here, outside the lock.
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
  if (FAILED(InterfaceCount(array.Get(), &count))) return;
  std::vector<std::u16string> ids;
  {
    SafeArrayData data(array.Get());
    if (FAILED(data.hr())) return;
    auto** elements = static_cast<IUnknown**>(data.get());
    for (LONG i = 0; i < count; ++i) {
      ComPtr<IMbnInterface> iface;
      Bstr id;
      if (elements[i] &&
          SUCCEEDED(elements[i]->QueryInterface(IID_IMbnInterface, iface.PutVoid())) &&
          SUCCEEDED(iface->get_InterfaceID(id.Put()))) {
        ids.push_back(id.Str());
      }
    }
  }
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
  if (FAILED(hr)) return {"enumerate", U32(hr), {}};
  // S_OK with no array: a device that lists no services (not a failure "returning S_OK").
  if (!array.Get()) return result;
  hr = ReadServices(array.Get(), &result.services);
  if (FAILED(hr)) return {"enumerate", U32(hr), {}};

  // One answer per device (the property is the context's), shown on each of its services.
  ULONG maxCommandSize = 0;
  HRESULT sizeHr = Note(context->get_MaxCommandSize(&maxCommandSize), "MaxCommandSize");
  for (ServiceInfo& s : result.services) {
    s.maxCommandSizeHresult = U32(sizeHr);
    s.maxCommandSize = SUCCEEDED(sizeHr) ? static_cast<uint32_t>(maxCommandSize) : 0u;
    // The held object if there is one: the session state asked is that object's.
    ComPtr<IMbnDeviceService> service = Held(interfaceId, s.serviceId);
    hr = S_OK;
    if (!service) {
      Bstr sid(s.serviceId);
      hr = Note(context->GetDeviceService(sid.Get(), service.Put()), "GetDeviceService");
      if (SUCCEEDED(hr)) Hold(interfaceId, s.serviceId, context.Get(), &service);
    }
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
  // The object every earlier call of this service went through: its sessions are its own.
  *out = Held(interfaceId, serviceId);
  if (*out) return {"", 0, 0, false};
  ComPtr<IMbnDeviceServicesContext> context;
  HRESULT hr = Note(GetContext(m.services.Get(), interfaceId, &context), "GetDeviceServicesContext");
  if (FAILED(hr)) return {"context", U32(hr), 0, false};

  // Find the service's ID as the device spells it, so callers may use any brace/case form.
  SafeArray array;
  hr = Note(context->EnumerateDeviceServices(array.Put()), "EnumerateDeviceServices");
  if (FAILED(hr)) return {"lookup", U32(hr), 0, false};
  std::vector<ServiceInfo> services;  // S_OK with no array lists none: no such service
  hr = array.Get() ? ReadServices(array.Get(), &services) : S_OK;
  if (FAILED(hr)) return {"lookup", U32(hr), 0, false};
  const ServiceInfo* match = nullptr;
  for (const ServiceInfo& s : services) {
    if (SameServiceId(s.serviceId, serviceId)) match = &s;
  }
  if (!match) return {"lookup", U32(HRESULT_FROM_WIN32(ERROR_NOT_FOUND)), 0, false};

  Bstr sid(match->serviceId);
  hr = Note(context->GetDeviceService(sid.Get(), out->Put()), "GetDeviceService");
  if (FAILED(hr)) return {"service", U32(hr), 0, false};
  Hold(interfaceId, match->serviceId, context.Get(), out);
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

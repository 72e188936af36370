// Method bodies follow the reference's documented semantics (§3, §5): out pointers NULL on
// failure, ERROR_NOT_FOUND for an unknown interface, ERROR_NOT_SUPPORTED for a device without
// services, E_PENDING while "probing", arrays the caller destroys with BSTRs the caller frees.
// Array lower bounds are 1, not 0, on purpose: the reference says a client must not assume 0.
#include "objects.h"

#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "object_base.h"
#include "world.h"

namespace fake {

Object::Object() : epoch(World::Get().Epoch()) { World::Get().ObjectCreated(); }

Object::~Object() { World::Get().ObjectDestroyed(); }

HRESULT STDMETHODCALLTYPE QueryInterface(View* self, REFIID riid, void** out) {
  if (!out) return E_POINTER;
  View* v = self->owner->Find(riid);
  *out = v;
  if (!v) return E_NOINTERFACE;
  self->owner->refs.fetch_add(1);
  return S_OK;
}

ULONG STDMETHODCALLTYPE AddRef(View* self) { return self->owner->refs.fetch_add(1) + 1; }

ULONG STDMETHODCALLTYPE Release(View* self) {
  long left = self->owner->refs.fetch_sub(1) - 1;
  if (left == 0) delete self->owner;
  return static_cast<ULONG>(left);
}

HRESULT STDMETHODCALLTYPE NotImpl() { return E_NOTIMPL; }

BSTR Bstr(const std::wstring& s) {
  return SysAllocStringLen(s.data(), static_cast<UINT>(s.size()));
}

std::wstring FromBstr(BSTR b) { return b ? std::wstring(b, SysStringLen(b)) : L""; }

// ---------------------------------------------------------------- IMbnInterface (§3.3)

struct InterfaceObj : Object {
  explicit InterfaceObj(size_t d);
  View* Find(REFIID iid) override {
    return IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, kIidInterface) ? &view : nullptr;
  }
  size_t device;
  View view;
};

const DeviceSpec& Spec(size_t device) { return World::Get().config().devices[device]; }
static InterfaceObj* AsInterface(View* v) { return static_cast<InterfaceObj*>(v->owner); }

static HRESULT STDMETHODCALLTYPE If_get_InterfaceID(View* self, BSTR* out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  if (World::Get().InterfaceIdFails()) return HRESULT_FROM_WIN32(ERROR_GEN_FAILURE);
  *out = Bstr(Spec(AsInterface(self)->device).interfaceId);
  return S_OK;
}

static HRESULT STDMETHODCALLTYPE If_GetInterfaceCapability(View* self, InterfaceCapsRecord* caps) {
  if (!caps) return E_POINTER;
  std::memset(caps, 0, sizeof *caps);
  GONE_CHECK(self);
  const DeviceSpec& d = Spec(AsInterface(self)->device);
  if (World::Get().CapsPending(AsInterface(self)->device)) return E_PENDING;
  caps->cellularClass = 1;  // GSM
  caps->voiceClass = 1;     // no voice
  caps->dataClass = 0x20;   // LTE
  caps->deviceID = Bstr(d.deviceId);
  caps->manufacturer = Bstr(d.manufacturer);
  caps->model = Bstr(d.model);
  caps->firmwareInfo = Bstr(d.firmware);
  return S_OK;
}

static HRESULT STDMETHODCALLTYPE If_GetReadyState(View* self, int32_t* state) {
  if (!state) return E_POINTER;
  GONE_CHECK(self);
  int32_t ready = World::Get().ReadyState(AsInterface(self)->device);
  if (ready < 0) return E_PENDING;
  *state = ready;
  return S_OK;
}

static void* const kInterfaceVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(If_get_InterfaceID),         // 3
    FN(If_GetInterfaceCapability),  // 4
    FN(NotImpl),                    // 5 GetSubscriberInformation
    FN(If_GetReadyState),           // 6
    FN(NotImpl),                    // 7 InEmergencyMode
    FN(NotImpl),                    // 8 GetHomeProvider
    FN(NotImpl),                    // 9 GetPreferredProviders
    FN(NotImpl),                    // 10 SetPreferredProviders
    FN(NotImpl),                    // 11 GetVisibleProviders
    FN(NotImpl),                    // 12 ScanNetwork
    FN(NotImpl),                    // 13 GetConnection
};

InterfaceObj::InterfaceObj(size_t d) : device(d), view{kInterfaceVtbl, this} {}

View* NewInterfaceObject(size_t device) { return &(new InterfaceObj(device))->view; }

// ---------------------------------------------------------------- IMbnDeviceServicesContext (§3.5)

struct ContextObj : Object {
  ContextObj(size_t d, uint64_t g);
  View* Find(REFIID iid) override {
    return IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, kIidDeviceServicesContext) ? &view
                                                                                       : nullptr;
  }
  size_t device;
  uint64_t generation;
  View view;
};

static ContextObj* AsContext(View* v) { return static_cast<ContextObj*>(v->owner); }

static HRESULT STDMETHODCALLTYPE Ctx_EnumerateDeviceServices(View* self, SAFEARRAY** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  ContextObj* c = AsContext(self);
  if (!World::Get().DeviceCurrent(c->device, c->generation)) {
    return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
  }
  const DeviceSpec& d = Spec(c->device);
  if (World::Get().ServicesPending(c->device)) return E_PENDING;
  if (d.services.empty()) return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
  if (World::Get().config().switches.servicesNull) return S_OK;  // *out stays NULL
  if (World::Get().config().switches.recordArray) return RecordArrayOf(d, out);
  // A plain array of MBN_DEVICE_SERVICE records: SafeArrayDestroy frees the memory only, so the
  // BSTRs are the caller's to free (reference §3.5).
  SAFEARRAY* array = nullptr;
  HRESULT hr = SafeArrayAllocDescriptor(1, &array);
  if (FAILED(hr)) return hr;
  array->cbElements = sizeof(DeviceServiceRecord);
  array->rgsabound[0].lLbound = 1;
  array->rgsabound[0].cElements = static_cast<ULONG>(d.services.size());
  hr = SafeArrayAllocData(array);
  if (FAILED(hr)) {
    SafeArrayDestroyDescriptor(array);
    return hr;
  }
  auto* records = static_cast<DeviceServiceRecord*>(array->pvData);
  for (size_t i = 0; i < d.services.size(); ++i) {
    records[i].deviceServiceID = Bstr(d.services[i].serviceId);
    records[i].dataWriteSupported = d.services[i].dataWrite ? VARIANT_TRUE : VARIANT_FALSE;
    records[i].dataReadSupported = d.services[i].dataRead ? VARIANT_TRUE : VARIANT_FALSE;
  }
  *out = array;
  return S_OK;
}

static HRESULT STDMETHODCALLTYPE Ctx_GetDeviceService(View* self, BSTR id, View** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  ContextObj* c = AsContext(self);
  if (!World::Get().DeviceCurrent(c->device, c->generation)) {
    return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
  }
  std::wstring want = FromBstr(id);
  const DeviceSpec& d = Spec(c->device);
  for (size_t i = 0; i < d.services.size(); ++i) {
    if (d.services[i].serviceId == want) {
      // fresh-service: a new object per call; the callbacks still name the shared one.
      *out = World::Get().config().switches.freshService
                 ? NewDeviceServiceObject(c->device, i, c->generation)
                 : SharedDeviceServiceObject(c->device, i, c->generation);
      return S_OK;
    }
  }
  return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
}

// From the scenario's device `maxCommandSize` (the simulator lists the same number).
static HRESULT STDMETHODCALLTYPE Ctx_get_MaxCommandSize(View* self, ULONG* out) {
  if (!out) return E_POINTER;
  *out = 0;
  GONE_CHECK(self);
  *out = Spec(AsContext(self)->device).maxCommandSize;
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Ctx_get_MaxDataSize(View* self, ULONG* out) {
  if (!out) return E_POINTER;
  *out = 0;
  GONE_CHECK(self);
  *out = kMaxDataSize;
  return S_OK;
}

static void* const kContextVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(Ctx_EnumerateDeviceServices),  // 3
    FN(Ctx_GetDeviceService),         // 4
    FN(Ctx_get_MaxCommandSize),       // 5
    FN(Ctx_get_MaxDataSize),          // 6
};

ContextObj::ContextObj(size_t d, uint64_t g) : device(d), generation(g), view{kContextVtbl, this} {}

// ---------------------------------------------------------------- connection points (§4)

// A manager is the connection-point container for its events (§4); the interface manager serves
// IMbnInterfaceEvents as well as IMbnInterfaceManagerEvents.
struct ManagerObj : Object {
  ManagerObj(const GUID& iid, const GUID& events, const GUID& moreEvents, void* const* vtbl);
  View* Find(REFIID iid) override {
    if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, managerIid)) return &manager;
    if (IsEqualIID(iid, IID_IConnectionPointContainer)) return &container;
    return nullptr;
  }
  GUID managerIid, eventsIid, moreEventsIid;
  View manager, container;
};

struct ConnectionPointObj : Object {
  ConnectionPointObj(ManagerObj* owner, const GUID& events);
  ~ConnectionPointObj() override { Release(&container->container); }
  View* Find(REFIID iid) override {
    return IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IConnectionPoint) ? &view
                                                                                  : nullptr;
  }
  ManagerObj* container;  // one reference held
  GUID eventsIid;
  View view;
};

static ConnectionPointObj* AsCp(View* v) { return static_cast<ConnectionPointObj*>(v->owner); }

static HRESULT STDMETHODCALLTYPE Cp_GetConnectionInterface(View* self, IID* out) {
  if (!out) return E_POINTER;
  *out = AsCp(self)->eventsIid;
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Cp_GetConnectionPointContainer(View* self, View** out) {
  if (!out) return E_POINTER;
  *out = &AsCp(self)->container->container;
  AddRef(*out);
  return S_OK;
}
static HRESULT STDMETHODCALLTYPE Cp_Advise(View* self, IUnknown* sink, DWORD* cookie) {
  if (!sink || !cookie) return E_POINTER;
  *cookie = 0;
  // As COM connection points do: ask the sink for the outgoing interface and keep that reference.
  void* typed = nullptr;
  GONE_CHECK(self);
  const GUID& events = AsCp(self)->eventsIid;
  if (FAILED(sink->QueryInterface(events, &typed)) || !typed) return CONNECT_E_CANNOTCONNECT;
  return World::Get().Advise(events, typed, cookie);
}
static HRESULT STDMETHODCALLTYPE Cp_Unadvise(View* self, DWORD cookie) {
  GONE_CHECK(self);
  return World::Get().Unadvise(AsCp(self)->eventsIid, cookie);
}

static void* const kConnectionPointVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(Cp_GetConnectionInterface),       // 3
    FN(Cp_GetConnectionPointContainer),  // 4
    FN(Cp_Advise),                       // 5
    FN(Cp_Unadvise),                     // 6
    FN(NotImpl),                         // 7 EnumConnections
};

ConnectionPointObj::ConnectionPointObj(ManagerObj* owner, const GUID& events)
    : container(owner), eventsIid(events), view{kConnectionPointVtbl, this} {
  AddRef(&owner->container);
}

static HRESULT STDMETHODCALLTYPE Cpc_FindConnectionPoint(View* self, REFIID iid, View** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  auto* m = static_cast<ManagerObj*>(self->owner);
  if (!IsEqualIID(iid, m->eventsIid) && !IsEqualIID(iid, m->moreEventsIid)) {
    return CONNECT_E_NOCONNECTION;
  }
  *out = &(new ConnectionPointObj(m, iid))->view;
  return S_OK;
}

static void* const kContainerVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(NotImpl),                  // 3 EnumConnectionPoints
    FN(Cpc_FindConnectionPoint),  // 4
};

ManagerObj::ManagerObj(const GUID& iid, const GUID& events, const GUID& moreEvents,
                       void* const* vtbl)
    : managerIid(iid),
      eventsIid(events),
      moreEventsIid(moreEvents),
      manager{vtbl, this},
      container{kContainerVtbl, this} {}

// ---------------------------------------------------------------- IMbnInterfaceManager (§3.1)

static HRESULT STDMETHODCALLTYPE Im_GetInterface(View* self, LPCWSTR id, View** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  long d = World::Get().FindDevice(id);
  if (d < 0) return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
  *out = NewInterfaceObject(static_cast<size_t>(d));
  return S_OK;
}

static HRESULT STDMETHODCALLTYPE Im_GetInterfaces(View* self, SAFEARRAY** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  std::vector<size_t> present = World::Get().PresentDevices();
  SAFEARRAYBOUND bound{static_cast<ULONG>(present.size()), 1};
  if (World::Get().config().switches.interfacesI8) {
    // As many 8-byte elements as there are devices, none of them a pointer: a client that reads
    // them as IMbnInterface* without looking at the element type calls through garbage.
    SAFEARRAY* numbers = SafeArrayCreate(VT_I8, 1, &bound);
    if (!numbers) return E_OUTOFMEMORY;
    for (LONG i = 1; i <= static_cast<LONG>(present.size()); ++i) {
      LONGLONG value = 0x0BADF00D00000000LL + i;
      SafeArrayPutElement(numbers, &i, &value);
    }
    *out = numbers;
    return S_OK;
  }
  SAFEARRAY* array = SafeArrayCreate(VT_UNKNOWN, 1, &bound);
  if (!array) return E_OUTOFMEMORY;
  for (size_t i = 0; i < present.size(); ++i) {
    View* iface = NewInterfaceObject(present[i]);
    LONG index = static_cast<LONG>(i) + 1;
    SafeArrayPutElement(array, &index, iface);  // takes its own reference
    Release(iface);
  }
  *out = array;
  return S_OK;
}

static void* const kInterfaceManagerVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(Im_GetInterface),   // 3
    FN(Im_GetInterfaces),  // 4
};

// ---------------------------------------------------------------- IMbnDeviceServicesManager (§3.4)

static HRESULT STDMETHODCALLTYPE Dsm_GetDeviceServicesContext(View* self, BSTR id, View** out) {
  if (!out) return E_POINTER;
  *out = nullptr;
  GONE_CHECK(self);
  long d = World::Get().FindDevice(id);
  if (d < 0) return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
  auto device = static_cast<size_t>(d);
  *out = &(new ContextObj(device, World::Get().Generation(device)))->view;
  return S_OK;
}

static void* const kDeviceServicesManagerVtbl[] = {
    FN(QueryInterface), FN(AddRef), FN(Release),
    FN(Dsm_GetDeviceServicesContext),  // 3
};

static HRESULT Create(ManagerObj* obj, REFIID riid, void** out) {
  HRESULT hr = QueryInterface(&obj->manager, riid, out);
  Release(&obj->manager);
  return hr;
}

HRESULT CreateInterfaceManager(REFIID riid, void** out) {
  return Create(new ManagerObj(kIidInterfaceManager, kIidInterfaceManagerEvents, kIidInterfaceEvents,
                               kInterfaceManagerVtbl),
                riid, out);
}

HRESULT CreateDeviceServicesManager(REFIID riid, void** out) {
  return Create(new ManagerObj(kIidDeviceServicesManager, kIidDeviceServicesEvents,
                               kIidDeviceServicesEvents,
                               kDeviceServicesManagerVtbl),
                riid, out);
}

}  // namespace fake
